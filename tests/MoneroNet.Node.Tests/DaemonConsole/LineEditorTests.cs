using MoneroNet.Node.DaemonConsole;

namespace MoneroNet.Node.Tests.DaemonConsole;

public sealed class LineEditorTests
{
    private static ConsoleKeyInfo Key(ConsoleKey key, char c = '\0', bool ctrl = false) => new(c, key, false, false, ctrl);

    private static void Type(LineEditor editor, string text)
    {
        foreach (var c in text)
            Assert.Equal(LineEditResult.Editing, editor.Apply(new ConsoleKeyInfo(c, c == ' ' ? ConsoleKey.Spacebar : ConsoleKey.A, false, false, false)));
    }

    [Fact]
    public void Keys_insert_at_the_cursor_and_edit_around_it()
    {
        var editor = new LineEditor();
        Type(editor, "prit_cn");
        editor.Apply(Key(ConsoleKey.Home));
        for (var i = 0; i < 3; i++)
            editor.Apply(Key(ConsoleKey.RightArrow));
        Type(editor, "nx");
        Assert.Equal("prinxt_cn", editor.Line);
        editor.Apply(Key(ConsoleKey.Backspace)); // the x before the cursor
        Assert.Equal("print_cn", editor.Line);
        editor.Apply(Key(ConsoleKey.LeftArrow));
        editor.Apply(Key(ConsoleKey.Delete)); // the n under the cursor
        Assert.Equal("prit_cn", editor.Line);
        Type(editor, "n");
        Assert.Equal(("print_cn", 4), (editor.Line, editor.Cursor));
        editor.Apply(Key(ConsoleKey.K, ctrl: true));
        Assert.Equal("prin", editor.Line);
        editor.Apply(Key(ConsoleKey.LeftArrow));
        editor.Apply(Key(ConsoleKey.U, ctrl: true));
        Assert.Equal(("n", 0), (editor.Line, editor.Cursor));
        Assert.Equal(LineEditResult.Submitted, editor.Apply(Key(ConsoleKey.Enter, '\r')));
    }

    [Fact]
    public void Up_and_down_walk_the_history_and_come_back_to_the_line_being_typed()
    {
        var editor = new LineEditor();
        foreach (var line in new[] { "status", "print_cn", "print_cn", "  " })
        {
            Type(editor, line);
            editor.TakeLine();
        }
        Assert.Equal(["status", "print_cn"], editor.History); // repeats and blank lines are not kept
        Type(editor, "ba");
        editor.Apply(Key(ConsoleKey.UpArrow));
        Assert.Equal("print_cn", editor.Line);
        editor.Apply(Key(ConsoleKey.UpArrow));
        Assert.Equal("status", editor.Line);
        editor.Apply(Key(ConsoleKey.UpArrow)); // the oldest stays
        Assert.Equal("status", editor.Line);
        Assert.Equal(6, editor.Cursor);
        editor.Apply(Key(ConsoleKey.DownArrow));
        editor.Apply(Key(ConsoleKey.DownArrow));
        Assert.Equal("ba", editor.Line);
    }

    [Fact]
    public void The_history_is_bounded()
    {
        var editor = new LineEditor();
        for (var i = 0; i < LineEditor.HistoryLimit + 5; i++)
        {
            Type(editor, $"in_peers {i}");
            editor.TakeLine();
        }
        Assert.Equal(LineEditor.HistoryLimit, editor.History.Count);
        Assert.Equal("in_peers 5", editor.History[0]);
    }

    [Fact]
    public void Ctrl_D_ends_the_input_only_on_an_empty_line()
    {
        var editor = new LineEditor();
        Type(editor, "ab");
        editor.Apply(Key(ConsoleKey.LeftArrow));
        Assert.Equal(LineEditResult.Editing, editor.Apply(Key(ConsoleKey.D, '\u0004', ctrl: true)));
        Assert.Equal("a", editor.Line);
        editor.Apply(Key(ConsoleKey.Backspace));
        Assert.Equal(LineEditResult.EndOfInput, editor.Apply(Key(ConsoleKey.D, '\u0004', ctrl: true)));
    }

    [Fact]
    public void Render_redraws_the_line_and_puts_the_cursor_back()
    {
        var editor = new LineEditor();
        Type(editor, "bans");
        editor.Apply(Key(ConsoleKey.LeftArrow));
        editor.Apply(Key(ConsoleKey.LeftArrow));
        Assert.Equal("\rbans\u001b[K\u001b[2D", editor.Render());
    }
}
