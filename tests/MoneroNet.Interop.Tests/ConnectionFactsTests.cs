using System.Net;
using System.Text.Json;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// Extended get_connections (docs/OBSERVABILITY.md, "Per-connection facts") against real monerod 0.18 on loopback,
/// both directions, plus a test proxy. Run alone with
/// <c>dotnet test tests/MoneroNet.Interop.Tests --filter FullyQualifiedName~ConnectionFactsTests</c>.
/// The proxy fingerprint's three pings go out 5, 25 and 45 s after each handshake (P2PTimings.ProxyCheckPingDelays,
/// not configurable from the command line), so the test runs for about a minute of real time.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class ConnectionFactsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan ConnectWithin = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ProxyCheckWithin = TimeSpan.FromSeconds(90);

    private static string[] Commands(JsonElement perMsg) => [.. perMsg.EnumerateObject().Select(p => p.Name)];

    private static ulong Sum(JsonElement perMsg) => perMsg.EnumerateObject().Aggregate(0UL, (a, p) => a + p.Value.GetUInt64());

    private static async Task<JsonElement[]> ExtendedAsync(MonerodRpc rpc, CancellationToken ct)
    {
        var result = await rpc.CallAsync<JsonElement>("get_connections", new { extended = true }, ct);
        return result.TryGetProperty("connections", out var list) ? [.. list.EnumerateArray()] : [];
    }

    private static JsonElement? Entry(JsonElement[] entries, Func<JsonElement, bool> match) =>
        entries.Where(match).Select(e => (JsonElement?)e).SingleOrDefault();

    [Fact]
    public Task Extended_get_connections_shows_types_exact_traffic_RTTs_and_the_proxy_fingerprint_both_ways() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            // MoneroNet → M1 (exclusive), M2 → MoneroNet (inbound), and a proxy peer → MoneroNet (inbound).
            var m1 = await group.StartMonerodAsync(new MonerodOptions { Name = "M1" });
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExclusiveNodes = [m1.P2PEndPoint] });
            var m2 = await group.StartMonerodAsync(new MonerodOptions { Name = "M2", ExclusiveNodes = [node.P2PEndPoint] });
            const ulong inner = 0x0badc0ffee15600d;
            await using var proxy = await ProxyPeer.ConnectAsync(IPAddress.Loopback, node.P2PEndPoint, inner, group.Token);

            bool IsM1(JsonElement e) => !e.GetProperty("incoming").GetBoolean() && e.GetProperty("address").GetString() == m1.P2PEndPoint.ToString();
            bool IsProxy(JsonElement e) => e.GetProperty("address").GetString() == proxy.Local.ToString();
            bool IsM2(JsonElement e) => e.GetProperty("incoming").GetBoolean() && !IsProxy(e);

            var first = await Eventually.MatchAsync(t => ExtendedAsync(node.Rpc, t),
                es => es.Length == 3 && es.All(e => e.GetProperty("state").GetString() == "normal"),
                ConnectWithin, "three normal connections on MoneroNet", group.Token,
                describe: es => string.Join("\n", es.Select(e => e.ToString())));
            Assert.Equal("exclusive", Entry(first, IsM1)!.Value.GetProperty("connection_type").GetString());
            Assert.Equal("inbound", Entry(first, IsM2)!.Value.GetProperty("connection_type").GetString());
            Assert.Equal("inbound", Entry(first, IsProxy)!.Value.GetProperty("connection_type").GetString());
            string m1Connection = Entry(first, IsM1)!.Value.GetProperty("connection_id").GetString()!;
            string m2Connection = Entry(first, IsM2)!.Value.GetProperty("connection_id").GetString()!;

            // The three pings: monerod answers with the id it handshook with; the proxy with its inner id.
            var checkedAll = await Eventually.MatchAsync(t => ExtendedAsync(node.Rpc, t),
                es => es.Length == 3 && es.All(e => e.GetProperty("proxy_check").GetString() != "pending"),
                ProxyCheckWithin, "every proxy check decided", group.Token,
                describe: es => string.Join("\n", es.Select(e => e.ToString())));
            output.WriteLine(string.Join("\n", checkedAll.Select(e => e.ToString())));
            foreach (var monerod in new[] { Entry(checkedAll, IsM1)!.Value, Entry(checkedAll, IsM2)!.Value })
            {
                Assert.Equal("consistent", monerod.GetProperty("proxy_check").GetString());
                Assert.Empty(monerod.GetProperty("inner_peer_ids").EnumerateArray());
                Assert.False(monerod.GetProperty("support_flags_requested").GetBoolean()); // monerod advertises flags
                Assert.True(monerod.GetProperty("msgs_recv_per_msg").GetProperty("ping").GetUInt64() >= 3);
                Assert.True(monerod.GetProperty("msgs_sent_per_msg").GetProperty("ping").GetUInt64() >= 3);
                Assert.True(monerod.GetProperty("min_ping_ms").GetDouble() > 0);
                Assert.True(monerod.GetProperty("ping_ms").GetDouble() >= monerod.GetProperty("min_ping_ms").GetDouble());
                Assert.Equal("127.0.0.0/24", monerod.GetProperty("subnet").GetString());
            }
            var suspect = Entry(checkedAll, IsProxy)!.Value;
            Assert.Equal("mismatch", suspect.GetProperty("proxy_check").GetString());
            Assert.Equal([inner.ToString("x16")], suspect.GetProperty("inner_peer_ids").EnumerateArray().Select(i => i.GetString()));
            Assert.Equal(proxy.OuterPeerId.ToString("x16"), suspect.GetProperty("peer_id").GetString());
            Assert.Equal(3, proxy.PingsAnswered);

            // The pings cost nothing on monerod's side: the same connections are still up and normal on both monerods,
            // and neither banned us (a fail score of 10 would have; monerod's handle_ping adds none).
            await Task.WhenAll(ExpectSameConnectionAsync(m1.Rpc, node.P2PEndPoint.Address, group.Token),
                ExpectSameConnectionAsync(m2.Rpc, node.P2PEndPoint.Address, group.Token));
            var again = await ExtendedAsync(node.Rpc, group.Token);
            Assert.Equal(m1Connection, Entry(again, IsM1)!.Value.GetProperty("connection_id").GetString());
            Assert.Equal(m2Connection, Entry(again, IsM2)!.Value.GetProperty("connection_id").GetString());
            foreach (var monerod in new[] { m1, m2 })
            {
                var bans = await monerod.Rpc.CallAsync<JsonElement>("get_bans", null, group.Token);
                Assert.False(bans.TryGetProperty("bans", out var list) && list.GetArrayLength() > 0, $"{monerod.Name} banned someone: {bans}");
            }

            // Exact byte sums: at a quiet moment, each connection's bytes by command add up to recv_count and
            // send_count, and those mirror what the monerod at the other end counted.
            await Eventually.MatchAsync(async t =>
                {
                    var ours = await ExtendedAsync(node.Rpc, t);
                    var theirs1 = await m1.Rpc.GetConnectionsAsync(t);
                    var theirs2 = await m2.Rpc.GetConnectionsAsync(t);
                    var again2 = await ExtendedAsync(node.Rpc, t);
                    return (ours, theirs1, theirs2, again2);
                },
                s => Quiet(s.ours, s.again2) && s.ours.All(e =>
                        e.GetProperty("ping_wait_ms").GetDouble() == 0 // nothing of ours outstanding
                        && Sum(e.GetProperty("bytes_recv_per_msg")) == e.GetProperty("recv_count").GetUInt64()
                        && Sum(e.GetProperty("bytes_sent_per_msg")) == e.GetProperty("send_count").GetUInt64())
                    && Mirrors(Entry(s.ours, IsM1)!.Value, s.theirs1.Single())
                    && Mirrors(Entry(s.ours, IsM2)!.Value, s.theirs2.Single()),
                TimeSpan.FromSeconds(30), "byte sums equal to recv_count/send_count and mirrored by monerod", group.Token,
                describe: s => string.Join("\n", s.ours.Select(e => e.ToString())));

            var final = await ExtendedAsync(node.Rpc, group.Token);
            var m1Entry = Entry(final, IsM1)!.Value;
            // We initiated the handshake with M1: one each way, and the "other" bucket stays empty with monerod.
            Assert.Equal(1UL, m1Entry.GetProperty("msgs_sent_per_msg").GetProperty("handshake").GetUInt64());
            Assert.Equal(1UL, m1Entry.GetProperty("msgs_recv_per_msg").GetProperty("handshake").GetUInt64());
            Assert.DoesNotContain("other", Commands(m1Entry.GetProperty("bytes_recv_per_msg")));
            Assert.DoesNotContain("other", Commands(Entry(final, IsM2)!.Value.GetProperty("bytes_recv_per_msg")));
        });

    private static bool Quiet(JsonElement[] a, JsonElement[] b) =>
        a.Length == b.Length && a.OrderBy(e => e.GetProperty("connection_id").GetString())
            .Zip(b.OrderBy(e => e.GetProperty("connection_id").GetString()))
            .All(p => p.First.GetProperty("recv_count").GetUInt64() == p.Second.GetProperty("recv_count").GetUInt64()
                && p.First.GetProperty("send_count").GetUInt64() == p.Second.GetProperty("send_count").GetUInt64());

    private static bool Mirrors(JsonElement ours, ConnectionInfo theirs) =>
        ours.GetProperty("recv_count").GetUInt64() == theirs.SendCount && ours.GetProperty("send_count").GetUInt64() == theirs.RecvCount;

    private static async Task ExpectSameConnectionAsync(MonerodRpc monerod, IPAddress node, CancellationToken ct)
    {
        var listed = await monerod.GetConnectionsAsync(ct);
        var only = Assert.Single(listed);
        Assert.Equal("normal", only.State);
        Assert.Equal(node.ToString(), only.Host);
    }

    [Fact]
    public Task Plain_get_connections_carries_exactly_monerods_fields_and_extended_adds_the_facts() =>
        InteropRun.RunAsync(output, TimeSpan.FromSeconds(90), async group =>
        {
            var monerod = await group.StartMonerodAsync(new MonerodOptions { Name = "M" });
            // The repository's generated test map: 127.0.0.0/24 is AS64496 "ZZ" (documentation ASNs, not real data).
            string asnMap = Path.Combine(AppContext.BaseDirectory, "TestData", "asn", "test-asn-map.tsv");
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions
            {
                ExclusiveNodes = [monerod.P2PEndPoint],
                ExtraArguments = ["--asn-map", asnMap],
            });
            var witness = await group.StartMonerodAsync(new MonerodOptions { Name = "W", ExclusiveNodes = [node.P2PEndPoint] });
            await Eventually.MatchAsync(t => ExtendedAsync(node.Rpc, t), es => es.Length == 2 && es.All(e => e.GetProperty("state").GetString() == "normal"),
                ConnectWithin, "two normal connections", group.Token);

            var plainOurs = await node.Rpc.CallAsync<JsonElement>("get_connections", null, group.Token);
            var plainTheirs = await Eventually.MatchAsync(t => witness.Rpc.CallAsync<JsonElement>("get_connections", null, t),
                r => r.TryGetProperty("connections", out var c) && c.GetArrayLength() == 1, ConnectWithin, "the witness lists us", group.Token);
            static string[] Keys(JsonElement entry) => [.. entry.EnumerateObject().Select(p => p.Name)];
            var monerodKeys = Keys(plainTheirs.GetProperty("connections")[0]);
            // The same field names in the same order as monerod prints them: nothing of the extended set leaks out.
            Assert.All(plainOurs.GetProperty("connections").EnumerateArray(), e => Assert.Equal(monerodKeys, Keys(e)));

            // monerod ignores "extended": asked so, it answers its plain fields.
            var extendedTheirs = await witness.Rpc.CallAsync<JsonElement>("get_connections", new { extended = true }, group.Token);
            Assert.Equal(monerodKeys, Keys(extendedTheirs.GetProperty("connections")[0]));

            var extendedOurs = await ExtendedAsync(node.Rpc, group.Token);
            foreach (var key in new[] { "connection_type", "bytes_recv_per_msg", "bytes_sent_per_msg", "msgs_recv_per_msg",
                         "msgs_sent_per_msg", "ping_wait_ms", "proxy_check", "inner_peer_ids", "support_flags_requested", "subnet" })
            {
                Assert.All(extendedOurs, e => Assert.True(e.TryGetProperty(key, out _), $"{key} missing in {e}"));
            }
            Assert.All(extendedOurs, e =>
            {
                Assert.Equal(64496UL, e.GetProperty("asn").GetUInt64());
                Assert.Equal("ZZ", e.GetProperty("country").GetString());
                Assert.Equal("MONERONET-TEST-LOOPBACK - Loopback test peers", e.GetProperty("as_name").GetString());
            });
        });
}
