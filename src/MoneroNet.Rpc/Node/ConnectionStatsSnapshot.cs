namespace MoneroNet.Rpc.Node;

/// <summary>
/// Node-wide counters since start (<c>get_connection_stats</c>, <c>/metrics</c>). Counts of live connections by
/// type, state, direction, zone, subnet and AS are not here: the RPC derives them from <see cref="INodeQuery.GetConnections"/>.
/// </summary>
public sealed record ConnectionStatsSnapshot
{
    /// <summary>Every connection's traffic by command and direction, closed ones included.</summary>
    public required CommandTraffic Traffic { get; init; }

    /// <summary>Closed connections by close reason (snake case, as <see cref="ClosedConnectionSnapshot.CloseReason"/>).</summary>
    public required IReadOnlyDictionary<string, ulong> ClosesByReason { get; init; }

    /// <summary>Handshakes by result: "ok", "timeout", "wrong_network", "duplicate_peer_id", "rejected", "failed".</summary>
    public required IReadOnlyDictionary<string, ulong> HandshakesByResult { get; init; }

    /// <summary>Every round-trip time measured, as a histogram.</summary>
    public required RttHistogramSnapshot Rtt { get; init; }

    /// <summary>Peers whose ping answers carried another peer id than their handshake, grouped by that inner id.</summary>
    public required IReadOnlyList<SuspectedProxySnapshot> SuspectedProxies { get; init; }

    /// <summary>Where the node accepts peers now: its P2P listeners (empty with --offline or none bound).</summary>
    public IReadOnlyList<LocalAddressSnapshot> LocalAddresses { get; init; } = [];
}

/// <summary>One address the node accepts peers on: "host:port" as a peer would dial it, and its zone.</summary>
/// <param name="Address">"127.0.0.1:28080", "[::]:28080"; an anonymity zone's hidden-service address when it has one.</param>
/// <param name="Zone">"public", "tor" or "i2p" (<see cref="ConnectionCounts.Zones"/>).</param>
public sealed record LocalAddressSnapshot(string Address, string Zone);

/// <summary>
/// Round-trip times in buckets: <see cref="Counts"/>[i] counts samples ≤ <see cref="UpperBoundsMs"/>[i] and above the
/// bound before it; the last count (one longer than the bounds) holds everything above the last bound.
/// </summary>
public sealed record RttHistogramSnapshot
{
    public required IReadOnlyList<double> UpperBoundsMs { get; init; }
    public required IReadOnlyList<ulong> Counts { get; init; }
    public required ulong SampleCount { get; init; }
    public required double SumMs { get; init; }
}

/// <summary>One inner peer id seen behind one or more addresses (the spy-proxy fingerprint), bounded in addresses.</summary>
public sealed record SuspectedProxySnapshot
{
    public required ulong InnerPeerId { get; init; }

    /// <summary>The "host:port" addresses whose pings answered with this id, most recent first.</summary>
    public required IReadOnlyList<string> Addresses { get; init; }

    /// <summary>The handshake peer ids those addresses presented.</summary>
    public required IReadOnlyList<ulong> OuterPeerIds { get; init; }

    /// <summary>When this inner id was last seen, whole unix seconds.</summary>
    public required long LastSeenUnixSeconds { get; init; }
}
