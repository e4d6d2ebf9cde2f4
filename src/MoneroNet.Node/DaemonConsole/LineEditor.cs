using System.Text;

namespace MoneroNet.Node.DaemonConsole;

/// <summary>What a key did to the line being edited.</summary>
internal enum LineEditResult
{
    /// <summary>The line changed or the cursor moved (or nothing happened): redraw and read on.</summary>
    Editing,

    /// <summary>Enter: <see cref="LineEditor.TakeLine"/> has the line.</summary>
    Submitted,

    /// <summary>Ctrl-D on an empty line: the end of input.</summary>
    EndOfInput,
}

/// <summary>
/// The prompt's line editing and history, as readline gives monerod's prompt its basics: printable keys insert at the
/// cursor; Left/Right, Home/End (and Ctrl-A/Ctrl-E) move; Backspace and Delete (Ctrl-D on a non-empty line) delete;
/// Ctrl-U and Ctrl-K cut before and after the cursor; Up/Down (Ctrl-P/Ctrl-N) walk the history, keeping the line being
/// typed to come back to. Each submitted non-empty line that differs from the previous one is remembered, at most
/// <see cref="HistoryLimit"/>. Pure state: <see cref="Render"/> gives the text that redraws the line in a terminal.
/// </summary>
internal sealed class LineEditor
{
    public const int HistoryLimit = 1000;

    private readonly StringBuilder _line = new();
    private readonly List<string> _history = [];
    private int _cursor;
    private int _historyIndex; // == _history.Count: the line being typed
    private string _typed = "";

    public LineEditor(string prompt = "") => Prompt = prompt ?? throw new ArgumentNullException(nameof(prompt));

    public string Prompt { get; }

    public string Line => _line.ToString();

    public int Cursor => _cursor;

    public IReadOnlyList<string> History => _history;

    public LineEditResult Apply(ConsoleKeyInfo key)
    {
        var ctrl = (key.Modifiers & ConsoleModifiers.Control) != 0;
        switch (key.Key)
        {
            case ConsoleKey.Enter:
                return LineEditResult.Submitted;
            case ConsoleKey.LeftArrow:
                _cursor = Math.Max(0, _cursor - 1);
                return LineEditResult.Editing;
            case ConsoleKey.RightArrow:
                _cursor = Math.Min(_line.Length, _cursor + 1);
                return LineEditResult.Editing;
            case ConsoleKey.Home:
                _cursor = 0;
                return LineEditResult.Editing;
            case ConsoleKey.End:
                _cursor = _line.Length;
                return LineEditResult.Editing;
            case ConsoleKey.Backspace:
                if (_cursor > 0)
                    _line.Remove(--_cursor, 1);
                return LineEditResult.Editing;
            case ConsoleKey.Delete:
                DeleteAtCursor();
                return LineEditResult.Editing;
            case ConsoleKey.UpArrow:
                Recall(-1);
                return LineEditResult.Editing;
            case ConsoleKey.DownArrow:
                Recall(+1);
                return LineEditResult.Editing;
        }
        if (ctrl)
        {
            switch (key.Key)
            {
                case ConsoleKey.A: _cursor = 0; break;
                case ConsoleKey.E: _cursor = _line.Length; break;
                case ConsoleKey.B: _cursor = Math.Max(0, _cursor - 1); break;
                case ConsoleKey.F: _cursor = Math.Min(_line.Length, _cursor + 1); break;
                case ConsoleKey.P: Recall(-1); break;
                case ConsoleKey.N: Recall(+1); break;
                case ConsoleKey.U:
                    _line.Remove(0, _cursor);
                    _cursor = 0;
                    break;
                case ConsoleKey.K:
                    _line.Length = _cursor;
                    break;
                case ConsoleKey.D:
                    if (_line.Length == 0)
                        return LineEditResult.EndOfInput;
                    DeleteAtCursor();
                    break;
            }
            return LineEditResult.Editing;
        }
        if (key.KeyChar == '\u0004' && _line.Length == 0) // Ctrl-D as a character (some terminals)
            return LineEditResult.EndOfInput;
        if (!char.IsControl(key.KeyChar))
            _line.Insert(_cursor++, key.KeyChar);
        return LineEditResult.Editing;
    }

    /// <summary>The submitted line; it goes into the history and the editor starts an empty line.</summary>
    public string TakeLine()
    {
        var line = _line.ToString();
        var trimmed = line.Trim();
        if (trimmed.Length > 0 && (_history.Count == 0 || _history[^1] != trimmed))
        {
            if (_history.Count == HistoryLimit)
                _history.RemoveAt(0);
            _history.Add(trimmed);
        }
        _line.Clear();
        _cursor = 0;
        _historyIndex = _history.Count;
        _typed = "";
        return line;
    }

    /// <summary>
    /// The terminal text that redraws the prompt and line with the cursor in place: carriage return, prompt, line,
    /// erase to the end of the screen line, then the cursor moved back from the end.
    /// </summary>
    public string Render()
    {
        var back = _line.Length - _cursor;
        return "\r" + Prompt + _line + "\u001b[K" + (back > 0 ? $"\u001b[{back}D" : "");
    }

    private void DeleteAtCursor()
    {
        if (_cursor < _line.Length)
            _line.Remove(_cursor, 1);
    }

    private void Recall(int step)
    {
        var next = _historyIndex + step;
        if (next < 0 || next > _history.Count)
            return;
        if (_historyIndex == _history.Count)
            _typed = _line.ToString();
        _historyIndex = next;
        _line.Clear().Append(next == _history.Count ? _typed : _history[next]);
        _cursor = _line.Length;
    }
}
