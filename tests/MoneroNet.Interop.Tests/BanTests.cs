using System.Net;
using System.Text.Json;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// Bans against real monerods (docs/PROTOCOL.md §4.3, §7.7). monerod 0.18 does not bind its outgoing connections to
/// --p2p-bind-ip (public_connect passes "0.0.0.0"), so every monerod reaches MoneroNet from 127.0.0.1: these tests ban
/// 127.0.0.1 (P2P only; the RPC is unaffected) and use raw handshake peers bound to other 127.x addresses as the hosts
/// that must stay untouched. A banned host's connections are dropped at once and its re-dials (an exclusive node is
/// re-dialled every second) are refused.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class BanTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RefusedFor = TimeSpan.FromSeconds(5);

    /// <summary>Where every monerod's outgoing connection comes from.</summary>
    private const string MonerodHost = "127.0.0.1";

    /// <summary>A second loopback host (raw peers bind it) that no test bans unless it says so.</summary>
    private static readonly IPAddress OtherHost = IPAddress.Parse("127.0.0.22");

    [Fact]
    public Task SetBans_DropsTheIncomingMonerodAtOnceAndRefusesItsRedials() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions());
            var banned = await StartDialerAsync(group, "B", node);
            await using var other = await RawHandshakePeer.ConnectAsync(OtherHost, node.P2PEndPoint, group.Token);
            await WaitNormalFromAsync(node, banned, group.Token);
            await WaitNormalAsync(node, other, group.Token);

            await SetBanAsync(node.Rpc, MonerodHost, ban: true, seconds: 3600, group.Token);
            await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync, cs => CountFrom(cs, MonerodHost) == 0,
                TimeSpan.FromSeconds(2), "the banned host's connection is dropped at once", group.Token,
                describe: cs => string.Join("; ", cs));
            await AssertRefusedAsync(node, banned, group.Token);
            // The peer on another address was not touched.
            Assert.Single(await node.Rpc.GetConnectionsAsync(group.Token), c => c.Address == other.Local.ToString() && c.State == "normal");
            Assert.False(other.Closed.IsCompleted, "the unbanned peer's connection was closed");

            var ban = Assert.Single(await GetBansAsync(node.Rpc, group.Token));
            Assert.Equal(MonerodHost, ban.GetProperty("host").GetString());
            Assert.Equal(BitConverter.ToUInt32(IPAddress.Parse(MonerodHost).GetAddressBytes()), ban.GetProperty("ip").GetUInt32());
            Assert.InRange(ban.GetProperty("seconds").GetUInt32(), 3600u - 30, 3600u - 1); // remaining, already counting down
            var answer = await node.Rpc.CallAsync<JsonElement>("banned", new { address = MonerodHost }, group.Token);
            Assert.True(answer.GetProperty("banned").GetBoolean());
            Assert.InRange(answer.GetProperty("seconds").GetUInt32(), 3600u - 30, 3600u - 1);
            Assert.False((await node.Rpc.CallAsync<JsonElement>("banned", new { address = OtherHost.ToString() }, group.Token))
                .GetProperty("banned").GetBoolean());
        });

    [Fact]
    public Task SetBans_OnAnOutgoingPeer_DropsItAndNeverRedials() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var monerod = await group.StartMonerodAsync(new MonerodOptions { Name = "M", P2PBindIp = IPAddress.Parse("127.0.0.23") });
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExclusiveNodes = [monerod.P2PEndPoint] });
            await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
                cs => cs.Any(c => !c.Incoming && c.Address == monerod.P2PEndPoint.ToString() && c.State == "normal"), Within,
                "MoneroNet → M is normal", group.Token, describe: cs => string.Join("; ", cs));

            await SetBanAsync(node.Rpc, "127.0.0.23", ban: true, seconds: 3600, group.Token);
            // Both ends see it gone at once (MoneroNet may log the close a few ms before its list drops the entry).
            await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync, cs => cs.Count == 0, TimeSpan.FromSeconds(2),
                "MoneroNet no longer lists the banned peer", group.Token, describe: cs => string.Join("; ", cs));
            await Eventually.MatchAsync(monerod.Rpc.GetConnectionsAsync, cs => cs.Count == 0, TimeSpan.FromSeconds(2),
                "monerod sees the connection closed at once", group.Token, describe: cs => string.Join("; ", cs));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < RefusedFor)
            {
                Assert.Empty(await node.Rpc.GetConnectionsAsync(group.Token)); // MoneroNet does not dial a banned host
                Assert.Empty(await monerod.Rpc.GetConnectionsAsync(group.Token));
                await Task.Delay(200, group.Token);
            }
        });

    [Fact]
    public Task ShortBan_Expires_AndTheMonerodReconnects() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions());
            var monerod = await StartDialerAsync(group, "B", node);
            await WaitNormalFromAsync(node, monerod, group.Token);

            await SetBanAsync(node.Rpc, MonerodHost, ban: true, seconds: 3, group.Token);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync, cs => CountFrom(cs, MonerodHost) == 0,
                TimeSpan.FromSeconds(2), "the banned host's connection is dropped at once", group.Token,
                describe: cs => string.Join("; ", cs));
            Assert.InRange(Assert.Single(await GetBansAsync(node.Rpc, group.Token)).GetProperty("seconds").GetUInt32(), 1u, 3u);

            // monerod re-dials every second: once the 3 s are over it gets in again and the ban is gone.
            await WaitNormalFromAsync(node, monerod, group.Token);
            output.WriteLine($"reconnected {clock.ElapsedMilliseconds} ms after the 3 s ban was set");
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"reconnected after only {clock.ElapsedMilliseconds} ms");
            Assert.Empty(await GetBansAsync(node.Rpc, group.Token));
            Assert.False((await node.Rpc.CallAsync<JsonElement>("banned", new { address = MonerodHost }, group.Token))
                .GetProperty("banned").GetBoolean());
        });

    [Fact]
    public Task BanListReload_MissingFileOrFifo_LogsOneTruthfulLine_NeverBlocks_KeepsThePreviousBans() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            string dir = Directory.CreateTempSubdirectory("moneronet-interop-banreload-").FullName;
            try
            {
                string file = Path.Combine(dir, "bans.txt");
                await File.WriteAllTextAsync(file, $"{OtherHost}\n", group.Token);
                var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExtraArguments = ["--ban-list", file] });
                const string Reloaded = "reloaded:";
                const string NotReloaded = "not reloaded, the previous bans stay";

                // The file is gone: one warning, no success line, the ban it gave stays.
                File.Delete(file);
                node.ReloadBanList();
                await WaitLogAsync(node, NotReloaded, 1, group.Token);
                Assert.Equal(0, node.Log.CountOf(Reloaded));
                Assert.Contains(OtherHost.ToString(), (await GetBansAsync(node.Rpc, group.Token)).Select(b => b.GetProperty("host").GetString()));

                // A FIFO in its place (opening it for reading would block until a writer came): refused at once.
                Assert.Equal(0, MakeFifo(file));
                node.ReloadBanList();
                await WaitLogAsync(node, "is not a regular file", 1, group.Token);
                Assert.Equal(2, node.Log.CountOf(NotReloaded));
                Assert.Equal(0, node.Log.CountOf(Reloaded));

                // The reload loop is not stuck: a regular file again is applied on the next SIGHUP.
                File.Delete(file);
                await File.WriteAllTextAsync(file, "198.51.100.7\n", group.Token);
                node.ReloadBanList();
                await WaitLogAsync(node, $"SIGHUP: ban list {file} reloaded: 1 hosts, 0 subnets", 1, group.Token);
                var hosts = (await GetBansAsync(node.Rpc, group.Token)).Select(b => b.GetProperty("host").GetString()).ToList();
                Assert.Equal(["198.51.100.7"], hosts);
                Assert.Equal(2, node.Log.CountOf(NotReloaded));
            }
            finally
            {
                await group.DisposeAsync();
                TempDirectory.DeleteQuietly(dir);
            }
        });

    private static int MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        return mkfifo.ExitCode;
    }

    /// <summary>Polls the node's output until <paramref name="count"/> lines contain <paramref name="text"/>.</summary>
    private static Task<int> WaitLogAsync(MoneroNetProcess node, string text, int count, CancellationToken ct) =>
        Eventually.MatchAsync(_ => Task.FromResult(node.Log.CountOf(text)), n => n >= count, TimeSpan.FromSeconds(30),
            $"{count} line(s) containing \"{text}\" in the node's output", ct, describe: n => $"{n} so far\n{node.Log.Tail(20)}");

    [Fact]
    public Task BanListFile_WithCommentsAndABadLine_RefusesListedHosts_SighupAppliesTheEditedList() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            string dir = Directory.CreateTempSubdirectory("moneronet-interop-banlist-").FullName;
            try
            {
                string file = Path.Combine(dir, "bans.txt");
                await File.WriteAllTextAsync(file,
                    "# hosts refused by the interop test\n" +
                    $"{MonerodHost}   # every monerod dials from here\n" +
                    "\n" +
                    "not-an-ip-address\n" +
                    "198.51.100.0/24\n", group.Token);
                var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExtraArguments = ["--ban-list", file] });
                var x = await StartDialerAsync(group, "X", node);

                // The bad line is skipped, the rest applies: monerod X is refused, a peer on an unlisted host gets in.
                await using var y = await RawHandshakePeer.ConnectAsync(OtherHost, node.P2PEndPoint, group.Token);
                await WaitNormalAsync(node, y, group.Token);
                await AssertRefusedAsync(node, x, group.Token);
                var hosts = (await GetBansAsync(node.Rpc, group.Token)).Select(b => b.GetProperty("host").GetString()).ToList();
                Assert.Contains(MonerodHost, hosts);
                Assert.Contains("198.51.100.0/24", hosts);
                Assert.DoesNotContain(OtherHost.ToString(), hosts);

                // Edit: now the other host is listed and 127.0.0.1 is not. SIGHUP re-reads the file.
                await File.WriteAllTextAsync(file, $"# edited\n{OtherHost}\n", group.Token);
                node.ReloadBanList();
                await WaitLogAsync(node, $"SIGHUP: ban list {file} reloaded: 1 hosts, 0 subnets", 1, group.Token);
                Assert.True(await y.ClosedWithinAsync(TimeSpan.FromSeconds(10)), "the newly listed host's connection survived SIGHUP");
                await WaitNormalFromAsync(node, x, group.Token);
                await using var again = await RawHandshakePeer.ConnectAsync(OtherHost, node.P2PEndPoint, group.Token);
                Assert.True(await again.ClosedWithinAsync(TimeSpan.FromSeconds(3)), "a newly listed host could connect");
                Assert.DoesNotContain(await node.Rpc.GetConnectionsAsync(group.Token), c => c.Host == OtherHost.ToString());
                hosts = (await GetBansAsync(node.Rpc, group.Token)).Select(b => b.GetProperty("host").GetString()).ToList();
                Assert.Equal([OtherHost.ToString()], hosts);
            }
            finally
            {
                await group.DisposeAsync();
                TempDirectory.DeleteQuietly(dir);
            }
        });

    private static Task<MonerodProcess> StartDialerAsync(DaemonGroup group, string name, MoneroNetProcess node) =>
        group.StartMonerodAsync(new MonerodOptions { Name = name, ExclusiveNodes = [node.P2PEndPoint] });

    private static async Task WaitNormalAsync(MoneroNetProcess node, RawHandshakePeer peer, CancellationToken ct) =>
        await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
            cs => cs.Any(c => c.Incoming && c.Address == peer.Local.ToString() && c.State == "normal"),
            Within, $"raw peer {peer.Local} is listed normal", ct, describe: cs => string.Join("; ", cs));

    private static async Task WaitNormalFromAsync(MoneroNetProcess node, MonerodProcess monerod, CancellationToken ct) =>
        await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
            cs => cs.Any(c => c.Incoming && c.Host == monerod.P2PEndPoint.Address.ToString() && c.State == "normal"),
            Within, $"{monerod.Name} → MoneroNet is normal", ct, describe: cs => string.Join("; ", cs));

    /// <summary>For <see cref="RefusedFor"/> (several of monerod's 1 s re-dials), no connection of that host is listed.</summary>
    private static async Task AssertRefusedAsync(MoneroNetProcess node, MonerodProcess monerod, CancellationToken ct)
    {
        string host = monerod.P2PEndPoint.Address.ToString();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < RefusedFor)
        {
            var cs = await node.Rpc.GetConnectionsAsync(ct);
            Assert.True(CountFrom(cs, host) == 0, $"banned host {host} listed: {string.Join("; ", cs)}");
            // monerod may list its own dial for the instant before MoneroNet closes it, never as handshaked.
            Assert.DoesNotContain(await monerod.Rpc.GetConnectionsAsync(ct), c => c.State == "normal");
            await Task.Delay(100, ct);
        }
    }

    private static int CountFrom(IReadOnlyList<ConnectionInfo> connections, string host) =>
        connections.Count(c => c.Host == host);

    private static async Task SetBanAsync(MonerodRpc rpc, string host, bool ban, uint seconds, CancellationToken ct)
    {
        var result = await rpc.CallAsync<JsonElement>("set_bans",
            new { bans = new[] { new { host, ban, seconds } } }, ct);
        Assert.Equal("OK", result.GetProperty("status").GetString());
    }

    private static async Task<IReadOnlyList<JsonElement>> GetBansAsync(MonerodRpc rpc, CancellationToken ct)
    {
        var result = await rpc.CallAsync<JsonElement>("get_bans", null, ct);
        Assert.Equal("OK", result.GetProperty("status").GetString());
        return result.TryGetProperty("bans", out var bans) ? bans.EnumerateArray().ToList() : [];
    }
}
