namespace MoneroNet.P2P.Stats;

/// <summary>
/// The node-wide counters behind get_connection_stats and /metrics, since the node started: traffic by command and
/// direction (closed connections included), round-trip times, handshakes by result and the suspected-proxy table.
/// Owned by the <see cref="Connections.ConnectionManager"/>; every session adds to it from its own loops.
/// </summary>
public sealed class P2PStatistics
{
    public NodeCommandTraffic Traffic { get; } = new();
    public RttHistogram Rtt { get; } = new();
    public HandshakeResults Handshakes { get; } = new();
    public SuspectedProxies SuspectedProxies { get; } = new();
}
