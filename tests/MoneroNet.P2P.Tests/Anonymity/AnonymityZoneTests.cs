using System.Net;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Protocol;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.P2P.Zones;
using MoneroNet.TestSupport;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests.Anonymity;

/// <summary>
/// Two MoneroNet nodes over an anonymity zone through the loopback SOCKS fixture: one dials with --tx-proxy, the
/// other accepts with --anonymous-inbound. The connection belongs to the zone on both ends, each side sees the other
/// as monerod would (peer id 1, the dialled name / the unknown host), only names reach the proxy, and the zones'
/// peer lists never take an address of another zone.
/// </summary>
[Collection(SerialCollection.Name)]
public class AnonymityZoneTests
{
    internal const string OnionB = "zpadmjkvyyjdfxqr7bznhwtk6zgdiltudkzmbpcx3d2ja3vfrdkcvzqd.onion";
    internal const string OnionA = "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wyd.onion";
    internal const string I2pB = "udhdrtrcetjm5sxzskjyr5ztpeszydbh4dpl3pl4utgqqw2v4jna.b32.i2p";

    private static async Task<(TestNode Dialler, TestNode Acceptor, SocksProxyFixture Proxy)> StartPairAsync(
        NetworkAddressType type, string acceptorHost, bool acceptorDialsToo = false, string? diallerHiddenService = null)
    {
        var zone = type == NetworkAddressType.Tor ? NetworkZone.Tor : NetworkZone.I2p;
        var proxy = new SocksProxyFixture();
        var ours = type == NetworkAddressType.Tor ? NetworkAddress.Tor(acceptorHost, 18083) : NetworkAddress.I2p(acceptorHost, 18083);
        var acceptor = await TestNode.StartOnOwnHostAsync(o => o with
        {
            AnonymousInbounds = [new AnonymousInbound(ours, new IPEndPoint(IPAddress.Loopback, 0), 10)],
            TxProxies = acceptorDialsToo ? [new TxProxy(zone, proxy.EndPoint)] : [],
        });
        proxy.Map(acceptorHost, acceptor.Node.AnonymousListenEndPoints.Single().EndPoint);
        var dialler = await TestNode.StartOnOwnHostAsync(o => o with
        {
            TxProxies = [new TxProxy(zone, proxy.EndPoint, 4)],
            AnonymousInbounds = diallerHiddenService is null ? []
                : [new AnonymousInbound(NetworkAddress.Tor(diallerHiddenService, 18084), new IPEndPoint(IPAddress.Loopback, 0))],
        });
        return (dialler, acceptor, proxy);
    }

    [Theory]
    [InlineData(NetworkAddressType.Tor, OnionB)]
    [InlineData(NetworkAddressType.I2p, I2pB)]
    public async Task A_dial_through_the_proxy_lands_on_the_hidden_service_listener_in_the_zone(NetworkAddressType type, string host)
    {
        var (dialler, acceptor, proxy) = await StartPairAsync(type, host);
        await using var _a = dialler;
        await using var _b = acceptor;
        await using var _p = proxy;
        var target = type == NetworkAddressType.Tor ? NetworkAddress.Tor(host, 18083) : NetworkAddress.I2p(host, 18083);
        var zone = NetworkZones.Of(target);

        var session = await dialler.Node.ConnectAnonymityAsync(target);
        Assert.NotNull(session);
        await Poll.UntilAsync(() => session.HandshakeComplete, "handshake over the anonymity zone");
        var incoming = await Poll2.SingleAsync(() => acceptor.Node.Connections.All.Where(s => s.Incoming && s.HandshakeComplete));

        // The dialler knows the peer by the name it dialled; the acceptor by the zone's unknown host, port 0.
        Assert.Equal(zone, session.Zone);
        Assert.Equal(target, session.Address);
        Assert.Equal(zone, incoming.Zone);
        Assert.Equal(NetworkAddress.UnknownHostOf(type), incoming.Address);
        Assert.Equal(type == NetworkAddressType.Tor ? "<unknown tor host>" : "<unknown i2p host>", incoming.Address.ToString());
        // Both sides say peer id 1 in the zone, and neither advertises a port or support flags there.
        Assert.Equal(LocalIdentity.AnonymityZonePeerId, session.PeerId);
        Assert.Equal(LocalIdentity.AnonymityZonePeerId, incoming.PeerId);
        Assert.Equal(0u, session.AdvertisedPort);
        Assert.Equal(0u, incoming.AdvertisedPort);
        Assert.Equal(0u, incoming.SupportFlags);
        Assert.False(incoming.SupportFlagsRequested);
        // Everyone is id 1 in the zone: the proxy fingerprint cannot apply (extended get_connections: not_applicable).
        Assert.Equal(ProxyCheckState.NotApplicable, session.ProxyCheck.State);
        Assert.Equal(ProxyCheckState.NotApplicable, incoming.ProxyCheck.State);

        // The proxy was asked for the name, by name, once; nothing was resolved on our side.
        var request = Assert.Single(proxy.Requests);
        Assert.Equal(new SocksRequest(5, SocksTargetKind.DomainName, host, 18083, Mapped: true), request);

        // Counted in its zone, not in the public one.
        Assert.Equal(0, dialler.Node.Connections.CountOutgoingPeers());
        Assert.Equal(1, dialler.Node.Connections.CountOutgoingPeersIn(zone));
        Assert.Equal(0, acceptor.Node.Connections.CountIncoming());
        Assert.Equal(1, acceptor.Node.Connections.CountIncomingIn(zone));

        // The dialled address is white in the zone's own list, and the public lists hold nothing of the zone.
        Assert.Contains(dialler.Node.ZonePeerLists(zone)!.White, e => e.Address.Equals(target));
        Assert.Empty(dialler.Node.PeerLists.White);
        Assert.Empty(acceptor.Node.PeerLists.White);
        Assert.Empty(acceptor.Node.PeerLists.Gray);
    }

