using System.Net;
using System.Text.Json;
using MoneroNet.Interop.Tests.Fixtures;
using MoneroNet.TestSupport;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// MoneroNet and real monerod 0.18 over the Tor and I2P zones, offline: the loopback SOCKS fixture stands in for the
/// Tor/I2P daemon and maps valid-format names to the hidden services' loopback ports. Both directions: MoneroNet dials
/// monerod's --anonymous-inbound with --tx-proxy (SOCKS5), and monerod dials MoneroNet's with its own --tx-proxy
/// (monerod 0.18 speaks SOCKS4a). Both ends' get_connections show the zone as monerod shows it, the byte counts agree,
/// the proxy only ever saw names, and no address crosses between the public and anonymity peer lists.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class AnonymityInteropTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(150);
    private const string MonerodOnion = "zpadmjkvyyjdfxqr7bznhwtk6zgdiltudkzmbpcx3d2ja3vfrdkcvzqd.onion";
    private const string MoneroNetOnion = "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wyd.onion";
    private const string MonerodI2p = "udhdrtrcetjm5sxzskjyr5ztpeszydbh4dpl3pl4utgqqw2v4jna.b32.i2p";
    private const string MoneroNetI2p = "ukeu3k5oycgaauneqgtnvselmt4yemvoilkln7jpvamvfx7dnkdq.b32.i2p";
    private const int HiddenServicePort = 18083;

    public static TheoryData<string, string> MonerodHiddenServices => new() { { "tor", MonerodOnion }, { "i2p", MonerodI2p } };
    public static TheoryData<string, string> MoneroNetHiddenServices => new() { { "tor", MoneroNetOnion }, { "i2p", MoneroNetI2p } };

    [Theory]
    [MemberData(nameof(MonerodHiddenServices))]
    public Task MoneroNet_dials_monerods_hidden_service_through_the_proxy(string zone, string monerodName) =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            await using var proxy = new SocksProxyFixture();
            using var inbound = PortAllocator.Lease();
            var monerod = await group.StartMonerodAsync(new MonerodOptions
            {
                Anonymity = new AnonymityOptions
                {
                    TxProxies = [new TxProxyFlag(zone, proxy.EndPoint, 4)],
                    Inbounds = [new AnonymousInboundFlag(monerodName, new IPEndPoint(IPAddress.Loopback, inbound.Port), 10)],
                },
            });
            proxy.Map(monerodName, new IPEndPoint(IPAddress.Loopback, inbound.Port));
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions
            {
                Anonymity = new AnonymityOptions
                {
                    TxProxies = [new TxProxyFlag(zone, proxy.EndPoint)],
                    ExclusiveNodes = [$"{monerodName}:{HiddenServicePort}"],
                },
            });

            var ours = await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
                cs => cs.Any(c => c.AddressType == TypeOf(zone) && c.State == "normal"), TimeSpan.FromSeconds(40),
                $"MoneroNet holds a {zone} connection to monerod", group.Token, describe: Describe);
            var mine = ours.Single(c => c.AddressType == TypeOf(zone));
            // What MoneroNet reports, as monerod reports its own outgoing anonymity connections: the name and port we
            // dialled, ip and port empty, monerod's anonymity peer id 1, not local, not loopback.
            Assert.False(mine.Incoming);
            Assert.Equal($"{monerodName}:{HiddenServicePort}", mine.Address);
            Assert.Equal(monerodName, mine.Host);
            Assert.Equal("", mine.Ip);
            Assert.Equal("", mine.Port);
            Assert.Equal("0000000000000001", mine.PeerId);
            Assert.False(mine.Localhost);
            Assert.False(mine.LocalIp);

            var theirs = await Eventually.MatchAsync(monerod.Rpc.GetConnectionsAsync,
                cs => cs.Any(c => c.AddressType == TypeOf(zone) && c.State == "normal"), TimeSpan.FromSeconds(20),
                $"monerod lists the {zone} connection", group.Token, describe: Describe);
            var its = theirs.Single(c => c.AddressType == TypeOf(zone));
            Assert.True(its.Incoming);
            Assert.Equal($"<unknown {zone} host>", its.Address);
            Assert.Equal($"<unknown {zone} host>", its.Host);
            Assert.Equal("", its.Ip);
            Assert.Equal("", its.Port);
            // MoneroNet says peer id 1 in the zone, as monerod does.
            Assert.Equal("0000000000000001", its.PeerId);
            Assert.Equal(0, its.RpcPort);

            // MoneroNet pads its --tx-proxy connection with monerod's noise: monerod receives 3 KiB dummies (every
            // 10-15 s) and keeps the connection; nothing else crosses the link between timed syncs.
            var before = its.RecvCount;
            var padded = await Eventually.MatchAsync(monerod.Rpc.GetConnectionsAsync,
                cs => cs.Any(c => c.AddressType == TypeOf(zone) && c.RecvCount >= before + 3072), TimeSpan.FromSeconds(40),
                "MoneroNet's noise reaches monerod", group.Token, interval: TimeSpan.FromMilliseconds(500), describe: Describe);
            Assert.Equal("normal", padded.Single(c => c.AddressType == TypeOf(zone)).State);

            await AssertByteCountsAgreeAsync(node.Rpc, outgoing: true, monerod.Rpc, zone, group.Token);
            AssertOnlyNamesWereRequested(proxy, monerodName, expectedVersion: 5);

            // MoneroNet's lists: the dialled name is white in the zone; public_only leaves it out; nothing public.
            var all = await PeerListAsync(node.Rpc, publicOnly: false, group.Token);
            var publicOnly = await PeerListAsync(node.Rpc, publicOnly: true, group.Token);
            Assert.Contains($"{monerodName}:{HiddenServicePort}", all.White);
            Assert.DoesNotContain(publicOnly.White.Concat(publicOnly.Gray), a => a.Contains(".onion", StringComparison.Ordinal) || a.Contains(".i2p", StringComparison.Ordinal));
            Assert.All(all.White.Concat(all.Gray), a => Assert.True(a.EndsWith(".onion:18083", StringComparison.Ordinal) || a.Contains(".i2p", StringComparison.Ordinal), $"{a} is not of the {zone} zone"));
            // get_info counts the public zone only, as monerod does.
            Assert.Equal(0UL, (await node.Rpc.GetInfoAsync(group.Token)).OutgoingConnectionsCount);
            Assert.Equal(0UL, (await monerod.Rpc.GetInfoAsync(group.Token)).IncomingConnectionsCount);
        });

    [Theory]
    [MemberData(nameof(MoneroNetHiddenServices))]
    public Task Monerod_dials_moneronets_hidden_service_through_the_proxy(string zone, string moneroNetName) =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            await using var proxy = new SocksProxyFixture();
            using var inbound = PortAllocator.Lease();
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions
            {
                Anonymity = new AnonymityOptions
                {
                    TxProxies = [new TxProxyFlag(zone, proxy.EndPoint)],
                    Inbounds = [new AnonymousInboundFlag(moneroNetName, new IPEndPoint(IPAddress.Loopback, inbound.Port), 10)],
                },
            });
            proxy.Map(moneroNetName, new IPEndPoint(IPAddress.Loopback, inbound.Port));
            var monerod = await group.StartMonerodAsync(new MonerodOptions
            {
                Anonymity = new AnonymityOptions
                {
                    TxProxies = [new TxProxyFlag(zone, proxy.EndPoint, 2)],
                    ExclusiveNodes = [$"{moneroNetName}:{HiddenServicePort}"],
                },
            });

            var theirs = await Eventually.MatchAsync(monerod.Rpc.GetConnectionsAsync,
                cs => cs.Any(c => c.AddressType == TypeOf(zone) && c.State == "normal"), TimeSpan.FromSeconds(60),
                $"monerod holds a {zone} connection to MoneroNet", group.Token, describe: Describe);
            var its = theirs.Single(c => c.AddressType == TypeOf(zone));
            Assert.False(its.Incoming);
            Assert.Equal($"{moneroNetName}:{HiddenServicePort}", its.Address);
            Assert.Equal(moneroNetName, its.Host);
            Assert.Equal("", its.Ip);
            Assert.Equal("0000000000000001", its.PeerId);

            var ours = await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
                cs => cs.Any(c => c.AddressType == TypeOf(zone) && c.State == "normal"), TimeSpan.FromSeconds(20),
                $"MoneroNet lists the {zone} connection", group.Token, describe: Describe);
            var mine = ours.Single(c => c.AddressType == TypeOf(zone));
            Assert.True(mine.Incoming);
            Assert.Equal($"<unknown {zone} host>", mine.Address);
            Assert.Equal($"<unknown {zone} host>", mine.Host);
            Assert.Equal("", mine.Ip);
            Assert.Equal("", mine.Port);
            Assert.Equal("0000000000000001", mine.PeerId);
            Assert.Equal(0U, mine.SupportFlags); // monerod's zones other than public advertise no flags
            // Extended get_connections: the proxy fingerprint does not apply in a zone where every peer is id 1,
            // and no subnet or AS is looked up for a name.
            var extended = await node.Rpc.CallAsync<JsonElement>("get_connections", new { extended = true }, group.Token);
            var fact = extended.GetProperty("connections").EnumerateArray().Single(c => c.GetProperty("address_type").GetInt32() == TypeOf(zone));
            Assert.Equal("not_applicable", fact.GetProperty("proxy_check").GetString());
            Assert.Equal("", fact.GetProperty("subnet").GetString());
            Assert.False(fact.GetProperty("support_flags_requested").GetBoolean());
            // Our hidden service is one of the node's local addresses, beside the public listener.
            var stats = await node.Rpc.CallAsync<JsonElement>("get_connection_stats", new { }, group.Token);
            var locals = stats.GetProperty("local_addresses").EnumerateArray()
                .Select(l => (Address: l.GetProperty("address").GetString()!, Zone: l.GetProperty("zone").GetString()!)).ToList();
            Assert.Contains(locals, l => l.Zone == zone && l.Address.StartsWith(moneroNetName, StringComparison.Ordinal));
            Assert.Contains(locals, l => l.Zone == "public" && l.Address == node.P2PEndPoint.ToString());

            // monerod 0.18 speaks SOCKS4a: the fixture saw the name itself, never an address.
            AssertOnlyNamesWereRequested(proxy, moneroNetName, expectedVersion: 4);

            // monerod pads its --tx-proxy connections with noise (3 KiB dummy messages every 10-15 s): MoneroNet takes
            // them and the connection stays up; its received bytes grow in whole 3072-byte steps between timed syncs.
            var before = mine.RecvCount;
            var later = await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
                cs => cs.Any(c => c.AddressType == TypeOf(zone) && c.RecvCount >= before + 3072), TimeSpan.FromSeconds(40),
                "monerod's noise reaches MoneroNet", group.Token, interval: TimeSpan.FromMilliseconds(500), describe: Describe);
            Assert.Equal("normal", later.Single(c => c.AddressType == TypeOf(zone)).State);

            await AssertByteCountsAgreeAsync(node.Rpc, outgoing: false, monerod.Rpc, zone, group.Token);
            Assert.Equal(0UL, (await node.Rpc.GetInfoAsync(group.Token)).IncomingConnectionsCount);
            var lists = await PeerListAsync(node.Rpc, publicOnly: false, group.Token);
            // An incoming anonymity peer is never listed (its address is the unknown host).
            Assert.DoesNotContain(lists.White.Concat(lists.Gray), a => a.Contains("unknown", StringComparison.Ordinal));
        });

    private static int TypeOf(string zone) => zone == "tor" ? 4 : 3;

    private static string Describe(IReadOnlyList<ConnectionInfo> cs) =>
        $"{cs.Count} connections: " + string.Join("; ", cs.Select(c => $"{c.Address} type {c.AddressType} {c.State} in={c.Incoming}"));

    /// <summary>
    /// Both ends count every byte of the connection (Levin headers and noise included); once the link is quiet
    /// between a sample of each side, one side's sent bytes are the other's received bytes.
    /// </summary>
    private static async Task AssertByteCountsAgreeAsync(MonerodRpc moneroNet, bool outgoing, MonerodRpc monerod, string zone, CancellationToken ct)
    {
        await Eventually.MatchAsync(async token =>
            {
                var a = (await moneroNet.GetConnectionsAsync(token)).Single(c => c.AddressType == TypeOf(zone) && c.Incoming != outgoing);
                var b = (await monerod.GetConnectionsAsync(token)).Single(c => c.AddressType == TypeOf(zone) && c.Incoming == outgoing);
                return (a, b);
            },
            p => p.a.RecvCount == p.b.SendCount && p.a.SendCount == p.b.RecvCount && p.a.RecvCount > 0,
            TimeSpan.FromSeconds(30), "MoneroNet's and monerod's byte counts of the connection agree", ct,
            interval: TimeSpan.FromMilliseconds(200),
            describe: p => $"MoneroNet recv {p.a.RecvCount} send {p.a.SendCount}; monerod recv {p.b.RecvCount} send {p.b.SendCount}");
    }

    private static void AssertOnlyNamesWereRequested(SocksProxyFixture proxy, string name, int expectedVersion)
    {
        Assert.NotEmpty(proxy.Requests);
        Assert.All(proxy.Requests, r =>
        {
            Assert.Equal(SocksTargetKind.DomainName, r.Kind);
            Assert.Equal(expectedVersion, r.Version);
            Assert.Equal(name, r.Host);
            Assert.Equal(HiddenServicePort, r.Port);
        });
    }

    private static async Task<(List<string> White, List<string> Gray)> PeerListAsync(MonerodRpc rpc, bool publicOnly, CancellationToken ct)
    {
        var doc = await rpc.PostUriAsync("get_peer_list", new { public_only = publicOnly }, ct);
        static List<string> Read(JsonElement root, string key) => root.TryGetProperty(key, out var list)
            ? [.. list.EnumerateArray().Select(Text)]
            : [];
        // monerod's get_peer_list: an IP entry has host and port apart, an anonymity entry has "name:port" as host.
        static string Text(JsonElement e)
        {
            string host = e.GetProperty("host").GetString()!;
            return host.Contains(".onion", StringComparison.Ordinal) || host.Contains(".i2p", StringComparison.Ordinal)
                ? host : $"{host}:{e.GetProperty("port").GetUInt32()}";
        }
        return (Read(doc, "white_list"), Read(doc, "gray_list"));
    }
}
