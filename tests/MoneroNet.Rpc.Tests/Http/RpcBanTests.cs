using System.Net;
using System.Net.Sockets;
using System.Text;
using MoneroNet.Epee;
using MoneroNet.Rpc.Security;
using MoneroNet.Rpc.Tests.Support;
using MoneroNet.Wire;
using MoneroNet.Wire.Rpc;

namespace MoneroNet.Rpc.Tests.Http;

/// <summary>
/// Bans and RPC fail scores on a real server (docs/PROTOCOL.md §7.8), each client bound to its own 127.0.0.x source: a
/// banned host's connection is closed at accept without a byte and counts against no cap, four failing
/// /get_hashes.bin requests ban the host while a connection it already had keeps being served, --disable-rpc-ban stops
/// the scoring but not the refusal, and 127.0.0.1 is never locked out.
/// </summary>
public sealed class RpcBanTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static readonly byte[] FailingBody =
        EpeeStorage.ToArray(new GetHashesRequest { BlockIds = [Hash32.Parse(new string('c', 64))] }.ToSection());

    private static readonly byte[] GoodBody =
        EpeeStorage.ToArray(new GetHashesRequest { BlockIds = [Hash32.Parse(FakeNodeQuery.TestnetGenesis)] }.ToSection());

    private static byte[] Post(string target, byte[] body, bool close = true) =>
    [
        .. Encoding.ASCII.GetBytes($"POST {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {body.Length}\r\n"
            + (close ? "Connection: close\r\n" : "") + "\r\n"),
        .. body,
    ];

    private static async Task<Socket> ConnectFromAsync(string source, IPEndPoint server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
        await socket.ConnectAsync(server);
        return socket;
    }

    /// <summary>Connects from <paramref name="source"/>, sends the request and reads until the server closes (a reset counts as the end).</summary>
    private static async Task<byte[]> ExchangeFromAsync(string source, IPEndPoint server, byte[] request)
    {
        using var socket = await ConnectFromAsync(source, server);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        using var timeout = new CancellationTokenSource(Within);
        try
        {
            await stream.WriteAsync(request, timeout.Token);
        }
        catch (IOException e) when (e.InnerException is SocketException)
        {
            return []; // already reset
        }

        return await RawHttp.ReadToEndAsync(stream, timeout.Token);
    }

    private static string StatusOf(HttpResponseBytes response) =>
        GetHashesResponse.FromSection(EpeeStorage.Read(response.Body, EpeeLimits.Rpc)).Status;

    [Theory]
    [InlineData(RpcTlsMode.Disabled)]
    [InlineData(RpcTlsMode.Autodetect)]
    public async Task A_banned_host_is_closed_at_accept_without_a_byte_and_takes_no_slot(RpcTlsMode tls)
    {
        await using var server = await RunningServer.StartAsync(options: new RpcServerOptions { BindIp = IPAddress.Loopback, Port = 0, Tls = tls });
        server.Control.Ban(IPAddress.Parse("127.0.0.80"), TimeSpan.FromSeconds(3600));

        var answer = await ExchangeFromAsync("127.0.0.80", server.EndPoint, RawHttp.Request("POST", "/get_info", "{}"));
        Assert.Empty(answer);
        Assert.Equal(0, server.Server.Admission.Open);

        // An idle connection (nothing sent) sees a FIN right after connect, as monerod's clients do: no reset.
        using (var idle = await ConnectFromAsync("127.0.0.80", server.EndPoint))
        {
            using var timeout = new CancellationTokenSource(Within);
            Assert.Equal(0, await idle.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token));
        }

        // A subnet ban refuses the same way; other hosts are served.
        server.Control.Ban(IPNetwork.Parse("127.0.3.0/24"), TimeSpan.FromSeconds(3600));
        Assert.Empty(await ExchangeFromAsync("127.0.3.7", server.EndPoint, RawHttp.Request("POST", "/get_info", "{}")));
        var served = HttpResponseBytes.Parse(await ExchangeFromAsync("127.0.0.81", server.EndPoint, RawHttp.Request("POST", "/get_info", "{}")));
        Assert.Equal("HTTP/1.1 200 Ok", served.StatusLine);

        // Lifting the ban lets the host in again.
        server.Control.Unban(IPAddress.Parse("127.0.0.80"));
        served = HttpResponseBytes.Parse(await ExchangeFromAsync("127.0.0.80", server.EndPoint, RawHttp.Request("POST", "/get_info", "{}")));
        Assert.Equal("HTTP/1.1 200 Ok", served.StatusLine);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Four_failing_get_hashes_ban_the_host_for_a_day_and_an_open_connection_is_still_served(bool restricted)
    {
        await using var server = await RunningServer.StartAsync(restricted: restricted);
        const string host = "127.0.0.82";
        // A keep-alive connection opened before the ban: monerod checks bans only at accept.
        using var early = await ConnectFromAsync(host, server.EndPoint);
        using var earlyStream = new NetworkStream(early, ownsSocket: false);
        await Polling.UntilAsync(() => server.Server.Admission.Open == 1);

        for (int i = 1; i <= 3; i++)
        {
            var failed = HttpResponseBytes.Parse(await ExchangeFromAsync(host, server.EndPoint, Post("/gethashes.bin", FailingBody)));
            Assert.Equal(("HTTP/1.1 200 Ok", "Failed"), (failed.StatusLine, StatusOf(failed)));
            Assert.Equal(i, server.Server.HostGuard.ScoreOf(IPAddress.Parse(host)));
        }

        Assert.Empty(server.Control.Calls);
        Assert.NotEmpty(await ExchangeFromAsync(host, server.EndPoint, Post("/get_hashes.bin", GoodBody)));

        // The fourth failure is still answered, then the host is banned through the node's ban list.
        var fourth = HttpResponseBytes.Parse(await ExchangeFromAsync(host, server.EndPoint, Post("/get_hashes.bin", FailingBody)));
        Assert.Equal("Failed", StatusOf(fourth));
        Assert.Equal([$"ban {host} 86400"], server.Control.Calls);
        Assert.True(server.Node.IsBanned(IPAddress.Parse(host), out long left));
        Assert.Equal(86400, left);

        Assert.Empty(await ExchangeFromAsync(host, server.EndPoint, Post("/get_hashes.bin", GoodBody)));
        using var timeout = new CancellationTokenSource(Within);
        await earlyStream.WriteAsync(Post("/get_hashes.bin", GoodBody), timeout.Token);
        var stillServed = HttpResponseBytes.Parse(await RawHttp.ReadToEndAsync(earlyStream, timeout.Token));
        Assert.Equal("OK", StatusOf(stillServed));

        // The ban runs out on the node's clock.
        server.Node.Now += 86400;
        Assert.NotEmpty(await ExchangeFromAsync(host, server.EndPoint, Post("/get_hashes.bin", GoodBody)));
    }

    [Fact]
    public async Task Disable_rpc_ban_answers_every_failure_but_still_refuses_banned_hosts()
    {
        await using var server = await RunningServer.StartAsync(
            options: new RpcServerOptions { BindIp = IPAddress.Loopback, Port = 0, DisableRpcBan = true });
        for (int i = 0; i < 6; i++)
        {
            var failed = HttpResponseBytes.Parse(await ExchangeFromAsync("127.0.0.83", server.EndPoint, Post("/get_hashes.bin", FailingBody)));
            Assert.Equal("Failed", StatusOf(failed));
        }

        Assert.Empty(server.Control.Calls);
        Assert.Equal(0, server.Server.HostGuard.ScoreOf(IPAddress.Parse("127.0.0.83")));

        server.Control.Ban(IPAddress.Parse("127.0.0.84"), TimeSpan.FromSeconds(3600));
        Assert.Empty(await ExchangeFromAsync("127.0.0.84", server.EndPoint, RawHttp.Request("POST", "/get_info", "{}")));
    }

    [Fact]
    public async Task The_operators_127_0_0_1_is_never_banned_by_rpc_failures_nor_refused()
    {
        await using var server = await RunningServer.StartAsync();
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal("Failed", StatusOf(HttpResponseBytes.Parse(await ExchangeFromAsync("127.0.0.1", server.EndPoint, Post("/get_hashes.bin", FailingBody)))));
        }

        Assert.Empty(server.Control.Calls);
        server.Control.Ban(IPAddress.Loopback, TimeSpan.FromSeconds(3600)); // e.g. to cut a local monerod's P2P link
        var info = HttpResponseBytes.Parse(await ExchangeFromAsync("127.0.0.1", server.EndPoint, RawHttp.Request("POST", "/get_info", "{}")));
        Assert.Equal("HTTP/1.1 200 Ok", info.StatusLine);
    }

    [Fact]
    public async Task Requests_that_are_not_failing_get_hashes_score_nothing()
    {
        await using var server = await RunningServer.StartAsync();
        const string host = "127.0.0.85";
        byte[][] requests =
        [
            Post("/get_hashes.bin", "hello"u8.ToArray()),            // 400
            Post("/get_blocks.bin", FailingBody),                     // 404 here
            RawHttp.Request("POST", "/json_rpc", "{bad}"),            // -32700
            RawHttp.Request("POST", "/json_rpc", "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"nope\"}"),
            RawHttp.Request("POST", "/nothing", "{}"),
        ];
        for (int round = 0; round < 2; round++)
        {
            foreach (var request in requests)
            {
                Assert.NotEmpty(await ExchangeFromAsync(host, server.EndPoint, request));
            }
        }

        Assert.Equal(0, server.Server.HostGuard.ScoreOf(IPAddress.Parse(host)));
        Assert.Empty(server.Control.Calls);
    }
}
