using System.Net;
using System.Text.Json;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// Peer lists on loopback (docs/PROTOCOL.md §3.3, §3.7). monerod never lets a loopback address into its peer lists, even
/// with --allow-local-ip (peerlist_manager::is_host_allowed), so on 127.x a monerod neither lists nor shares any peer;
/// MoneroNet's --allow-local-ip also admits loopback, which is what lets these tests watch white and gray entries
/// travel: the handshaked outgoing peer becomes white, the white entries a MoneroNet peer shares in its handshake
/// response become gray, and both lists survive a SIGTERM restart in the same --data-dir.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class PeerListTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public Task AllowLocalIp_WhiteFromHandshakeGrayFromPeersList_BothPersistAcrossRestart() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            // M2 ← M1 (M1 dials M2), A → M1, B → A.
            var m2 = await group.StartMonerodAsync(new MonerodOptions { Name = "M2", ExtraArguments = ["--allow-local-ip"] });
            var m1 = await group.StartMonerodAsync(new MonerodOptions
            {
                Name = "M1",
                ExclusiveNodes = [m2.P2PEndPoint],
                ExtraArguments = ["--allow-local-ip"],
            });
            var a = await group.StartMoneroNetAsync(new MoneroNetOptions
            {
                Name = "A",
                ExclusiveNodes = [m1.P2PEndPoint],
                ExtraArguments = ["--allow-local-ip"],
            });
            // A handshaked with M1: M1 is white on A (before B exists, so A's handshake response to B can carry it;
            // otherwise B would only learn it at a timed sync, up to a minute later).
            var aList = await WaitForPeerListAsync(a, l => WhiteHas(l, m1.P2PEndPoint), "A lists M1 as white", group.Token);
            string bDir = Directory.CreateTempSubdirectory("moneronet-interop-B-").FullName;
            try
            {
                var b = await group.StartMoneroNetAsync(new MoneroNetOptions
                {
                    Name = "B",
                    DataDir = bDir,
                    ExclusiveNodes = [a.P2PEndPoint],
                    ExtraArguments = ["--allow-local-ip"],
                });

                // M1's white entry on A carries the peer id A's connection to M1 reports.
                var aToM1 = (await a.Rpc.GetConnectionsAsync(group.Token)).Single(c => c.Address == m1.P2PEndPoint.ToString());
                var m1OnA = Entry(aList, "white_list", m1.P2PEndPoint);
                Assert.Equal(aToM1.PeerId, m1OnA.GetProperty("id").GetUInt64().ToString("x16"));
                AssertIpv4Fields(m1OnA, m1.P2PEndPoint);

                // B handshaked with A (white) and got A's white list in the response: M1 is gray on B.
                var bList = await WaitForPeerListAsync(b,
                    l => WhiteHas(l, a.P2PEndPoint) && GrayHas(l, m1.P2PEndPoint), "B lists A white and M1 gray", group.Token);
                Assert.Equal(m1OnA.GetProperty("id").GetUInt64(), Entry(bList, "gray_list", m1.P2PEndPoint).GetProperty("id").GetUInt64());
                output.WriteLine("B before restart: " + bList);

                // monerod's view of the same loopback peers: M1 dialled M2 and got handshaked, yet lists nothing.
                await Eventually.MatchAsync(m1.Rpc.GetConnectionsAsync,
                    cs => cs.Any(c => c.Address == m2.P2PEndPoint.ToString() && c.State == "normal"), Within,
                    "M1 is connected to M2", group.Token);
                var m1List = await PeerListAsync(m1.Rpc, group.Token);
                output.WriteLine("M1: " + m1List);
                Assert.Empty(ConsoleCommandTests.Entries(m1List, "white_list"));
                Assert.Empty(ConsoleCommandTests.Entries(m1List, "gray_list"));

                // get_info counts agree with /get_peer_list.
                var bInfo = await b.Rpc.CallAsync<JsonElement>("get_info", null, group.Token);
                Assert.Equal(ConsoleCommandTests.Entries(bList, "white_list").Count(), bInfo.GetProperty("white_peerlist_size").GetInt32());
                Assert.Equal(ConsoleCommandTests.Entries(bList, "gray_list").Count(), bInfo.GetProperty("grey_peerlist_size").GetInt32());

                var stopped = await b.StopAsync(TimeSpan.FromSeconds(5));
                Assert.True(stopped is not null, "B still ran 5 s after SIGTERM");
                Assert.Equal(0, b.ExitCode);
                await b.DisposeAsync();

                // Restart in the same data dir with no reachable peer (the fixture's closed placeholder only), so the
                // lists can only come from what B saved.
                var restarted = await group.StartMoneroNetAsync(new MoneroNetOptions
                {
                    Name = "B-restarted",
                    DataDir = bDir,
                    ExtraArguments = ["--allow-local-ip"],
                });
                var after = await PeerListAsync(restarted.Rpc, group.Token);
                output.WriteLine("B after restart: " + after);
                Assert.True(WhiteHas(after, a.P2PEndPoint), $"A's white entry was not restored: {after}");
                Assert.True(GrayHas(after, m1.P2PEndPoint), $"M1's gray entry was not restored: {after}");
                Assert.Equal(Entry(bList, "white_list", a.P2PEndPoint).GetProperty("id").GetUInt64(),
                    Entry(after, "white_list", a.P2PEndPoint).GetProperty("id").GetUInt64());
                Assert.Equal(Entry(bList, "gray_list", m1.P2PEndPoint).GetProperty("id").GetUInt64(),
                    Entry(after, "gray_list", m1.P2PEndPoint).GetProperty("id").GetUInt64());
                Assert.Empty(await restarted.Rpc.GetConnectionsAsync(group.Token));
            }
            finally
            {
                await group.DisposeAsync(); // stop B before its data dir goes
                TempDirectory.DeleteQuietly(bDir);
            }
        });

    [Fact]
    public Task WithoutAllowLocalIp_LoopbackPeersStayOutOfThePeerLists_AsOnMonerod() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var m2 = await group.StartMonerodAsync(new MonerodOptions { Name = "M2" });
            var m1 = await group.StartMonerodAsync(new MonerodOptions { Name = "M1", ExclusiveNodes = [m2.P2PEndPoint] });
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExclusiveNodes = [m2.P2PEndPoint] });

            foreach (var (rpc, what) in new[] { (m1.Rpc, "M1 → M2"), (node.Rpc, "MoneroNet → M2") })
            {
                await Eventually.MatchAsync(rpc.GetConnectionsAsync,
                    cs => cs.Any(c => c.Address == m2.P2PEndPoint.ToString() && c.State == "normal"), Within,
                    $"{what} is normal", group.Token, describe: cs => string.Join("; ", cs));
            }

            var monerodList = await PeerListAsync(m1.Rpc, group.Token);
            var nodeList = await PeerListAsync(node.Rpc, group.Token);
            output.WriteLine($"M1: {monerodList}\nMoneroNet: {nodeList}");
            foreach (string list in new[] { "white_list", "gray_list" })
            {
                Assert.Empty(ConsoleCommandTests.Entries(monerodList, list));
                Assert.Empty(ConsoleCommandTests.Entries(nodeList, list));
            }
            Assert.Equal("OK", nodeList.GetProperty("status").GetString());
        });

    private static Task<JsonElement> PeerListAsync(MonerodRpc rpc, CancellationToken ct) =>
        rpc.PostUriAsync("get_peer_list", new { public_only = true, include_blocked = true }, ct);

    private static Task<JsonElement> WaitForPeerListAsync(MoneroNetProcess node, Func<JsonElement, bool> done, string what,
        CancellationToken ct) =>
        Eventually.MatchAsync(token => PeerListAsync(node.Rpc, token), done, Within, what, ct, describe: l => l.ToString());

    private static bool WhiteHas(JsonElement list, IPEndPoint peer) => Has(list, "white_list", peer);
    private static bool GrayHas(JsonElement list, IPEndPoint peer) => Has(list, "gray_list", peer);

    private static bool Has(JsonElement list, string name, IPEndPoint peer) =>
        ConsoleCommandTests.Entries(list, name).Any(e => ConsoleCommandTests.Endpoint(e) == peer.ToString());

    private static JsonElement Entry(JsonElement list, string name, IPEndPoint peer) =>
        Assert.Single(ConsoleCommandTests.Entries(list, name), e => ConsoleCommandTests.Endpoint(e) == peer.ToString());

    /// <summary>/get_peer_list IPv4 entry: host text, ip packed like m_ip (octets little-endian), port, last_seen set.</summary>
    private static void AssertIpv4Fields(JsonElement entry, IPEndPoint expected)
    {
        Assert.Equal(expected.Address.ToString(), entry.GetProperty("host").GetString());
        Assert.Equal(BitConverter.ToUInt32(expected.Address.GetAddressBytes()), entry.GetProperty("ip").GetUInt32());
        Assert.Equal(expected.Port, entry.GetProperty("port").GetUInt16());
        Assert.True(entry.GetProperty("last_seen").GetUInt64() > 0, $"white entry without last_seen: {entry}");
    }
}
