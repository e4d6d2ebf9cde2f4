using System.Globalization;
using System.Text;

namespace MoneroNet.Rpc.Tests.Support;

/// <summary>One HTTP/1.1 response split into status line, headers and body (the body cut at Content-Length).</summary>
internal sealed class HttpResponseBytes
{
    private HttpResponseBytes(string statusLine, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body, int length)
    {
        StatusLine = statusLine;
        Headers = headers;
        Body = body;
        Length = length;
    }

    public string StatusLine { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public byte[] Body { get; }

    /// <summary>How many bytes of the input this response took.</summary>
    public int Length { get; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public static HttpResponseBytes Parse(ReadOnlySpan<byte> bytes)
    {
        var headEnd = bytes.IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            throw new InvalidDataException("incomplete HTTP response head: " + Encoding.ASCII.GetString(bytes));
        }

        var lines = Encoding.ASCII.GetString(bytes[..headEnd]).Split("\r\n");
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Select(parts => KeyValuePair.Create(parts[0], parts[1].TrimStart(' ')))
            .ToList();
        var length = int.Parse(headers.First(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value, CultureInfo.InvariantCulture);
        var bodyStart = headEnd + 4;
        if (bytes.Length < bodyStart + length)
        {
            throw new InvalidDataException($"HTTP body shorter than Content-Length {length}");
        }

        return new HttpResponseBytes(lines[0], headers, bytes.Slice(bodyStart, length).ToArray(), bodyStart + length);
    }

    /// <summary>All responses in a byte stream (pipelined or keep-alive answers).</summary>
    public static List<HttpResponseBytes> ParseAll(byte[] bytes)
    {
        var responses = new List<HttpResponseBytes>();
        var offset = 0;
        while (offset < bytes.Length)
        {
            var response = Parse(bytes.AsSpan(offset));
            responses.Add(response);
            offset += response.Length;
        }

        return responses;
    }
}
