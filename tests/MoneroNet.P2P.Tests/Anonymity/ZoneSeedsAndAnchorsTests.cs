using System.Net;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.PeerLists;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.P2P.Zones;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests.Anonymity;

/// <summary>
/// Which dials an anonymity zone's connections maker chooses, checked on nodes that are never started: nothing is
/// dialled, so monerod's built-in Tor and I2P seeds are never contacted (docs/PROTOCOL.md §3.9, "Zone seeds").
/// </summary>
public class ZoneSeedsAndAnchorsTests
{
    private static readonly IPEndPoint Proxy = new(IPAddress.Loopback, 1);

    private static readonly string[] TorSeeds =
    [
        "zbjkbsxc5munw3qusl7j2hpcmikhqocdf4pqhnhtpzw5nt5jrmofptid.onion", "plowsof3t5hogddwabaeiyrno25efmzfxyro2vligremt7sxpsclfaid.onion",
        "plowsoffjexmxalw73tkjmf422gq6575fc7vicuu4javzn2ynnte6tyd.onion", "plowsofe6cleftfmk2raiw5h2x66atrik3nja4bfd3zrfa2hdlgworad.onion",
        "aclc4e2jhhtr44guufbnwk5bzwhaecinax4yip4wr4tjn27sjsfg6zqd.onion", "lykcas4tus7mkm4bhsgqe4drtd4awi7gja24goscc47xfgzj54yofyqd.onion",
    ];

    private static readonly string[] I2pSeeds =
    [
        "uqj3aphckqtjsitz7kxx5flqpwjlq5ppr3chazfued7xucv3nheq.b32.i2p", "vdmnehdjkpkg57nthgnjfuaqgku673r5bpbqg56ix6fyqoywgqrq.b32.i2p",
        "ugnlcdciyhghh2zert7c3kl4biwkirc43ke33jiy5slnd3mv2trq.b32.i2p",
    ];

    private static P2PNode Unstarted(Func<P2POptions, P2POptions>? configure = null, NetworkType network = NetworkType.Mainnet,
        long maxConnections = TxProxy.DefaultMaxConnections)
    {
        var options = new P2POptions
        {
            Network = network,
            UseSeedNodes = true,
            TxProxies = [new TxProxy(NetworkZone.Tor, Proxy, maxConnections), new TxProxy(NetworkZone.I2p, Proxy, maxConnections)],
        };
        return new P2PNode(configure?.Invoke(options) ?? options, new CapturedLog());
    }

    /// <summary>A valid-format onion name nobody runs (56 base32 characters).</summary>
    private static NetworkAddress Onion(int i) =>
        NetworkAddress.Tor(string.Concat(Enumerable.Repeat("ab", 27)) + "a" + (char)('a' + i) + ".onion", 18083);

    [Fact]
    public void With_empty_zone_lists_each_zone_dials_one_of_monerods_seeds_at_a_time()
    {
        var node = Unstarted();
        var picked = node.ZoneConnections.Pick();
        // monerod's connect_to_seed: one seed a zone, one after another, each through the zone's own proxy.
        var tor = Assert.Single(picked, p => p.Target.Type == NetworkAddressType.Tor);
        var i2p = Assert.Single(picked, p => p.Target.Type == NetworkAddressType.I2p);
        Assert.Equal(2, picked.Count);
        Assert.Equal(PeerConnectionType.Seed, tor.Type);
        Assert.Equal(PeerConnectionType.Seed, i2p.Type);
        Assert.Contains(tor.Target.Host, TorSeeds);
        Assert.Equal(18083, tor.Target.Port);
        Assert.Contains(i2p.Target.Host, I2pSeeds);

        // A refused seed backs off; the next ticks take the others until every seed was tried once.
        var tried = new HashSet<NetworkAddress>();
        for (int i = 0; i < TorSeeds.Length; i++)
        {
            var seed = Assert.Single(node.ZoneConnections.Pick(), p => p.Target.Type == NetworkAddressType.Tor).Target;
            Assert.True(tried.Add(seed), $"{seed} tried twice before the others");
            node.Zones.Get(NetworkZone.Tor)!.Backoff.RecordFailure(seed);
        }
        Assert.Equal(TorSeeds.ToHashSet(), tried.Select(a => a.Host!).ToHashSet());
        Assert.DoesNotContain(node.ZoneConnections.Pick(), p => p.Target.Type == NetworkAddressType.Tor);
    }

