namespace MoneroNet.Node.DaemonConsole;

/// <summary>
/// Where a command prints, as monerod's message writers do (common/scoped_message_writer.h): plain lines, success
/// lines (green in a terminal) and failure lines, which start with "Error: " (red in a terminal). Colour only when
/// <see cref="Colour"/> is set, so piped output is the same text monerod prints into a pipe.
/// </summary>
internal sealed class ConsoleOutput(TextWriter writer, bool colour = false)
{
    private const string Green = "\u001b[1;32m", Red = "\u001b[1;31m", Reset = "\u001b[0m";

    public TextWriter Writer { get; } = writer ?? throw new ArgumentNullException(nameof(writer));

    public bool Colour { get; } = colour;

    /// <summary>monerod's msg_writer: the text and a new line.</summary>
    public void Line(string text) => Writer.Write(text + "\n");

    /// <summary>monerod's success_msg_writer.</summary>
    public void Success(string text) => Writer.Write(Colour ? Green + text + Reset + "\n" : text + "\n");

    /// <summary>monerod's fail_msg_writer: "Error: " then the text.</summary>
    public void Fail(string text) => Writer.Write(Colour ? Red + "Error: " + text + Reset + "\n" : "Error: " + text + "\n");
}
