using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MoneroNet.Epee;
using MoneroNet.Interop.Tests.Fixtures;
using MoneroNet.Wire;
using MoneroNet.Wire.Rpc;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// Bans and RPC fail scores on the RPC port (docs/PROTOCOL.md §7.8), the same steps against a real monerod and against
/// MoneroNet, each client bound to its own 127.0.0.x source: a set_bans-banned host's RPC connection is closed at once
/// without a byte (a FIN to a client that sent nothing, on both); /get_hashes.bin answers byte for byte alike, and the fourth failing one bans its host for 24 h;
/// --disable-rpc-ban stops those bans but still refuses banned hosts.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class RpcBanTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static readonly byte[] FailingBody =
        EpeeStorage.ToArray(new GetHashesRequest { BlockIds = [Hash32.Parse(new string('c', 64))], StartHeight = 7 }.ToSection());

    private static readonly byte[] GoodBody = EpeeStorage.ToArray(new GetHashesRequest
    {
        BlockIds = [Hash32.Parse(new string('a', 64)), NetworkConstants.GenesisHashOf(NetworkType.Testnet)],
    }.ToSection());

    /// <summary>One answer: status line, Content-Type, body; or nothing at all when the server closed first.</summary>
    private sealed record Answer(string StatusLine, string? ContentType, byte[] Body)
    {
        public static readonly Answer Nothing = new("", null, []);

        public bool IsNothing => StatusLine.Length == 0 && Body.Length == 0;

        public static Answer Parse(byte[] bytes)
        {
            if (bytes.Length == 0) return Nothing;
            int headEnd = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
            Assert.True(headEnd > 0, "incomplete HTTP answer: " + Encoding.ASCII.GetString(bytes));
            var lines = Encoding.ASCII.GetString(bytes, 0, headEnd).Split("\r\n");
            string? Header(string name) => lines.Skip(1).Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
                .Select(l => l[(name.Length + 1)..]).FirstOrDefault();
            int length = int.Parse(Header("Content-Length")!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
            return new Answer(lines[0], Header("Content-Type"), bytes.AsSpan(headEnd + 4, length).ToArray());
        }

        public string Status => GetHashesResponse.FromSection(EpeeStorage.Read(Body, EpeeLimits.Rpc)).Status;

        public override string ToString() => $"{StatusLine} [{ContentType}] {Convert.ToHexStringLower(Body)}";
    }

    private static async Task<Socket> ConnectFromAsync(string source, IPEndPoint server, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
        await socket.ConnectAsync(server, ct);
        return socket;
    }

    /// <summary>Sends one request from <paramref name="source"/> (Connection: close) and reads until the server closes; a reset ends it too.</summary>
    private static async Task<Answer> PostFromAsync(string source, IPEndPoint server, string target, byte[] body, CancellationToken ct)
    {
        using var socket = await ConnectFromAsync(source, server, ct);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Within);
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
            // reset by the server: what came before it is the answer
        }

        return Answer.Parse(received.ToArray());
    }

    /// <summary>
    /// Connects from <paramref name="source"/> and sends nothing: "FIN" when the server closes without a byte,
    /// "reset" when it resets, "open" when it is still open after 5 s, "data" when it sends something.
    /// </summary>
    private static async Task<string> IdleConnectionFateAsync(string source, IPEndPoint server, CancellationToken ct)
    {
        using var socket = await ConnectFromAsync(source, server, ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            return await socket.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token) == 0 ? "FIN" : "data";
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return "reset";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return "open";
        }
    }

    private static async Task AssertClosedWithFinAsync(DaemonProcess daemon, string source, CancellationToken ct)
    {
        string fate = await IdleConnectionFateAsync(source, daemon.RpcEndPoint, ct);
        Assert.True(fate == "FIN", $"{daemon.Name}: an idle connection from banned {source}: {fate}");
    }

    private static async Task SetBanAsync(MonerodRpc rpc, string host, uint seconds, CancellationToken ct)
    {
        var result = await rpc.CallAsync<JsonElement>("set_bans", new { bans = new[] { new { host, ban = true, seconds } } }, ct);
        Assert.Equal("OK", result.GetProperty("status").GetString());
    }

    private static async Task<Dictionary<string, uint>> GetBansAsync(MonerodRpc rpc, CancellationToken ct)
    {
        var result = await rpc.CallAsync<JsonElement>("get_bans", null, ct);
        return result.TryGetProperty("bans", out var bans)
            ? bans.EnumerateArray().ToDictionary(b => b.GetProperty("host").GetString()!, b => b.GetProperty("seconds").GetUInt32())
            : [];
    }

    private static async Task<(MonerodProcess Monerod, MoneroNetProcess Node)> StartBothAsync(DaemonGroup group, params string[] extra)
    {
        var monerod = await group.StartMonerodAsync(new MonerodOptions { Name = "M", ExtraArguments = extra });
        var node = await group.StartMoneroNetAsync(new MoneroNetOptions { Name = "N", ExtraArguments = extra });
        return (monerod, node);
    }

    [Fact]
    public Task SetBans_ClosesTheBannedHostsRpcConnectionsWithoutAByte_OnBoth() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var (monerod, node) = await StartBothAsync(group);
            foreach (var daemon in new DaemonProcess[] { monerod, node })
            {
                await SetBanAsync(daemon.Rpc, "127.0.0.110", 600, group.Token);
                // monerod closes it right after accept (a FIN, since nothing was sent), and so does MoneroNet.
                await AssertClosedWithFinAsync(daemon, "127.0.0.110", group.Token);
                var refused = await PostFromAsync("127.0.0.110", daemon.RpcEndPoint, "/get_hashes.bin", GoodBody, group.Token);
                Assert.True(refused.IsNothing, $"{daemon.Name}: banned client got {refused}");
                var served = await PostFromAsync("127.0.0.111", daemon.RpcEndPoint, "/get_hashes.bin", GoodBody, group.Token);
                Assert.Equal("OK", served.Status);
            }
        });

    [Fact]
    public Task TheFourthFailingGetHashes_BansTheHostForADay_AndEveryAnswerMatchesMonerods() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var (monerod, node) = await StartBothAsync(group);
            const string host = "127.0.0.112";

            var good = await PostFromAsync("127.0.0.113", monerod.RpcEndPoint, "/get_hashes.bin", GoodBody, group.Token);
            Assert.Equal(("HTTP/1.1 200 Ok", "  application/octet-stream", "OK"), (good.StatusLine, good.ContentType, good.Status));
            Assert.Equal(good, await PostFromAsync("127.0.0.113", node.RpcEndPoint, "/get_hashes.bin", GoodBody, group.Token), AnswerComparer.Instance);
            var junk = await PostFromAsync("127.0.0.113", monerod.RpcEndPoint, "/get_hashes.bin", "hello"u8.ToArray(), group.Token);
            Assert.Equal("HTTP/1.1 400 Bad request", junk.StatusLine);
            Assert.Equal(junk, await PostFromAsync("127.0.0.113", node.RpcEndPoint, "/get_hashes.bin", "hello"u8.ToArray(), group.Token), AnswerComparer.Instance);

            for (int i = 1; i <= 3; i++)
            {
                var theirs = await PostFromAsync(host, monerod.RpcEndPoint, "/gethashes.bin", FailingBody, group.Token);
                var ours = await PostFromAsync(host, node.RpcEndPoint, "/gethashes.bin", FailingBody, group.Token);
                Assert.Equal("Failed", theirs.Status);
                Assert.Equal(theirs, ours, AnswerComparer.Instance);
                Assert.DoesNotContain(host, (await GetBansAsync(monerod.Rpc, group.Token)).Keys);
                Assert.DoesNotContain(host, (await GetBansAsync(node.Rpc, group.Token)).Keys);
            }

            foreach (var daemon in new DaemonProcess[] { monerod, node })
            {
                // The fourth failure is answered, and then the host is banned for P2P_IP_BLOCKTIME.
                Assert.Equal("Failed", (await PostFromAsync(host, daemon.RpcEndPoint, "/get_hashes.bin", FailingBody, group.Token)).Status);
                var bans = await GetBansAsync(daemon.Rpc, group.Token);
                Assert.True(bans.TryGetValue(host, out uint seconds), $"{daemon.Name}: {host} not banned after 4 failures");
                Assert.InRange(seconds, 86400u - 30, 86400u);
                await AssertClosedWithFinAsync(daemon, host, group.Token);
                // Its neighbour, which never failed, is served.
                Assert.Equal("OK", (await PostFromAsync("127.0.0.113", daemon.RpcEndPoint, "/get_hashes.bin", GoodBody, group.Token)).Status);
            }
        });

    [Fact]
    public Task DisableRpcBan_NeverBansForFailures_ButStillRefusesBannedHosts_OnBoth() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var (monerod, node) = await StartBothAsync(group, "--disable-rpc-ban");
            foreach (var daemon in new DaemonProcess[] { monerod, node })
            {
                for (int i = 0; i < 6; i++)
                {
                    Assert.Equal("Failed", (await PostFromAsync("127.0.0.114", daemon.RpcEndPoint, "/get_hashes.bin", FailingBody, group.Token)).Status);
                }

                Assert.Empty(await GetBansAsync(daemon.Rpc, group.Token));
                await SetBanAsync(daemon.Rpc, "127.0.0.115", 600, group.Token);
                await AssertClosedWithFinAsync(daemon, "127.0.0.115", group.Token);
            }
        });

    /// <summary>Same status line, Content-Type and body bytes (the date headers differ by nature).</summary>
    private sealed class AnswerComparer : IEqualityComparer<Answer>
    {
        public static readonly AnswerComparer Instance = new();

        public bool Equals(Answer? x, Answer? y) =>
            x is not null && y is not null && x.StatusLine == y.StatusLine && x.ContentType == y.ContentType && x.Body.AsSpan().SequenceEqual(y.Body);

        public int GetHashCode(Answer obj) => obj.StatusLine.GetHashCode(StringComparison.Ordinal);
    }
}
