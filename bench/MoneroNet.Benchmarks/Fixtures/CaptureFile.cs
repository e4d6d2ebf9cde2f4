using System.Reflection;
using MoneroNet.Levin;

namespace MoneroNet.Benchmarks.Fixtures;

/// <summary>
/// A real monerod capture embedded in this assembly: hex text of exactly one Levin message (33-byte header + body),
/// as listed in tests/TestData/vectors/MANIFEST.md.
/// </summary>
internal static class CaptureFile
{
    /// <summary>The whole message (header and body) of the capture named <paramref name="name"/> (e.g. "timed_sync_request.hex").</summary>
    public static byte[] ReadMessage(string name)
    {
        string resource = "Captures." + name;
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"capture {resource} is not embedded in the benchmark assembly");
        using var reader = new StreamReader(stream);
        byte[] message = Convert.FromHexString(reader.ReadToEnd().Trim());

        if (!LevinHeader.TryRead(message, out LevinHeader header) || message.Length != LevinHeader.Size + (long)header.BodyLength)
            throw new InvalidOperationException($"capture {name} is not exactly one Levin message ({message.Length} bytes, body declared {header.BodyLength})");
        return message;
    }
}