    [Fact]
    public async Task Peer_lists_stay_in_the_zone_and_a_dialler_with_a_hidden_service_announces_it_in_timed_syncs()
    {
        // The acceptor also dials Tor and the dialler has a hidden service of its own (OnionA), so lists go both
        // ways; each public list holds a public address that must never cross into Tor.
        const string diallerOnion = "vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd.onion";
        var (dialler, acceptor, proxy) = await StartPairAsync(NetworkAddressType.Tor, OnionB, acceptorDialsToo: true, diallerHiddenService: diallerOnion);
        await using var _a = dialler;
        await using var _b = acceptor;
        await using var _p = proxy;
        var publicPeer = new PeerLists.KnownPeer(NetworkAddress.FromIP(IPAddress.Parse("203.0.113.7"), 18080), 77, 1, 0, 0, 0);
        dialler.Node.PeerLists.SetJustSeen(publicPeer);
        acceptor.Node.PeerLists.SetJustSeen(publicPeer with { Address = NetworkAddress.FromIP(IPAddress.Parse("198.51.100.8"), 18080) });
        var anotherOnion = NetworkAddress.Tor(OnionA, 18083);
        acceptor.Node.ZonePeerLists(NetworkZone.Tor)!.SetJustSeen(new PeerLists.KnownPeer(anotherOnion, 1, 1, 0, 0, 0));

        var session = await dialler.Node.ConnectAnonymityAsync(NetworkAddress.Tor(OnionB, 18083));
        Assert.NotNull(session);
        await Poll.UntilAsync(() => session.HandshakeComplete, "handshake");
        // The handshake answer carried the acceptor's Tor white list: the other onion reaches the dialler's Tor gray.
        await Poll.UntilAsync(() => dialler.Node.ZonePeerLists(NetworkZone.Tor)!.Gray.Any(e => e.Address.Equals(anotherOnion)),
            "the acceptor's Tor peers reach the dialler's Tor gray list");
        dialler.Node.SendTimedSyncs();
        acceptor.Node.SendTimedSyncs();
        var incoming = await Poll2.SingleAsync(() => acceptor.Node.Connections.All.Where(s => s.Incoming && s.HandshakeComplete));
        // Each side received the other's timed-sync request and its answer (2 messages of 1002 each way).
        await Poll.UntilAsync(() => session.Traffic.MessagesReceived(Stats.CommandKind.TimedSync) >= 2
            && incoming.Traffic.MessagesReceived(Stats.CommandKind.TimedSync) >= 2, "timed syncs both ways");

        // monerod's handle_timed_sync: on a connection it dialled, a node with a hidden service in the zone adds its own
        // address (with the zone's peer id 1) to its answer.
        await Poll.UntilAsync(() => acceptor.Node.ZonePeerLists(NetworkZone.Tor)!.Gray.Any(e => e.Address.Equals(NetworkAddress.Tor(diallerOnion, 18084))),
            "the dialler's hidden service reaches the acceptor's Tor gray list");
        Assert.Equal(LocalIdentity.AnonymityZonePeerId,
            acceptor.Node.ZonePeerLists(NetworkZone.Tor)!.Gray.Single(e => e.Address.Host == diallerOnion).PeerId);

        foreach (var node in new[] { dialler.Node, acceptor.Node })
        {
            Assert.All(node.ZonePeerLists(NetworkZone.Tor)!.White.Concat(node.ZonePeerLists(NetworkZone.Tor)!.Gray),
                e => Assert.Equal(NetworkAddressType.Tor, e.Address.Type));
            Assert.All(node.PeerLists.White.Concat(node.PeerLists.Gray),
                e => Assert.True(e.Address.Type is NetworkAddressType.IPv4 or NetworkAddressType.IPv6, $"{e.Address} in the public lists"));
        }
        Assert.DoesNotContain(dialler.Node.ZonePeerLists(NetworkZone.Tor)!.Gray, e => e.Address.Type != NetworkAddressType.Tor);
        Assert.All(proxy.Requests, r => Assert.Equal(SocksTargetKind.DomainName, r.Kind));
    }

