namespace MoneroNet.Levin.Tests.Support;

/// <summary>One row of the P2P quick index in tests/TestData/vectors/MANIFEST.md.</summary>
public sealed record ManifestEntry(string RelativePath, uint Command, LevinFlags Flags, bool ExpectResponse, int ReturnCode, ulong BodyLength)
{
    public override string ToString() => RelativePath;
}

/// <summary>Loads the captured monerod Levin messages and what the manifest says about them.</summary>
public static class CapturedVectors
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData", "vectors");

    public static IReadOnlyList<ManifestEntry> P2pEntries { get; } = ReadManifest();

    public static IEnumerable<object[]> P2pEntryData => P2pEntries.Select(e => new object[] { e.RelativePath });

    public static ManifestEntry Entry(string relativePath) => P2pEntries.Single(e => e.RelativePath == relativePath);

    public static byte[] ReadBytes(string relativePath) =>
        Convert.FromHexString(File.ReadAllText(Path.Combine(Root, relativePath)).Trim());

    public static IEnumerable<string> P2pHexFilesOnDisk() =>
        Directory.EnumerateDirectories(Root, "p2p_*")
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.hex"))
            .Select(path => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/'));

    private static List<ManifestEntry> ReadManifest()
    {
        var entries = new List<ManifestEntry>();
        foreach (string line in File.ReadLines(Path.Combine(Root, "MANIFEST.md")))
        {
            if (!line.StartsWith("| `p2p_", StringComparison.Ordinal))
                continue;

            // | `file` | cmd NAME | from → to | origin | flags | er | rc | body bytes |
            string[] cells = line.Split('|').Select(c => c.Trim()).ToArray();
            string file = cells[1].Trim('`');
            if (!file.EndsWith(".hex", StringComparison.Ordinal))
                continue; // the scenario table also starts its rows with a p2p_ folder
            uint command = uint.Parse(cells[2].Split(' ')[0]);
            LevinFlags flags = cells[5] switch
            {
                "REQUEST(Q)" => LevinFlags.Request,
                "RESPONSE(S)" => LevinFlags.Response,
                _ => throw new InvalidDataException($"Unknown flags cell '{cells[5]}' in MANIFEST.md"),
            };
            bool expectResponse = cells[6] switch
            {
                "1" => true,
                "0" => false,
                _ => throw new InvalidDataException($"Unknown er cell '{cells[6]}' in MANIFEST.md"),
            };
            entries.Add(new ManifestEntry(file, command, flags, expectResponse, int.Parse(cells[7]), ulong.Parse(cells[8])));
        }
        return entries;
    }
}
