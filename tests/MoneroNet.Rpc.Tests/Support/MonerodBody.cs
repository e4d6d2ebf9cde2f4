namespace MoneroNet.Rpc.Tests.Support;

/// <summary>
/// monerod's answer with MoneroNet's deliberate difference applied: an empty list is printed as <c>"key": []</c>
/// where monerod leaves the key out. Works on the text (independently of the code under test): the key goes into the
/// object that holds the <c>"status"</c> line, at its byte-ordered place.
/// </summary>
internal static class MonerodBody
{
    public static string WithEmptyArrays(string body, params string[] keys)
    {
        var lines = body.Split("\r\n").ToList();
        foreach (var key in keys)
        {
            Insert(lines, key);
        }

        return string.Join("\r\n", lines);
    }

    private static void Insert(List<string> lines, string key)
    {
        var status = lines.FindIndex(l => l.TrimStart().StartsWith("\"status\": ", StringComparison.Ordinal));
        if (status < 0)
        {
            throw new InvalidOperationException("no status line to place the key beside");
        }

        var indent = Indent(lines[status]);
        var first = status;
        while (first > 0 && Indent(lines[first - 1]) >= indent)
        {
            first--;
        }

        var last = status;
        while (last + 1 < lines.Count && Indent(lines[last + 1]) >= indent)
        {
            last++;
        }

        var siblings = Enumerable.Range(first, last - first + 1)
            .Where(i => Indent(lines[i]) == indent && lines[i].TrimStart().StartsWith('"'))
            .ToList();
        if (siblings.Any(i => KeyOf(lines[i]) == key))
        {
            return;
        }

        var pad = new string(' ', indent);
        var before = siblings.FirstOrDefault(i => string.CompareOrdinal(KeyOf(lines[i]), key) > 0, -1);
        if (before >= 0)
        {
            lines.Insert(before, $"{pad}\"{key}\": [],");
        }
        else
        {
            lines[last] += ",";
            lines.Insert(last + 1, $"{pad}\"{key}\": []");
        }
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    private static string KeyOf(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed[1..trimmed.IndexOf('"', 1)];
    }
}
