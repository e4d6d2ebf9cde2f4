using System.Net;
using System.Net.Sockets;

namespace MoneroNet.Rpc.Tests.Support;

/// <summary>Sends exact request bytes over a fresh TCP connection and collects everything the server sends back.</summary>
internal static class RawHttp
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Sends the bytes, then reads until the server closes the connection.</summary>
    public static async Task<byte[]> ExchangeAsync(IPEndPoint server, byte[] request, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        using var client = new TcpClient(server.AddressFamily);
        await client.ConnectAsync(server, cts.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(request, cts.Token);
        return await ReadToEndAsync(stream, cts.Token);
    }

    /// <summary>Reads until end of stream; a reset counts as the end.</summary>
    public static async Task<byte[]> ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException e) when (e.InnerException is SocketException)
        {
            // The server reset the connection: what came before the reset is the answer.
        }

        return received.ToArray();
    }

    public static byte[] Request(string method, string target, string? body, bool close = true, string? contentType = "application/json")
    {
        var bodyBytes = body is null ? [] : System.Text.Encoding.UTF8.GetBytes(body);
        var head = $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + (contentType is null ? "" : $"Content-Type: {contentType}\r\n")
            + $"Content-Length: {bodyBytes.Length}\r\n"
            + (close ? "Connection: close\r\n" : "")
            + "\r\n";
        return [.. System.Text.Encoding.ASCII.GetBytes(head), .. bodyBytes];
    }
}
