using System.Text.RegularExpressions;
using MoneroNet.Levin;

namespace MoneroNet.Wire.Tests;

/// <summary>The captured Levin messages of tests/TestData/vectors (one message per .hex file) and their origin.</summary>
internal static partial class Vectors
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData", "vectors");

    public sealed record Vector(string Name, LevinHeader Header, byte[] Body, bool IsReal);

    /// <summary>Relative names ("p2p_testnet/handshake_request.hex") of every p2p_*/*.hex file.</summary>
    public static IEnumerable<string> AllNames() =>
        Directory.GetDirectories(Root, "p2p_*")
            .SelectMany(d => Directory.GetFiles(d, "*.hex"))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static Vector Load(string name)
    {
        byte[] bytes = Convert.FromHexString(File.ReadAllText(Path.Combine(Root, name)).Trim());
        Assert.True(LevinHeader.TryRead(bytes, out var header), $"{name}: no Levin header");
        Assert.Equal((ulong)(bytes.Length - LevinHeader.Size), header.BodyLength);
        return new Vector(name, header, bytes[LevinHeader.Size..], RealNames.Value.Contains(name));
    }

    // The manifest's quick index marks each vector "real" (bytes monerod sent) or "synthetic" (sent by a script).
    private static readonly Lazy<HashSet<string>> RealNames = new(() =>
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(Path.Combine(Root, "MANIFEST.md")))
        {
            var m = IndexRow().Match(line);
            if (m.Success && m.Groups[2].Value == "real") names.Add(m.Groups[1].Value);
        }
        return names;
    });

    [GeneratedRegex(@"^\| `(p2p_[^`]+\.hex)` \|[^|]*\|[^|]*\| (real|synthetic) \|")]
    private static partial Regex IndexRow();

    public static int RealCount => RealNames.Value.Count;
}
