using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// The fixtures checked against real monerod alone: if these fail, the node scenario tests cannot be trusted.
/// Every test starts its own daemons on leased ports, so this class may run in parallel with others.
/// </summary>
[Collection(MonerodFixtureCollection.Name)]
public sealed class MonerodFixtureTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ConnectWithin = TimeSpan.FromSeconds(20);

    [Fact]
    public Task Monerod_StartsAnswersRpcOnLoopbackAndCleansUpOnDispose() => InteropRun.RunAsync(output, Budget, async group =>
    {
        var clock = Stopwatch.StartNew();
        var monerod = await MonerodProcess.StartAsync(new MonerodOptions { Name = "solo" }, group.Token);
        string dataDir = monerod.DataDir;
        int p2pPort = monerod.P2PPort;
        try
        {
            output.WriteLine($"monerod RPC ready after {clock.ElapsedMilliseconds} ms");
            var info = await monerod.Rpc.GetInfoAsync(group.Token);
            Assert.Equal("testnet", info.Nettype);
            Assert.Equal(1UL, info.Height);
            Assert.Empty(await monerod.Rpc.GetConnectionsAsync(group.Token));
            // It listens on the leased P2P port, on loopback.
            using var probe = new TcpClient();
            await probe.ConnectAsync(IPAddress.Loopback, p2pPort, group.Token);
        }
        finally
        {
            await monerod.DisposeAsync();
        }
        Assert.True(monerod.HasExited);
        Assert.False(Directory.Exists(dataDir), $"data dir {dataDir} left behind");
    });

    [Fact]
    public async Task Monerod_RefusesNonLoopbackPeersAndOverridingFlags()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => MonerodProcess.StartAsync(new MonerodOptions
        {
            ExclusiveNodes = [new IPEndPoint(IPAddress.Parse("192.0.2.1"), 28080)],
        }));
        await Assert.ThrowsAsync<ArgumentException>(() => MonerodProcess.StartAsync(new MonerodOptions
        {
            ExtraArguments = ["--add-peer", "192.0.2.1:28080"],
        }));
        await Assert.ThrowsAsync<ArgumentException>(() => MonerodProcess.StartAsync(new MonerodOptions
        {
            ExtraArguments = ["--p2p-bind-ip=0.0.0.0"],
        }));
    }

    [Fact]
    public Task TwoTestnetMonerods_ConnectAndMirrorEachOtherExactly() => InteropRun.RunAsync(output, Budget, async group =>
    {
        var a = await group.StartMonerodAsync(new MonerodOptions { Name = "A" });
        var clock = Stopwatch.StartNew();
        var b = await group.StartMonerodAsync(new MonerodOptions { Name = "B", ExclusiveNodes = [a.P2PEndPoint] });

        var linked = await Eventually.MatchAsync(
            async ct => ConnectionPair.Find(b.ProcessId, await b.Rpc.GetConnectionsAsync(ct), a.P2PEndPoint,
                await a.Rpc.GetConnectionsAsync(ct)),
            pair => pair is { BothNormal: true }, ConnectWithin, "B→A connection listed as normal on both ends", group.Token);
        output.WriteLine($"B→A normal on both ends {clock.ElapsedMilliseconds} ms after B was started: {linked}");

        var quietClock = Stopwatch.StartNew();
        var snapshot = await QuietSnapshot.TakeAsync([a.Rpc, b.Rpc], TimeSpan.FromSeconds(30), group.Token);
        output.WriteLine($"quiet snapshot after {quietClock.ElapsedMilliseconds} ms");
        var pair = ConnectionPair.Find(b.ProcessId, snapshot[1], a.P2PEndPoint, snapshot[0]);
        Assert.NotNull(pair);
        Assert.Single(snapshot[0]);
        Assert.Single(snapshot[1]);
        pair.AssertMirrored();
        output.WriteLine($"A: {pair.Listener}\nB: {pair.Dialer}");

        // Both run an empty testnet chain: each reports the other's height as its own chain length, 1.
        Assert.Equal(1UL, pair.Dialer.Height);
        Assert.Equal(1UL, pair.Listener.Height);
        Assert.Equal(1U, pair.Dialer.SupportFlags);
        Assert.Equal(1U, pair.Listener.SupportFlags);

        // get_info counts the same connection from both sides.
        var infoA = await a.Rpc.GetInfoAsync(group.Token);
        var infoB = await b.Rpc.GetInfoAsync(group.Token);
        Assert.Equal((1UL, 0UL), (infoA.IncomingConnectionsCount, infoA.OutgoingConnectionsCount));
        Assert.Equal((0UL, 1UL), (infoB.IncomingConnectionsCount, infoB.OutgoingConnectionsCount));
    });

    [Fact]
    public Task ThreeTestnetMonerods_SeeTheSamePeerIdForEachNode() => InteropRun.RunAsync(output, Budget, async group =>
    {
        // A ← B, A ← C, B ← C: every node is seen by two others, who must report the same peer id for it.
        var a = await group.StartMonerodAsync(new MonerodOptions { Name = "A" });
        var b = await group.StartMonerodAsync(new MonerodOptions { Name = "B", ExclusiveNodes = [a.P2PEndPoint] });
        var c = await group.StartMonerodAsync(new MonerodOptions { Name = "C", ExclusiveNodes = [a.P2PEndPoint, b.P2PEndPoint] });

        await Eventually.MatchAsync(
            async ct => (await a.Rpc.GetConnectionsAsync(ct), await b.Rpc.GetConnectionsAsync(ct), await c.Rpc.GetConnectionsAsync(ct)),
            s => s.Item1.Count(x => x.State == "normal") == 2 && s.Item2.Count(x => x.State == "normal") == 2 &&
                 s.Item3.Count(x => x.State == "normal") == 2,
            ConnectWithin, "every node has two normal connections", group.Token);

        var snapshot = await QuietSnapshot.TakeAsync([a.Rpc, b.Rpc, c.Rpc], TimeSpan.FromSeconds(30), group.Token);
        var ba = ConnectionPair.Find(b.ProcessId, snapshot[1], a.P2PEndPoint, snapshot[0]);
        var ca = ConnectionPair.Find(c.ProcessId, snapshot[2], a.P2PEndPoint, snapshot[0]);
        var cb = ConnectionPair.Find(c.ProcessId, snapshot[2], b.P2PEndPoint, snapshot[1]);
        Assert.NotNull(ba);
        Assert.NotNull(ca);
        Assert.NotNull(cb);
        foreach (var pair in new[] { ba, ca, cb }) pair.AssertMirrored();

        Assert.Equal(ba.Dialer.PeerId, ca.Dialer.PeerId);     // A, as seen by B and by C
        Assert.Equal(ba.Listener.PeerId, cb.Dialer.PeerId);   // B, as seen by A and by C
        Assert.Equal(ca.Listener.PeerId, cb.Listener.PeerId); // C, as seen by A and by B
        Assert.Equal(3, new[] { ba.Dialer.PeerId, ba.Listener.PeerId, ca.Listener.PeerId }.Distinct().Count());
    });

    [Fact]
    public Task GetNetStats_TotalsEqualTheSumOfConnectionCounters() => InteropRun.RunAsync(output, Budget, async group =>
    {
        var a = await group.StartMonerodAsync(new MonerodOptions { Name = "A" });
        var b = await group.StartMonerodAsync(new MonerodOptions { Name = "B", ExclusiveNodes = [a.P2PEndPoint] });
        await Eventually.MatchAsync(a.Rpc.GetConnectionsAsync, cs => cs.Count == 1 && cs[0].State == "normal",
            ConnectWithin, "A lists B as normal", group.Token);
        var snapshot = await QuietSnapshot.TakeAsync([a.Rpc, b.Rpc], TimeSpan.FromSeconds(30), group.Token);
        // The binary counts only P2P traffic in get_net_stats (docs/PROTOCOL.md §7.7); with no other traffic and no
        // closed connections, the totals are the one connection's counters.
        var stats = await a.Rpc.GetNetStatsAsync(group.Token);
        var after = await a.Rpc.GetConnectionsAsync(group.Token);
        Assert.Equal("OK", stats.Status);
        Assert.Equal(snapshot[0].Single().RecvCount, after.Single().RecvCount); // still quiet when stats were read
        Assert.Equal(snapshot[0].Single().RecvCount, stats.TotalBytesIn);
        Assert.Equal(snapshot[0].Single().SendCount, stats.TotalBytesOut);
        Assert.True(stats.TotalPacketsIn > 0 && stats.TotalPacketsOut > 0);
    });

    [Fact]
    public Task RegtestMonerod_GenerateBlocksGrowsTheChainAndReachesItsPeer() => InteropRun.RunAsync(output, Budget, async group =>
    {
        var miner = await group.StartMonerodAsync(MonerodOptions.Regtest("R1"));
        var peer = await group.StartMonerodAsync(MonerodOptions.Regtest("R2") with { ExclusiveNodes = [miner.P2PEndPoint] });
        await Eventually.MatchAsync(miner.Rpc.GetConnectionsAsync, cs => cs.Count == 1 && cs[0].State == "normal",
            ConnectWithin, "R1 lists R2 as normal", group.Token);

        var info = await miner.Rpc.GetInfoAsync(group.Token);
        Assert.Equal("fakechain", info.Nettype);
        Assert.Equal(1UL, info.Height);

        var mined = await miner.Rpc.GenerateBlocksAsync(3, group.Token);
        Assert.Equal("OK", mined.Status);
        Assert.Equal(3, mined.Blocks?.Count);
        Assert.Equal(3UL, mined.Height); // height of the last block, not chain length
        Assert.Equal(4UL, (await miner.Rpc.GetInfoAsync(group.Token)).Height);

        var clock = Stopwatch.StartNew();
        await Eventually.MatchAsync(peer.Rpc.GetInfoAsync, i => i.Height == 4, TimeSpan.FromSeconds(10),
            "R2's chain reaches the mined blocks", group.Token);
        output.WriteLine($"R2 had the 3 blocks {clock.ElapsedMilliseconds} ms after generateblocks returned");
    });

    [Fact]
    public Task PrintCn_AgainstMonerod_ListsItsConnectionWithPeerId() => InteropRun.RunAsync(output, Budget, async group =>
    {
        var a = await group.StartMonerodAsync(new MonerodOptions { Name = "A" });
        var b = await group.StartMonerodAsync(new MonerodOptions { Name = "B", ExclusiveNodes = [a.P2PEndPoint] });
        var seen = await Eventually.MatchAsync(b.Rpc.GetConnectionsAsync, cs => cs.Count == 1 && cs[0].State == "normal",
            ConnectWithin, "B lists A as normal", group.Token);

        var result = await MonerodConsole.RunAsync(DaemonNetwork.Testnet, b.RpcEndPoint, "print_cn", TimeSpan.FromSeconds(30));
        output.WriteLine(result.Output);
        PrintCnOutput.AssertLists(result.Output, seen[0]);
    });

    [Fact]
    public Task SigTerm_Monerod_ExitsAndItsPeerDropsTheConnection() => InteropRun.RunAsync(output, Budget, async group =>
    {
        var a = await group.StartMonerodAsync(new MonerodOptions { Name = "A" });
        var b = await group.StartMonerodAsync(new MonerodOptions { Name = "B", ExclusiveNodes = [a.P2PEndPoint] });
        await Eventually.MatchAsync(a.Rpc.GetConnectionsAsync, cs => cs.Count == 1 && cs[0].State == "normal",
            ConnectWithin, "A lists B as normal", group.Token);

        var stopped = await b.StopAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(stopped);
        output.WriteLine($"monerod exited {stopped.Value.TotalMilliseconds:0} ms after SIGTERM, code {b.ExitCode}");
        Assert.Equal(0, b.ExitCode);
        var clock = Stopwatch.StartNew();
        await Eventually.MatchAsync(a.Rpc.GetConnectionsAsync, cs => cs.Count == 0, TimeSpan.FromSeconds(5),
            "A no longer lists B", group.Token);
        output.WriteLine($"A dropped the connection within {clock.ElapsedMilliseconds} ms of B's exit");
    });
}
