using System.Text;

namespace MoneroNet.Rpc.Tests.Support;

/// <summary>One capture from tests/TestData/vectors/rpc: the exact request bytes and the exact response of real monerod.</summary>
internal sealed class Transcript
{
    private static readonly byte[] RequestMarker = "# ---- REQUEST (exact bytes sent) ----\n"u8.ToArray();
    private static readonly byte[] ResponseMarker = "\n# ---- RESPONSE (exact bytes received) ----\n"u8.ToArray();

    private Transcript(string name, byte[] request, HttpResponseBytes? response)
    {
        Name = name;
        Request = request;
        Response = response;
    }

    public string Name { get; }

    public byte[] Request { get; }

    /// <summary>Null when monerod closed the connection without answering.</summary>
    public HttpResponseBytes? Response { get; }

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "TestData", "vectors", "rpc");

    public static Transcript Load(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Directory, name));
        var requestStart = bytes.AsSpan().IndexOf(RequestMarker);
        var responseStart = bytes.AsSpan().IndexOf(ResponseMarker);
        if (responseStart < 0)
        {
            throw new InvalidDataException($"{name}: no response marker");
        }

        var request = requestStart < 0 ? [] : bytes[(requestStart + RequestMarker.Length)..responseStart];
        var responseBytes = bytes[(responseStart + ResponseMarker.Length)..];
        var response = responseBytes.AsSpan().StartsWith("HTTP/"u8) ? HttpResponseBytes.Parse(responseBytes) : null;
        return new Transcript(name, request, response);
    }

    /// <summary>The JSON body of the transcript's request.</summary>
    public string RequestBody
    {
        get
        {
            var text = Encoding.UTF8.GetString(Request);
            var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            return text[(split + 4)..];
        }
    }
}
