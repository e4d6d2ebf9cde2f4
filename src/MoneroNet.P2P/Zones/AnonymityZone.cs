using MoneroNet.P2P.AddressBook;
using MoneroNet.P2P.PeerLists;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Zones;

/// <summary>
/// One anonymity zone (Tor or I2P) as monerod's <c>network_zone</c>: how we dial it (<see cref="Proxy"/>, from
/// --tx-proxy), whether we accept it (<see cref="Inbound"/>, from --anonymous-inbound), and its own white, gray and
/// anchor lists and dial backoff, apart from every other zone's, and monerod's seeds of the zone. Owns: the zone's peer lists, backoff and whether its
/// anchors were tried; the
/// connections themselves stay in the node's one registry, tagged with their zone.
/// </summary>
internal sealed class AnonymityZone
{
    public AnonymityZone(NetworkZone zone, TxProxy? proxy, AnonymousInbound? inbound, P2PTimings timings, TimeProvider time,
        IReadOnlyList<NetworkAddress> seeds)
    {
        Zone = zone;
        Seeds = seeds;
        Proxy = proxy;
        Inbound = inbound;
        PeerLists = new PeerListStore(allowLocalIp: false, zone);
        Backoff = new DialBackoff<NetworkAddress>(timings.DialBackoffBase, timings.DialBackoffMax, time);
    }

    public NetworkZone Zone { get; }
    public TxProxy? Proxy { get; }
    public AnonymousInbound? Inbound { get; }
    public PeerListStore PeerLists { get; }
    public DialBackoff<NetworkAddress> Backoff { get; }

    /// <summary>monerod's built-in seeds of the zone on our network (<see cref="ZoneSeedNodes"/>); empty off mainnet.</summary>
    public IReadOnlyList<NetworkAddress> Seeds { get; }

    /// <summary>
    /// Whether the zone's anchors were taken for their one try after start (monerod's get_and_empty_anchor_peerlist);
    /// touched by the maintainer's tick only.
    /// </summary>
    public bool AnchorsTried { get; set; }

    /// <summary>Our hidden-service address in this zone, when we accept it (--anonymous-inbound).</summary>
    public NetworkAddress? OurAddress => Inbound?.OurAddress;

    /// <summary>The zone's outgoing limit: --tx-proxy's max connections, 0 when we do not dial this zone.</summary>
    public long OutPeers => Proxy?.MaxConnections ?? 0;
}

/// <summary>The node's anonymity zones, built once from the options (only the zones given by a flag exist).</summary>
internal sealed class AnonymityZones
{
    private readonly AnonymityZone?[] _zones = new AnonymityZone?[3];

    public AnonymityZones(P2POptions options, TimeProvider time)
    {
        foreach (var zone in new[] { NetworkZone.Tor, NetworkZone.I2p })
        {
            var proxy = options.TxProxies.FirstOrDefault(p => p.Zone == zone);
            var inbound = options.AnonymousInbounds.FirstOrDefault(i => i.Zone == zone);
            if (proxy is null && inbound is null) continue;
            var seeds = options.UseSeedNodes ? ZoneSeedNodes.For(zone, options.Network) : [];
            _zones[(int)zone] = new AnonymityZone(zone, proxy, inbound, options.Timings, time, seeds);
        }
    }

    /// <summary>The zone's state, or null when the zone is not configured (or is the public zone).</summary>
    public AnonymityZone? Get(NetworkZone zone) => zone == NetworkZone.Public ? null : _zones[(int)zone];

    public IEnumerable<AnonymityZone> All => _zones.Where(z => z is not null)!;
}
