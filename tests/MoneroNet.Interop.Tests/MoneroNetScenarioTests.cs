using System.Diagnostics;
using System.Net;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// MoneroNet against real monerod 0.18 on loopback. Run alone with
/// <c>dotnet test tests/MoneroNet.Interop.Tests --filter FullyQualifiedName~MoneroNetScenarioTests</c>.
/// Peer ids are checked against a witness monerod: monerod never reports its own id, but a second monerod connected
/// to the same node reports the id that node advertises.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class MoneroNetScenarioTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ConnectWithin = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan QuietWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public Task A_MoneroNetDialsMonerod_ConnectionIsNormalOnBothEndsWithAdvertisedPeerIds() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var monerod = await group.StartMonerodAsync(new MonerodOptions { Name = "M" });
            var witness = await group.StartMonerodAsync(new MonerodOptions { Name = "W", ExclusiveNodes = [monerod.P2PEndPoint] });
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExclusiveNodes = [monerod.P2PEndPoint] });

            var pair = await WaitForNormalPairAsync(node.ProcessId, node.Rpc, monerod.P2PEndPoint, monerod.Rpc,
                "MoneroNet → monerod", group.Token);
            output.WriteLine(pair.ToString());

            Assert.False(pair.Dialer.Incoming);
            Assert.True(pair.Listener.Incoming);
            ConnectionPair.AssertAddressFields(pair.Dialer, monerod.P2PEndPoint);
            ConnectionPair.AssertAddressFields(pair.Listener, pair.DialerSocket.Local);

            // MoneroNet reports the id monerod advertises, i.e. the one the witness sees for monerod.
            string monerodId = await PeerIdSeenByAsync(witness.Rpc, monerod.P2PEndPoint, group.Token);
            Assert.Equal(monerodId, pair.Dialer.PeerId);
            // monerod reports a well-formed id for MoneroNet, distinct from every other node's.
            string witnessId = (await monerod.Rpc.GetConnectionsAsync(group.Token))
                .Single(c => c.Incoming && c.PeerId != pair.Listener.PeerId).PeerId;
            ConnectionPair.AssertPeerIdFormat(pair.Listener.PeerId);
            Assert.NotEqual(monerodId, pair.Listener.PeerId);
            Assert.NotEqual(witnessId, pair.Listener.PeerId);

            // Heights: MoneroNet reports monerod's chain length; MoneroNet advertises the genesis (length 1).
            Assert.Equal((await monerod.Rpc.GetInfoAsync(group.Token)).Height, pair.Dialer.Height);
            Assert.Equal(1UL, pair.Listener.Height);
        });

    [Fact]
    public Task B_MonerodDialsMoneroNet_ConnectionIsNormalOnBothEndsWithAdvertisedPeerIds() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions());
            var monerod = await group.StartMonerodAsync(new MonerodOptions { Name = "M", ExclusiveNodes = [node.P2PEndPoint] });
            // The witness dials both, so it sees the id each of them advertises.
            var witness = await group.StartMonerodAsync(new MonerodOptions
            {
                Name = "W",
                ExclusiveNodes = [node.P2PEndPoint, monerod.P2PEndPoint],
            });

            var pair = await WaitForNormalPairAsync(monerod.ProcessId, monerod.Rpc, node.P2PEndPoint, node.Rpc,
                "monerod → MoneroNet", group.Token);
            output.WriteLine(pair.ToString());

            Assert.False(pair.Dialer.Incoming);
            Assert.True(pair.Listener.Incoming);
            ConnectionPair.AssertAddressFields(pair.Dialer, node.P2PEndPoint);
            ConnectionPair.AssertAddressFields(pair.Listener, pair.DialerSocket.Local);

            string nodeId = await PeerIdSeenByAsync(witness.Rpc, node.P2PEndPoint, group.Token);
            string monerodId = await PeerIdSeenByAsync(witness.Rpc, monerod.P2PEndPoint, group.Token);
            Assert.Equal(nodeId, pair.Dialer.PeerId);       // monerod sees MoneroNet's advertised id
            Assert.Equal(monerodId, pair.Listener.PeerId);  // MoneroNet sees monerod's advertised id
            ConnectionPair.AssertPeerIdFormat(nodeId);
            Assert.NotEqual(nodeId, monerodId);

            Assert.Equal((await monerod.Rpc.GetInfoAsync(group.Token)).Height, pair.Listener.Height);
            Assert.Equal(1UL, pair.Dialer.Height);
        });

    [Fact]
    public Task C_AfterAQuietMoment_BothEndsOfEveryConnectionAgreeExactly() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            // One connection in each direction: MoneroNet → M1 and M2 → MoneroNet.
            var m1 = await group.StartMonerodAsync(new MonerodOptions { Name = "M1" });
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExclusiveNodes = [m1.P2PEndPoint] });
            var m2 = await group.StartMonerodAsync(new MonerodOptions { Name = "M2", ExclusiveNodes = [node.P2PEndPoint] });

            await WaitForNormalPairAsync(node.ProcessId, node.Rpc, m1.P2PEndPoint, m1.Rpc, "MoneroNet → M1", group.Token);
            await WaitForNormalPairAsync(m2.ProcessId, m2.Rpc, node.P2PEndPoint, node.Rpc, "M2 → MoneroNet", group.Token);

            var snapshot = await QuietSnapshot.TakeAsync([node.Rpc, m1.Rpc, m2.Rpc], QuietWithin, group.Token);
            output.WriteLine("MoneroNet: " + string.Join("\n           ", snapshot[0]));
            output.WriteLine("M1:        " + string.Join("\n           ", snapshot[1]));
            output.WriteLine("M2:        " + string.Join("\n           ", snapshot[2]));

            Assert.Equal(2, snapshot[0].Count); // nothing else: no stray or duplicate connections
            Assert.Single(snapshot[1]);
            Assert.Single(snapshot[2]);

            var outgoing = ConnectionPair.Find(node.ProcessId, snapshot[0], m1.P2PEndPoint, snapshot[1]);
            var incoming = ConnectionPair.Find(m2.ProcessId, snapshot[2], node.P2PEndPoint, snapshot[0]);
            Assert.NotNull(outgoing);
            Assert.NotNull(incoming);
            // Direction, addresses vs. real sockets, states, peer ids, and recv/send counters mirrored exactly.
            outgoing.AssertMirrored();
            incoming.AssertMirrored();
            // MoneroNet uses one peer id for all its connections.
            Assert.Equal(outgoing.Listener.PeerId, incoming.Dialer.PeerId);
        });

    [Fact]
    public Task D_RegtestMonerodMinesBlocks_MoneroNetReportsTheNewHeightWithin5Seconds() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var miner = await group.StartMonerodAsync(MonerodOptions.Regtest("R"));
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions
            {
                Network = DaemonNetwork.Regtest,
                ExclusiveNodes = [miner.P2PEndPoint],
            });
            var pair = await WaitForNormalPairAsync(node.ProcessId, node.Rpc, miner.P2PEndPoint, miner.Rpc,
                "MoneroNet → regtest monerod", group.Token);
            Assert.Equal(1UL, pair.Dialer.Height);

            foreach (ulong blocks in new ulong[] { 3, 1 })
            {
                var mined = await miner.Rpc.GenerateBlocksAsync(blocks, group.Token);
                Assert.Equal("OK", mined.Status);
                var clock = Stopwatch.StartNew();
                ulong chainLength = (await miner.Rpc.GetInfoAsync(group.Token)).Height;
                Assert.Equal(mined.Height + 1, chainLength);

                var seen = await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
                    cs => cs.Any(c => c.Address == miner.P2PEndPoint.ToString() && c.Height == chainLength),
                    TimeSpan.FromSeconds(5), $"MoneroNet reports monerod's height {chainLength}", group.Token,
                    describe: cs => string.Join("; ", cs));
                output.WriteLine($"height {chainLength} seen by MoneroNet {clock.ElapsedMilliseconds} ms after mining");
                Assert.Equal("normal", seen.Single(c => c.Address == miner.P2PEndPoint.ToString()).State);
            }
        });

    [Fact]
    public Task E_PrintCnAgainstMoneroNet_ListsMoneroNetsConnections() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var monerod = await group.StartMonerodAsync(new MonerodOptions { Name = "M" });
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExclusiveNodes = [monerod.P2PEndPoint] });
            await WaitForNormalPairAsync(node.ProcessId, node.Rpc, monerod.P2PEndPoint, monerod.Rpc,
                "MoneroNet → monerod", group.Token);
            var listed = await node.Rpc.GetConnectionsAsync(group.Token);

            var result = await MonerodConsole.RunAsync(DaemonNetwork.Testnet, node.RpcEndPoint, "print_cn",
                TimeSpan.FromSeconds(30));
            output.WriteLine(result.Output);

            var entry = Assert.Single(listed);
            Assert.Equal(monerod.P2PEndPoint.ToString(), entry.Address);
            // monerod's console finds a row OUT 127.0.0.1:<monerod port> IPv4 … <monerod's peer id> … normal.
            PrintCnOutput.AssertLists(result.Output, entry);
            Assert.Single(PrintCnOutput.Rows(result.Output));
        });

    [Fact]
    public Task F_SigTerm_MoneroNetExitsWithin5SecondsAndMonerodSeesTheConnectionsClosed() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var m1 = await group.StartMonerodAsync(new MonerodOptions { Name = "M1" });
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExclusiveNodes = [m1.P2PEndPoint] });
            var m2 = await group.StartMonerodAsync(new MonerodOptions { Name = "M2", ExclusiveNodes = [node.P2PEndPoint] });
            await WaitForNormalPairAsync(node.ProcessId, node.Rpc, m1.P2PEndPoint, m1.Rpc, "MoneroNet → M1", group.Token);
            await WaitForNormalPairAsync(m2.ProcessId, m2.Rpc, node.P2PEndPoint, node.Rpc, "M2 → MoneroNet", group.Token);

            var took = await node.StopAsync(TimeSpan.FromSeconds(5));
            Assert.True(took is not null, "MoneroNet still ran 5 s after SIGTERM");
            output.WriteLine($"MoneroNet exited {took.Value.TotalMilliseconds:0} ms after SIGTERM with code {node.ExitCode}");
            Assert.Equal(0, node.ExitCode);

            // Both monerods see their connection closed (M2 keeps re-dialling, but nothing listens any more).
            await Eventually.MatchAsync(m1.Rpc.GetConnectionsAsync, cs => cs.Count == 0, TimeSpan.FromSeconds(5),
                "M1 no longer lists MoneroNet", group.Token, describe: cs => string.Join("; ", cs));
            await Eventually.MatchAsync(m2.Rpc.GetConnectionsAsync, cs => cs.Count == 0, TimeSpan.FromSeconds(5),
                "M2 no longer lists MoneroNet", group.Token, describe: cs => string.Join("; ", cs));
        });

    private static async Task<ConnectionPair> WaitForNormalPairAsync(int dialerProcessId, MonerodRpc dialer,
        IPEndPoint listenerP2P, MonerodRpc listener, string what, CancellationToken ct)
    {
        var pair = await Eventually.MatchAsync(
            async token => ConnectionPair.Find(dialerProcessId, await dialer.GetConnectionsAsync(token), listenerP2P,
                await listener.GetConnectionsAsync(token)),
            p => p is { BothNormal: true }, ConnectWithin, $"{what} listed as normal on both ends", ct);
        return pair!;
    }

    private static async Task<string> PeerIdSeenByAsync(MonerodRpc witness, IPEndPoint peer, CancellationToken ct)
    {
        var seen = await Eventually.MatchAsync(witness.GetConnectionsAsync,
            cs => cs.Any(c => !c.Incoming && c.Address == peer.ToString() && c.IsHandshaken), ConnectWithin,
            $"witness connected to {peer}", ct, describe: cs => string.Join("; ", cs));
        return seen.Single(c => !c.Incoming && c.Address == peer.ToString()).PeerId;
    }
}