    [Fact]
    public async Task A_dial_to_an_unmapped_name_fails_with_a_log_line_and_backs_off()
    {
        var (dialler, acceptor, proxy) = await StartPairAsync(NetworkAddressType.Tor, OnionB);
        await using var _a = dialler;
        await using var _b = acceptor;
        await using var _p = proxy;
        var unknown = NetworkAddress.Tor(OnionA, 18083);

        Assert.Null(await dialler.Node.ConnectAnonymityAsync(unknown));
        Assert.Contains(dialler.Log.Entries, e => e.EventId == 2401 && e.Message.Contains("SOCKS proxy refused CONNECT", StringComparison.Ordinal));
        Assert.Equal(1, dialler.Node.AddressBook.Zones.Get(NetworkZone.Tor)!.Backoff.FailuresOf(unknown));
        Assert.Empty(dialler.Node.Connections.All);
    }

    [Fact]
    public async Task Without_a_proxy_for_the_zone_nothing_is_dialled()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        Assert.Null(await node.Node.ConnectAnonymityAsync(NetworkAddress.Tor(OnionB, 18083)));
        Assert.Empty(node.Node.Connections.All);
    }

    [Fact]
    public async Task The_maintainer_fills_the_zone_from_its_add_peer_and_exclusive_nodes()
    {
        var proxy = new SocksProxyFixture();
        await using var _p = proxy;
        var ours = NetworkAddress.Tor(OnionB, 18083);
        await using var acceptor = await TestNode.StartOnOwnHostAsync(o => o with
        {
            AnonymousInbounds = [new AnonymousInbound(ours, new IPEndPoint(IPAddress.Loopback, 0))],
            TxProxies = [new TxProxy(NetworkZone.Tor, proxy.EndPoint)],
        });
        proxy.Map(OnionB, acceptor.Node.AnonymousListenEndPoints.Single().EndPoint);
        await using var dialler = await TestNode.StartOnOwnHostAsync(o => o with
        {
            TxProxies = [new TxProxy(NetworkZone.Tor, proxy.EndPoint, 4)],
            AnonymousExclusiveNodes = [ours],
        });
        await Poll.UntilAsync(() => dialler.Node.Connections.All.Any(s => s.Zone == NetworkZone.Tor && s.HandshakeComplete
            && s.ConnectionType == PeerConnectionType.Exclusive), "the maintainer dials the exclusive onion");
        Assert.All(proxy.Requests, r => Assert.Equal(OnionB, r.Host));
    }
}

internal static class Poll2
{
    public static async Task<T> SingleAsync<T>(Func<IEnumerable<T>> read)
    {
        T[] seen = [];
        await Poll.UntilAsync(() => (seen = read().ToArray()).Length == 1, "exactly one");
        return seen[0];
    }
}

/// <summary>--proxy: the public zone dialled through a SOCKS proxy, as monerod 0.18 does it.</summary>
[Collection(SerialCollection.Name)]
public class PublicProxyTests
{
    [Fact]
    public async Task Public_dials_go_through_the_proxy_by_ip_and_we_advertise_no_port()
    {
        await using var proxy = new SocksProxyFixture { RelayLoopbackIps = true };
        await using var peer = await TestNode.StartOnOwnHostAsync();
        await using var node = await TestNode.StartOnOwnHostAsync(o => o with { PublicProxy = proxy.EndPoint });

        var session = await node.Node.ConnectAsync(peer.EndPoint);
        Assert.NotNull(session);
        await Poll.UntilAsync(() => session.HandshakeComplete, "handshake through the proxy");
        // Known by the peer's own endpoint, in the public zone, counted there.
        Assert.Equal(NetworkZone.Public, session.Zone);
        Assert.Equal(NetworkAddress.FromEndPoint(peer.EndPoint), session.Address);
        Assert.Equal(1, node.Node.Connections.CountOutgoingPeers());
        var request = Assert.Single(proxy.Requests);
        Assert.Equal(new SocksRequest(5, SocksTargetKind.IPv4, peer.EndPoint.Address.ToString(), (ushort)peer.EndPoint.Port, Mapped: true), request);
        // monerod's m_can_pingback is false behind --proxy: my_port 0, so the peer neither lists nor back-pings us.
        var incoming = await Poll2.SingleAsync(() => peer.Node.Connections.All.Where(s => s.Incoming && s.HandshakeComplete));
        Assert.Equal(0u, incoming.AdvertisedPort);
        Assert.Equal(0u, node.Node.Local.MyPort);
    }

    [Fact]
    public async Task A_refusing_proxy_is_a_logged_failed_dial()
    {
        await using var proxy = new SocksProxyFixture(); // relays no IP
        await using var peer = await TestNode.StartOnOwnHostAsync();
        await using var node = await TestNode.StartOnOwnHostAsync(o => o with { PublicProxy = proxy.EndPoint });
        Assert.Null(await node.Node.ConnectAsync(peer.EndPoint));
        Assert.Contains(node.Log.Entries, e => e.EventId == 2401);
        Assert.Equal(1, node.Node.AddressBook.DialFailuresOf(peer.EndPoint));
        Assert.Empty(peer.Node.Connections.All);
    }
}
