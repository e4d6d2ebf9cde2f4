using System.Net;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Node;

/// <summary>What the P2P layer needs to know to run: network, addresses, limits and monerod's timings.</summary>
public sealed record P2POptions
{
    public NetworkType Network { get; init; } = NetworkType.Mainnet;

    /// <summary>Listen address (monerod's --p2p-bind-ip); a specific address is also the source of outgoing dials.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>Listen port; 0 picks a free one (tests). Advertised as my_port unless <see cref="HideMyPort"/>.</summary>
    public int Port { get; init; }

    /// <summary>Optional IPv6 listen address (--p2p-use-ipv6 with --p2p-bind-ipv6-address).</summary>
    public IPAddress? BindAddressV6 { get; init; }
    public int PortV6 { get; init; }

    /// <summary>--add-exclusive-node: when any is given, only these are dialled and nothing else.</summary>
    public IReadOnlyList<IPEndPoint> ExclusiveNodes { get; init; } = [];
    /// <summary>--add-priority-node: always kept connected.</summary>
    public IReadOnlyList<IPEndPoint> PriorityNodes { get; init; } = [];
    /// <summary>--add-peer: added to the peer list and dialled while outgoing slots are free.</summary>
    public IReadOnlyList<IPEndPoint> AddPeers { get; init; } = [];

    /// <summary>--max-connections-per-ip (incoming only, as monerod).</summary>
    public int MaxConnectionsPerIp { get; init; } = 1;
    /// <summary>--in-peers; monerod's default (-1) is unlimited.</summary>
    public long InPeers { get; init; } = uint.MaxValue;
    /// <summary>--out-peers; monerod's default is 12.</summary>
    public long OutPeers { get; init; } = 12;
    /// <summary>--hide-my-port: advertise my_port 0 so peers do not add or back-ping us.</summary>
    public bool HideMyPort { get; init; }

    public P2PTimings Timings { get; init; } = P2PTimings.Monerod;
}

/// <summary>monerod's P2P timings (cryptonote_config.h, net_node.h); tests shorten them.</summary>
public sealed record P2PTimings
{
    public static readonly P2PTimings Monerod = new();

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromMilliseconds(5000);
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromMilliseconds(5000);
    public TimeSpan SupportFlagsTimeout { get; init; } = TimeSpan.FromMilliseconds(5000);
    public TimeSpan InvokeTimeout { get; init; } = TimeSpan.FromMilliseconds(120_000);
    public TimeSpan TimedSyncInterval { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>How often the maintainer looks at every connection (timeouts, timed syncs, dials).</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Idle timeout of a fresh connection to a remote (public) address.</summary>
    public TimeSpan NewConnectionIdleRemote { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Idle timeout of a fresh connection to a local (loopback/private) address: 20 minutes in monerod.</summary>
    public TimeSpan NewConnectionIdleLocal { get; init; } = TimeSpan.FromMilliseconds(1_200_000);
    /// <summary>Idle timeout after a write, remote peer.</summary>
    public TimeSpan AfterWriteIdleRemote { get; init; } = TimeSpan.FromMilliseconds(300_000);
    /// <summary>Idle timeout after a write, local peer.</summary>
    public TimeSpan AfterWriteIdleLocal { get; init; } = TimeSpan.FromMilliseconds(1_800_000);
    /// <summary>Retry delay for exclusive/priority nodes that are not connected (monerod retries every second).</summary>
    public TimeSpan RedialInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Bound on bytes queued for a slow peer before it is dropped.</summary>
    public long MaxSendQueueBytes { get; init; } = 64L * 1024 * 1024;
}
