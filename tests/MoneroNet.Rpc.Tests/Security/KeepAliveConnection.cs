using System.Net;
using System.Net.Sockets;
using System.Text;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Security;

/// <summary>One TCP connection kept open across requests, reading each answer by its Content-Length.</summary>
internal sealed class KeepAliveConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly MemoryStream _pending = new();

    private KeepAliveConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<KeepAliveConnection> OpenAsync(IPEndPoint server)
    {
        var client = new TcpClient(server.AddressFamily);
        await client.ConnectAsync(server);
        return new KeepAliveConnection(client);
    }

    /// <summary>Sends a POST with the given Authorization header (none when null) and reads one answer.</summary>
    public async Task<HttpResponseBytes> PostAsync(string target, string body, string? authorization = null, string method = "POST")
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var head = $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {bodyBytes.Length}\r\n"
            + (authorization is null ? "" : $"Authorization: {authorization}\r\n")
            + "\r\n";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(bodyBytes).ToArray(), timeout.Token);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var bytes = _pending.ToArray();
            var headEnd = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
            if (headEnd >= 0)
            {
                try
                {
                    var response = HttpResponseBytes.Parse(bytes);
                    _pending.SetLength(0);
                    _pending.Write(bytes, response.Length, bytes.Length - response.Length);
                    return response;
                }
                catch (InvalidDataException)
                {
                    // the body is not complete yet
                }
            }

            var read = await _stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
                throw new IOException("the server closed the connection");
            _pending.Write(buffer, 0, read);
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