    [Theory]
    [InlineData(NetworkType.Testnet)]
    [InlineData(NetworkType.Stagenet)]
    [InlineData(NetworkType.Regtest)]
    public void Off_mainnet_the_zones_have_no_seeds_as_in_monerod(NetworkType network) =>
        Assert.Empty(Unstarted(network: network).ZoneConnections.Pick());

    [Fact]
    public void Exclusive_nodes_of_any_zone_mean_no_seeds()
    {
        var exclusive = NetworkAddress.Tor(AnonymityZoneTests.OnionA, 18083);
        var anonymous = Unstarted(o => o with { AnonymousExclusiveNodes = [exclusive] }).ZoneConnections.Pick();
        Assert.Equal([(exclusive, PeerConnectionType.Exclusive)], anonymous);
        var publicExclusive = Unstarted(o => o with { ExclusiveNodes = [new IPEndPoint(IPAddress.Loopback, 2)] });
        Assert.Empty(publicExclusive.ZoneConnections.Pick());
    }

    [Fact]
    public void A_zone_without_a_tx_proxy_and_the_seed_switch_off_dial_no_seed()
    {
        var inboundOnly = Unstarted(o => o with
        {
            TxProxies = [],
            AnonymousInbounds = [new AnonymousInbound(NetworkAddress.Tor(AnonymityZoneTests.OnionA, 18083), new IPEndPoint(IPAddress.Loopback, 0))],
        });
        Assert.Empty(inboundOnly.ZoneConnections.Pick());
        Assert.Empty(Unstarted(o => o with { UseSeedNodes = false }).ZoneConnections.Pick());
    }

    [Fact]
    public void A_known_white_peer_replaces_the_seeds_until_nothing_is_left_to_dial()
    {
        var node = Unstarted(o => o with { TxProxies = [new TxProxy(NetworkZone.Tor, Proxy)] });
        var known = Onion(0);
        node.ZonePeerLists(NetworkZone.Tor)!.SetJustSeen(new KnownPeer(known, 1, 1_700_000_000, 0, 0, 0));
        Assert.Equal([(known, PeerConnectionType.Outbound)], node.ZoneConnections.Pick());

        // monerod's "Failed to connect to any, trying seeds": the white peer backs off, nothing else to dial.
        node.Zones.Get(NetworkZone.Tor)!.Backoff.RecordFailure(known);
        var fallback = Assert.Single(node.ZoneConnections.Pick());
        Assert.Equal(PeerConnectionType.Seed, fallback.Type);
        Assert.Contains(fallback.Target.Host, TorSeeds);
    }

    [Fact]
    public void After_a_start_the_zones_anchors_are_dialled_first_and_alone()
    {
        var node = Unstarted(o => o with { Network = NetworkType.Testnet, TxProxies = [new TxProxy(NetworkZone.Tor, Proxy)] });
        var lists = node.ZonePeerLists(NetworkZone.Tor)!;
        var anchor = Onion(0);
        var others = Enumerable.Range(1, 20).Select(Onion).ToList();
        // As the saved lists come back: the anchor is also white, with twenty other white peers.
        lists.SetJustSeen(new KnownPeer(anchor, 1, 1_700_000_000, 0, 0, 0));
        foreach (var o in others) lists.SetJustSeen(new KnownPeer(o, 1, 1_700_000_000, 0, 0, 0));
        lists.AddAnchor(anchor, 1, 1_600_000_000);

        Assert.Equal([(anchor, PeerConnectionType.Anchor)], node.ZoneConnections.Pick());
        Assert.Empty(lists.Anchor); // taken for their one try; a handshake makes it an anchor again

        // The next tick fills the zone from its lists (the anchor's dial is not under way here, so it may come again).
        var next = node.ZoneConnections.Pick();
        Assert.Equal(TxProxy.DefaultMaxConnections, next.Count);
        Assert.All(next, p => Assert.Equal(PeerConnectionType.Outbound, p.Type));
    }

    [Fact]
    public void With_one_out_peer_no_anchor_is_tried_as_monerod_tries_them_only_below_the_white_share()
    {
        // 70 % of one connection is zero: monerod's maker goes straight to gray then white.
        var node = Unstarted(o => o with { Network = NetworkType.Testnet, TxProxies = [new TxProxy(NetworkZone.Tor, Proxy, 1)] });
        var lists = node.ZonePeerLists(NetworkZone.Tor)!;
        lists.SetJustSeen(new KnownPeer(Onion(0), 1, 1_700_000_000, 0, 0, 0));
        lists.AddAnchor(Onion(0), 1, 1_600_000_000);
        Assert.Equal([(Onion(0), PeerConnectionType.Outbound)], node.ZoneConnections.Pick());
    }
}
