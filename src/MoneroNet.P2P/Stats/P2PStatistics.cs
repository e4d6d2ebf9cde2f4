namespace MoneroNet.P2P.Stats;

/// <summary>
/// The node-wide counters behind get_connection_stats and /metrics, since the node started: traffic by command and
/// direction (closed connections included), round-trip times, handshakes by result and the suspected-proxy table.
/// Owned by the <see cref="Connections.ConnectionManager"/>; every session adds to it from its own loops.
/// </summary>
public sealed class P2PStatistics
{
    /// <summary>Messages and bytes by command and direction, closed connections included.</summary>
    public NodeCommandTraffic Traffic { get; } = new();
    /// <summary>Every round trip of every connection.</summary>
    public RttHistogram Rtt { get; } = new();
    /// <summary>Handshakes by how they ended.</summary>
    public HandshakeResults Handshakes { get; } = new();
    /// <summary>Inner peer ids seen behind proxies (docs/PROTOCOL.md §3.8).</summary>
    public SuspectedProxies SuspectedProxies { get; } = new();
}
