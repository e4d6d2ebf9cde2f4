using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MoneroNet.Epee;
using MoneroNet.Node.CommandLine;
using MoneroNet.Node.Hosting;
using MoneroNet.P2P;
using MoneroNet.Rpc;
using MoneroNet.Rpc.Security;
using MoneroNet.Wire;
using MoneroNet.Wire.Rpc;

namespace MoneroNet.Node.Tests;

/// <summary>
/// --disable-rpc-ban, and the RPC server over the real P2P ban list (docs/PROTOCOL.md §7.8): P2PNodeQuery answers "is
/// this host banned" at accept, and an RPC fail-score ban lands in the P2P node's ban list for 24 h on its clock (so
/// get_bans shows it and it expires there).
/// </summary>
public sealed class RpcBanWiringTests : IAsyncDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly string _dataDir = Directory.CreateTempSubdirectory("moneronet-rpcban-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private P2PNode? _p2p;
    private RpcServer? _rpc;

    public async ValueTask DisposeAsync()
    {
        if (_rpc is not null) await _rpc.DisposeAsync();
        if (_p2p is not null) await _p2p.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    private static CommandLineResult Parse(params string[] args) => NodeCommandLine.Parse(args, "/home/x", "/");

    [Fact]
    public void Disable_rpc_ban_is_off_by_default_and_reaches_both_servers()
    {
        var plain = Assert.IsType<NodeOptions>(Parse("--rpc-restricted-bind-port", "18089").Options);
        Assert.False(plain.DisableRpcBan);
        Assert.All(NodeHost.RpcServerOptionsFor(plain, null, null), s => Assert.False(s.DisableRpcBan));

        var given = Assert.IsType<NodeOptions>(Parse("--disable-rpc-ban", "--rpc-restricted-bind-port", "18089").Options);
        Assert.True(given.DisableRpcBan);
        var servers = NodeHost.RpcServerOptionsFor(given, null, null);
        Assert.Equal(2, servers.Count);
        Assert.All(servers, s => Assert.True(s.DisableRpcBan));
        Assert.Contains(" disable-rpc-ban", given.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void Disable_rpc_ban_is_a_switch_that_a_config_file_may_set()
    {
        var config = Path.Combine(_dataDir, "node.conf");
        File.WriteAllText(config, "disable-rpc-ban=1\n");
        Assert.True(NodeCommandLine.Parse(["--config-file", config], _dataDir, _dataDir).Options!.DisableRpcBan);
        Assert.Equal(CommandLineAction.Fail, Parse("--disable-rpc-ban", "yes").Action);
        Assert.Contains("  --disable-rpc-ban ", NodeCommandLine.HelpText, StringComparison.Ordinal);
    }

    private async Task<IPEndPoint> StartAsync(params string[] extraArgs)
    {
        var options = Assert.IsType<NodeOptions>(Parse(["--testnet", "--data-dir", _dataDir, .. extraArgs]).Options);
        _p2p = new P2PNode(P2POptionsFactory.Create(options), NullLoggerFactory.Instance, _time);
        var rpcOptions = NodeHost.RpcServerOptionsFor(options, null, null)[0] with { Port = 0, Tls = RpcTlsMode.Disabled };
        _rpc = new RpcServer(rpcOptions, new P2PNodeQuery(_p2p, new SynchronizationLatch(), _dataDir), new P2PNodeControl(_p2p),
            _time, NullLoggerFactory.Instance);
        await _rpc.StartAsync(CancellationToken.None);
        return _rpc.BoundEndPoints[0];
    }

    /// <summary>Connects from <paramref name="source"/>, sends the request, reads until the server closes (a reset ends it too).</summary>
    private static async Task<byte[]> ExchangeFromAsync(string source, IPEndPoint server, string target, byte[] body)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
        await socket.ConnectAsync(server);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        using var timeout = new CancellationTokenSource(Within);
        var received = new MemoryStream();
        try
        {
            var head = $"POST {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(body).ToArray(), timeout.Token);
            var buffer = new byte[8192];
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0) received.Write(buffer, 0, read);
        }
        catch (IOException e) when (e.InnerException is SocketException)
        {
            // reset by the server
        }

        return received.ToArray();
    }

    private static byte[] GetHashes(string lastHash) =>
        EpeeStorage.ToArray(new GetHashesRequest { BlockIds = [Hash32.Parse(lastHash)] }.ToSection());

    private static string BodyOf(byte[] response) =>
        Encoding.UTF8.GetString(response, response.AsSpan().IndexOf("\r\n\r\n"u8) + 4, response.Length - response.AsSpan().IndexOf("\r\n\r\n"u8) - 4);

    private static async Task<JsonElement> GetBansAsync(IPEndPoint server)
    {
        var answer = await ExchangeFromAsync("127.0.0.1", server, "/json_rpc", """{"jsonrpc":"2.0","id":0,"method":"get_bans"}"""u8.ToArray());
        return JsonDocument.Parse(BodyOf(answer)).RootElement.GetProperty("result").GetProperty("bans");
    }

    [Fact]
    public async Task Four_failing_requests_ban_the_host_in_the_p2p_ban_list_for_a_day_on_the_nodes_clock()
    {
        var server = await StartAsync();
        const string host = "127.0.0.90";
        string wrongGenesis = new('d', 64);
        string genesis = NetworkConstants.GenesisHashOf(NetworkType.Testnet).ToString();

        for (int i = 0; i < 3; i++) Assert.NotEmpty(await ExchangeFromAsync(host, server, "/get_hashes.bin", GetHashes(wrongGenesis)));
        Assert.Equal(0, (await GetBansAsync(server)).GetArrayLength());
        Assert.NotEmpty(await ExchangeFromAsync(host, server, "/get_hashes.bin", GetHashes(wrongGenesis)));

        var ban = Assert.Single((await GetBansAsync(server)).EnumerateArray());
        Assert.Equal((host, 86400L), (ban.GetProperty("host").GetString(), ban.GetProperty("seconds").GetInt64()));
        Assert.True(_p2p!.Bans.IsBanned(IPAddress.Parse(host), out long? left));
        Assert.Equal(86400, left);
        // Extended get_bans names it an automatic ban of the RPC's fail score, set now on the node's clock.
        var entry = Assert.Single(_p2p.Bans.Snapshot());
        Assert.Equal(("auto:rpc_fail_score", _time.GetUtcNow().ToUnixTimeSeconds()), (entry.Source, entry.CreatedUnixSeconds));
        Assert.Empty(await ExchangeFromAsync(host, server, "/get_hashes.bin", GetHashes(genesis)));

        _time.Advance(TimeSpan.FromSeconds(86399));
        Assert.Empty(await ExchangeFromAsync(host, server, "/get_hashes.bin", GetHashes(genesis)));
        _time.Advance(TimeSpan.FromSeconds(1));
        var answer = await ExchangeFromAsync(host, server, "/get_hashes.bin", GetHashes(genesis));
        var body = answer.AsSpan(answer.AsSpan().IndexOf("\r\n\r\n"u8) + 4).ToArray();
        Assert.Equal("OK", GetHashesResponse.FromSection(EpeeStorage.Read(body, EpeeLimits.Rpc)).Status);
        Assert.Equal(0, (await GetBansAsync(server)).GetArrayLength());
    }

    [Fact]
    public async Task A_set_bans_ban_refuses_rpc_even_with_disable_rpc_ban()
    {
        var server = await StartAsync("--disable-rpc-ban");
        const string host = "127.0.0.91";
        var setBans = """{"jsonrpc":"2.0","id":0,"method":"set_bans","params":{"bans":[{"host":"127.0.0.91","ban":true,"seconds":600}]}}"""u8.ToArray();
        Assert.Contains("\"status\": \"OK\"", BodyOf(await ExchangeFromAsync("127.0.0.1", server, "/json_rpc", setBans)), StringComparison.Ordinal);

        Assert.Empty(await ExchangeFromAsync(host, server, "/get_hashes.bin", GetHashes(new string('e', 64))));
        // Failing requests from another host are answered and never ban it.
        for (int i = 0; i < 6; i++) Assert.NotEmpty(await ExchangeFromAsync("127.0.0.92", server, "/get_hashes.bin", GetHashes(new string('e', 64))));
        Assert.False(_p2p!.Bans.IsBanned(IPAddress.Parse("127.0.0.92"), out _));
        Assert.Single((await GetBansAsync(server)).EnumerateArray());
    }
}
