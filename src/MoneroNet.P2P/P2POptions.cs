using System.Net;
using MoneroNet.P2P.Zones;
using MoneroNet.Wire;

namespace MoneroNet.P2P;

/// <summary>What the P2P layer needs to know to run: network, addresses, limits and monerod's timings.</summary>
public sealed record P2POptions
{
    /// <summary>The network (--testnet, --stagenet): its network id, genesis and default ports.</summary>
    public NetworkType Network { get; init; } = NetworkType.Mainnet;

    /// <summary>Listen address (monerod's --p2p-bind-ip); a specific address is also the source of outgoing dials.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>Listen port; 0 picks a free one (tests). Advertised as my_port unless <see cref="HideMyPort"/>.</summary>
    public int Port { get; init; }

    /// <summary>Optional IPv6 listen address (--p2p-use-ipv6 with --p2p-bind-ipv6-address).</summary>
    public IPAddress? BindAddressV6 { get; init; }
    /// <summary>The IPv6 listen port (--p2p-bind-port-ipv6).</summary>
    public int PortV6 { get; init; }

    /// <summary>--add-exclusive-node: when any is given, only these are dialled and nothing else.</summary>
    public IReadOnlyList<IPEndPoint> ExclusiveNodes { get; init; } = [];
    /// <summary>--add-priority-node: always kept connected.</summary>
    public IReadOnlyList<IPEndPoint> PriorityNodes { get; init; } = [];
    /// <summary>--add-peer: added to the peer list and dialled while outgoing slots are free.</summary>
    public IReadOnlyList<IPEndPoint> AddPeers { get; init; } = [];

    /// <summary>
    /// --proxy: every public-zone dial goes through this SOCKS proxy (monerod 0.18's socks_connect for the public zone),
    /// and, as monerod, the public zone then cannot ping back: we advertise my_port 0 and back-ping nobody.
    /// </summary>
    public IPEndPoint? PublicProxy { get; init; }

    /// <summary>--tx-proxy: the anonymity zones we dial, each through its SOCKS proxy (at most one a zone).</summary>
    public IReadOnlyList<TxProxy> TxProxies { get; init; } = [];
    /// <summary>--anonymous-inbound: the anonymity zones we accept, each on its own listener (at most one a zone).</summary>
    public IReadOnlyList<AnonymousInbound> AnonymousInbounds { get; init; } = [];
    /// <summary>
    /// The Tor/I2P addresses of --add-exclusive-node (the public ones are <see cref="ExclusiveNodes"/>). As in
    /// monerod, any exclusive node, of any zone, means that no zone dials anything but its exclusive nodes.
    /// </summary>
    public IReadOnlyList<NetworkAddress> AnonymousExclusiveNodes { get; init; } = [];
    /// <summary>The Tor/I2P addresses of --add-priority-node.</summary>
    public IReadOnlyList<NetworkAddress> AnonymousPriorityNodes { get; init; } = [];
    /// <summary>The Tor/I2P addresses of --add-peer: added to their zone's white list at start.</summary>
    public IReadOnlyList<NetworkAddress> AnonymousAddPeers { get; init; } = [];

    /// <summary>--max-connections-per-ip (incoming only, as monerod).</summary>
    public int MaxConnectionsPerIp { get; init; } = 1;
    /// <summary>--in-peers; monerod's default (-1) is unlimited.</summary>
    public long InPeers { get; init; } = uint.MaxValue;
    /// <summary>
    /// Incoming connections the open-file budget leaves for P2P (the host works it out from the descriptor limit,
    /// less what it keeps for the RPC servers and files); checked beside --in-peers, which get_info and /in_peers
    /// still report as set. Unlimited by default.
    /// </summary>
    public long IncomingDescriptorBudget { get; init; } = long.MaxValue;
    /// <summary>--out-peers; monerod's default is 12.</summary>
    public long OutPeers { get; init; } = 12;
    /// <summary>--hide-my-port: advertise my_port 0 so peers do not add or back-ping us.</summary>
    public bool HideMyPort { get; init; }

    /// <summary>
    /// --allow-local-ip: keep private (RFC 1918, IPv6 link-local) addresses in peer lists and back-ping them. Beyond
    /// monerod, it also keeps loopback addresses in the lists (so nodes on 127.0.0.x can exchange lists); loopback is
    /// still never back-pinged.
    /// </summary>
    public bool AllowLocalIp { get; init; }

    /// <summary>--data-dir: where the peer lists are kept (p2pstate.moneronet.json); null = not persisted.</summary>
    public string? DataDir { get; init; }

    /// <summary>
    /// --offline: neither listen for peers nor dial any (monerod's m_offline: no bind, no connections maker, no seeds,
    /// no gray-list probes). The node's RPC still answers.
    /// </summary>
    public bool Offline { get; init; }

    /// <summary>
    /// --p2p-external-port: the port advertised as my_port instead of the bound one (port forwarding behind NAT); 0 =
    /// the bound port. --hide-my-port still advertises 0.
    /// </summary>
    public int ExternalPort { get; init; }

    /// <summary>
    /// --p2p-ignore-ipv4: a failed IPv4 bind is logged and the node goes on with its IPv6 listener (monerod's
    /// m_require_ipv4 = false). Without an IPv6 listener the failure still stops the start.
    /// </summary>
    public bool IgnoreIpv4BindFailure { get; init; }

    /// <summary>
    /// --seed-node: tried before monerod's hard-coded seeds (which follow only with <see cref="UseSeedNodes"/>) when
    /// no white peer is known; ignored with exclusive nodes, as in monerod.
    /// </summary>
    public IReadOnlyList<IPEndPoint> SeedNodes { get; init; } = [];

    /// <summary>
    /// --public-node: the restricted RPC port advertised to peers as node_data.rpc_port (0 = none). The host may set
    /// <see cref="Protocol.LocalIdentity.RpcPort"/> later, once a port chosen by the OS is known.
    /// </summary>
    public ushort PublicRpcPort { get; init; }

    /// <summary>
    /// Dial monerod's hard-coded seed nodes when no white peer is known (never in tests): the public zone's, and on
    /// mainnet the Tor and I2P zones' own through their --tx-proxy (<see cref="Zones.NetworkZone"/>).
    /// </summary>
    public bool UseSeedNodes { get; init; } = true;

    /// <summary>--ban-list: a file of IPs and CIDR subnets to ban for ever; must exist at start.</summary>
    public string? BanListFile { get; init; }

    /// <summary>Test hook: back-ping loopback peers too (monerod never does, so nothing else can exercise it).</summary>
    internal bool BackPingLoopback { get; init; }

    /// <summary>
    /// Test hook: the maintainer's ticks are driven by the test (<c>Maintainer.TickAsync</c>, usually on a fake clock)
    /// instead of its own timer.
    /// </summary>
    internal bool ExternalMaintenanceTicks { get; init; }

    /// <summary>
    /// The node-wide upload throttle in kB/s (monerod's --limit-rate-up); 0 = unlimited, the library's default. The
    /// node's command line applies monerod's default, <see cref="Transport.P2PRateLimits.DefaultUpKBps"/>.
    /// </summary>
    public long LimitRateUpKBps { get; init; }

    /// <summary>The node-wide download throttle in kB/s (monerod's --limit-rate-down); 0 = unlimited, the library's default.</summary>
    public long LimitRateDownKBps { get; init; }

    /// <summary>Timeouts and intervals; monerod's by default, tests shorten them.</summary>
    public P2PTimings Timings { get; init; } = P2PTimings.Monerod;
}
