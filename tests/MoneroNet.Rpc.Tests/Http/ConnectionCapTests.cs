using System.Net;
using System.Net.Sockets;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Http;

/// <summary>
/// --rpc-max-connections and the per-address caps on a real server: idle connections from 127.0.0.x sources fill
/// it, the ones over a cap are closed at once (before any byte is read), and a client on 127.0.0.1 is still served.
/// </summary>
public sealed class ConnectionCapTests
{
    private static readonly TimeSpan ClosedWithin = TimeSpan.FromSeconds(5);

    private static async Task<Socket> ConnectFromAsync(string source, IPEndPoint server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
        await socket.ConnectAsync(server);
        return socket;
    }

    /// <summary>True when the server closes (FIN or reset) the connection without sending anything.</summary>
    private static async Task<bool> IsClosedByServerAsync(Socket socket, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[16];
        try
        {
            return await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connections_over_the_caps_are_closed_at_once_and_loopback_still_gets_get_info(bool restricted)
    {
        var options = new RpcServerOptions
        {
            BindIp = IPAddress.Loopback, Port = 0, Restricted = restricted,
            MaxConnections = 8, MaxConnectionsPerPrivateIp = 3, MaxConnectionsPerPublicIp = 1,
        };
        await using var server = await RunningServer.StartAsync(options: options);
        var admission = server.Server.Admission;
        var held = new List<Socket>();
        try
        {
            // Fill the server with idle connections: 3 each from .2 and .3, 2 from .4 (8 = the total cap).
            foreach (var (source, count) in new[] { ("127.0.0.2", 3), ("127.0.0.3", 3), ("127.0.0.4", 2) })
            {
                for (int i = 0; i < count; i++)
                {
                    held.Add(await ConnectFromAsync(source, server.EndPoint));
                    int expected = held.Count;
                    await Polling.UntilAsync(() => admission.Open == expected);
                }
            }

            // Over the per-address cap, and over the total: both closed at once, nothing admitted.
            using var fourthFromTwo = await ConnectFromAsync("127.0.0.2", server.EndPoint);
            Assert.True(await IsClosedByServerAsync(fourthFromTwo, ClosedWithin), "4th connection from 127.0.0.2 left open");
            using var fromFive = await ConnectFromAsync("127.0.0.5", server.EndPoint);
            Assert.True(await IsClosedByServerAsync(fromFive, ClosedWithin), "connection from 127.0.0.5 over the total left open");
            Assert.Equal(8, admission.Open);

            // The admitted ones are still open and idle.
            foreach (var socket in held) Assert.False(await IsClosedByServerAsync(socket, TimeSpan.FromMilliseconds(50)));

            // A well-behaved client on 127.0.0.1 is answered through the loopback reserve.
            var answer = await server.SendAsync(RawHttp.Request("POST", "/json_rpc", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"get_info\"}"));
            Assert.Equal("HTTP/1.1 200 Ok", answer.StatusLine);
            Assert.Contains("\"status\": \"OK\"", answer.BodyText, StringComparison.Ordinal);

            // Closing flood connections makes room again.
            held[0].Dispose();
            held.RemoveAt(0);
            await Polling.UntilAsync(() => admission.Open == 7);
            using var again = await ConnectFromAsync("127.0.0.5", server.EndPoint);
            await Polling.UntilAsync(() => admission.Open == 8);
        }
        finally
        {
            foreach (var socket in held) socket.Dispose();
        }
    }
}
