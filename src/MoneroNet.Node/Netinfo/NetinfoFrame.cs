using System.Globalization;

namespace MoneroNet.Node.Netinfo;

/// <summary>
/// How one rendering is written out. Once, or with <c>--watch</c> to a terminal: the text itself, a terminal's
/// frame first moving the cursor home and clearing the screen (ANSI <c>ESC[H ESC[2J</c>) so it redraws in place.
/// With <c>--watch</c> piped into a file or another program: no escape sequences; each frame starts with a line
/// giving its time, so the output is a plain log of readings.
/// </summary>
internal static class NetinfoFrame
{
    public const string HomeAndClear = "\u001b[H\u001b[2J";

    public static string Compose(string rendered, bool watch, bool terminal, DateTimeOffset takenAt)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        if (!watch)
            return rendered;
        if (terminal)
            return HomeAndClear + rendered;
        var stamp = takenAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $"--- {stamp} ---\n{rendered}\n";
    }
}
