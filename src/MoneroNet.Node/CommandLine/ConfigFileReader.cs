namespace MoneroNet.Node.CommandLine;

/// <summary>One <c>name=value</c> setting of a config file, with its line number for messages.</summary>
internal sealed record ConfigFileEntry(string Name, string Value, int Line);

/// <summary>
/// Reads monerod's config file format (boost::program_options' config file syntax): one <c>name=value</c> per line,
/// spaces around name and value ignored, <c>#</c> starts a comment anywhere on a line, blank lines skipped,
/// <c>[section]</c> prefixes the following names with "section.". A line without <c>=</c> is an error, and so is a
/// NUL character anywhere (found by fuzzing: a NUL in a path value made the path functions throw).
/// </summary>
internal static class ConfigFileReader
{
    /// <summary>A config file larger than this is refused rather than read (monerod's are a few kB).</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <returns>The entries in file order, or an error text (without the "Error parsing config file: " prefix).</returns>
    public static (IReadOnlyList<ConfigFileEntry> Entries, string? Error) Read(string path)
    {
        var size = new FileInfo(path).Length;
        if (size > MaxFileBytes)
            return ([], $"the file is larger than {MaxFileBytes} bytes");
        return Parse(File.ReadAllLines(path));
    }

    public static (IReadOnlyList<ConfigFileEntry> Entries, string? Error) Parse(IReadOnlyList<string> lines)
    {
        var entries = new List<ConfigFileEntry>();
        var prefix = "";
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            // No path, address or name holds a NUL, and .NET's file APIs throw on one: refuse the file here.
            if (line.Contains('\0', StringComparison.Ordinal))
                return ([], $"the options configuration file contains a NUL character on line {i + 1}");
            var comment = line.IndexOf('#');
            if (comment >= 0)
                line = line[..comment];
            line = line.Trim();
            if (line.Length == 0)
                continue;

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                prefix = line[1..^1].Trim() + ".";
                continue;
            }

            var equals = line.IndexOf('=');
            if (equals <= 0)
                return ([], $"the options configuration file contains an invalid line '{line}'");
            entries.Add(new ConfigFileEntry(prefix + line[..equals].Trim(), line[(equals + 1)..].Trim(), i + 1));
        }
        return (entries, null);
    }
}
