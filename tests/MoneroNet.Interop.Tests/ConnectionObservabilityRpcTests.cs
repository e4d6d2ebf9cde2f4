using System.Text.Json;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// Issue 9's RPC methods against real monerod 0.18 peers on loopback, one connection each way: get_connection_stats
/// counts what get_connections lists; closing both connections (a set_bans of the peers' host) lists them in
/// get_closed_connections with reason "banned" and the byte counts get_connections last showed. Run alone with
/// <c>dotnet test tests/MoneroNet.Interop.Tests --filter FullyQualifiedName~ConnectionObservabilityRpcTests</c>.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class ConnectionObservabilityRpcTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public Task Closed_connections_keep_their_last_counters_and_stats_count_the_live_ones() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var m1 = await group.StartMonerodAsync(new MonerodOptions { Name = "M1" });
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExclusiveNodes = [m1.P2PEndPoint] });
            var m2 = await group.StartMonerodAsync(new MonerodOptions { Name = "M2", ExclusiveNodes = [node.P2PEndPoint] });

            await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
                list => list.Count == 2 && list.Any(c => c.Incoming) && list.Any(c => !c.Incoming) && list.All(c => c.State == "normal"),
                Within, "one normal connection each way", group.Token, describe: l => string.Join("; ", l));

            // Stats against the live list, sampled while nothing moves.
            var live = (await QuietSnapshot.TakeAsync([node.Rpc], Within, group.Token))[0];
            var stats = await node.Rpc.CallAsync<JsonElement>("get_connection_stats", null, group.Token);
            output.WriteLine("get_connection_stats: " + stats);
            var connections = stats.GetProperty("connections");
            Assert.Equal((ulong)live.Count, connections.GetProperty("total").GetUInt64());
            Assert.Equal((ulong)live.Count(c => c.Incoming), connections.GetProperty("by_direction").GetProperty("inbound").GetUInt64());
            Assert.Equal((ulong)live.Count(c => !c.Incoming), connections.GetProperty("by_direction").GetProperty("outbound").GetUInt64());
            Assert.Equal((ulong)live.Count, connections.GetProperty("by_state").GetProperty("normal").GetUInt64());
            Assert.Equal((ulong)live.Count, connections.GetProperty("by_zone").GetProperty("public").GetUInt64());
            Assert.Equal((ulong)live.Count, connections.GetProperty("by_address_type").GetProperty("ipv4").GetUInt64());
            Assert.Equal(0UL, stats.GetProperty("closes_by_reason").GetProperty("banned").GetUInt64());

            // Both monerods reach us from 127.0.0.1: one ban closes both connections at once, right after the quiet
            // sample, so their last counters are the ones get_connections just showed.
            var last = await QuietSnapshot.TakeAsync([node.Rpc], Within, group.Token);
            await node.Rpc.CallAsync<JsonElement>("set_bans",
                new { bans = new[] { new { host = "127.0.0.1", ban = true, seconds = 600 } } }, group.Token);
            await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync, list => list.Count == 0, Within,
                "both connections closed", group.Token, describe: l => string.Join("; ", l));

            var closed = await node.Rpc.CallAsync<JsonElement>("get_closed_connections", new { count = 10 }, group.Token);
            output.WriteLine("get_closed_connections: " + closed);
            var entries = closed.GetProperty("connections").EnumerateArray().ToList();
            foreach (var before in last[0])
            {
                var entry = Assert.Single(entries, e => e.GetProperty("connection_id").GetString() == before.ConnectionId);
                Assert.Equal("banned", entry.GetProperty("close_reason").GetString());
                Assert.Equal(before.RecvCount, entry.GetProperty("recv_count").GetUInt64());
                Assert.Equal(before.SendCount, entry.GetProperty("send_count").GetUInt64());
                Assert.Equal(before.PeerId, entry.GetProperty("peer_id").GetString());
                Assert.Equal(before.Incoming, entry.GetProperty("incoming").GetBoolean());
                Assert.Equal(before.Address, entry.GetProperty("address").GetString());
                Assert.InRange(entry.GetProperty("live_time").GetUInt64(), before.LiveTime, before.LiveTime + 5);
                Assert.True(entry.GetProperty("closed_at").GetInt64() > 0);
                Assert.False(string.IsNullOrEmpty(entry.GetProperty("close_detail").GetString()));
            }

            var after = await node.Rpc.CallAsync<JsonElement>("get_connection_stats", null, group.Token);
            Assert.Equal(0UL, after.GetProperty("connections").GetProperty("total").GetUInt64());
            Assert.True(after.GetProperty("closes_by_reason").GetProperty("banned").GetUInt64() >= 2);

            var bans = await node.Rpc.CallAsync<JsonElement>("get_bans", new { extended = true }, group.Token);
            output.WriteLine("get_bans extended: " + bans);
            var ban = Assert.Single(bans.GetProperty("bans").EnumerateArray());
            Assert.Equal("rpc", ban.GetProperty("source").GetString());
            Assert.True(ban.GetProperty("created").GetInt64() > 0);
            var plainBans = await node.Rpc.CallAsync<JsonElement>("get_bans", null, group.Token);
            Assert.False(Assert.Single(plainBans.GetProperty("bans").EnumerateArray()).TryGetProperty("source", out _));
            GC.KeepAlive(m2);
        });
}
