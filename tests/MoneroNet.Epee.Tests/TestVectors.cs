using System.Text.RegularExpressions;

namespace MoneroNet.Epee.Tests;

/// <summary>The captured Levin messages under TestData/vectors: each file is a 33-byte Levin header plus an epee body.</summary>
internal static partial class TestVectors
{
    public const int LevinHeaderLength = 33;

    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData", "vectors");

    /// <summary>Epee body of a vector (the Levin header is skipped here; the Levin library is a separate layer).</summary>
    public static byte[] Body(string relativePath)
    {
        string hex = File.ReadAllText(Path.Combine(Root, relativePath)).Trim();
        return Convert.FromHexString(hex)[LevinHeaderLength..];
    }

    /// <summary>Origin ("real" or "synthetic") of every P2P vector, from the quick index of MANIFEST.md.</summary>
    public static IReadOnlyDictionary<string, string> Origins { get; } = LoadOrigins();

    private static Dictionary<string, string> LoadOrigins()
    {
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(Path.Combine(Root, "MANIFEST.md")))
        {
            var m = IndexRow().Match(line);
            if (m.Success) origins[m.Groups["path"].Value] = m.Groups["origin"].Value;
        }
        return origins;
    }

    public static IEnumerable<string> WithOrigin(string origin) =>
        Origins.Where(kv => kv.Value == origin).Select(kv => kv.Key).OrderBy(p => p, StringComparer.Ordinal);

    [GeneratedRegex(@"^\| `(?<path>p2p_[^`]+\.hex)` \|.*\| (?<origin>real|synthetic) \|")]
    private static partial Regex IndexRow();
}
