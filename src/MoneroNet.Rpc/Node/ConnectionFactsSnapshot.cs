namespace MoneroNet.Rpc.Node;

/// <summary>
/// What MoneroNet knows of a connection beyond monerod's <c>connection_info</c> (extended <c>get_connections</c>,
/// <c>get_closed_connections</c>, the dashboard). Times are milliseconds with sub-millisecond resolution.
/// </summary>
public sealed record ConnectionFactsSnapshot
{
    /// <summary>"inbound", "outbound", "anchor", "priority", "exclusive", "manual", "seed" or "feeler".</summary>
    public required string ConnectionType { get; init; }

    /// <summary>Messages and bytes by command and direction; the byte sums equal recv_count and send_count whenever no
    /// frame is partly received or sent.</summary>
    public required CommandTraffic Traffic { get; init; }

    /// <summary>Round-trip time of the last answered request we sent; null before any answer.</summary>
    public double? PingMs { get; init; }

    /// <summary>The smallest round-trip time seen; null before any answer.</summary>
    public double? MinPingMs { get; init; }

    /// <summary>Age of the oldest unanswered request we sent; 0 when none is outstanding.</summary>
    public required double PingWaitMs { get; init; }

    /// <summary>"pending", "consistent", "mismatch", "unanswered" or "not_applicable".</summary>
    public required string ProxyCheck { get; init; }

    /// <summary>With "mismatch": the distinct peer ids that answered our pings instead of the handshake's.</summary>
    public IReadOnlyList<ulong> InnerPeerIds { get; init; } = [];

    /// <summary>The peer's handshake carried no support flags, so we asked for them (1007).</summary>
    public required bool SupportFlagsRequested { get; init; }

    /// <summary>The peer's IPv4 /24 or IPv6 /48, e.g. "203.0.113.0/24"; empty for anonymity zones.</summary>
    public required string Subnet { get; init; }

    /// <summary>From --asn-map: the AS number; null when no map is loaded or the map does not hold the address.</summary>
    public uint? Asn { get; init; }

    /// <summary>From --asn-map: the AS description.</summary>
    public string? AsName { get; init; }

    /// <summary>From --asn-map: the two-letter country code.</summary>
    public string? Country { get; init; }
}
