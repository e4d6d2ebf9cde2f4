namespace MoneroNet.Node.Netinfo;

/// <summary>
/// One reading of a node's connections for <c>moneronet netinfo</c>: what get_info, get_connections (with
/// <c>"extended": true</c>), get_net_stats and get_connection_stats answered. Fields a node did not report are null,
/// so the renderer can print "-" for them (monerod reports no connection type, ping, proxy check or AS).
/// </summary>
internal sealed record NetinfoSnapshot
{
    /// <summary>When the answers were read; the renderer computes uptime from it and never reads a clock.</summary>
    public required DateTimeOffset TakenAt { get; init; }

    /// <summary>The RPC endpoint that was asked, as "ip:port".</summary>
    public required string RpcEndPoint { get; init; }

    /// <summary>get_info's <c>version</c> (empty on a restricted server).</summary>
    public required string Version { get; init; }

    /// <summary>get_info's <c>nettype</c>: mainnet, testnet, stagenet, fakechain.</summary>
    public required string Network { get; init; }

    public required ulong Height { get; init; }

    public required ulong TargetHeight { get; init; }

    /// <summary>get_info's <c>start_time</c> in unix seconds; 0 when not reported.</summary>
    public required long StartTime { get; init; }

    /// <summary>The node answered get_connection_stats, which only MoneroNet serves.</summary>
    public required bool HasExtendedFacts { get; init; }

    public required IReadOnlyList<NetinfoPeer> Peers { get; init; }

    /// <summary>get_net_stats: total P2P bytes received and sent since start (null when it was not answered).</summary>
    public ulong? TotalBytesIn { get; init; }

    public ulong? TotalBytesOut { get; init; }

    /// <summary>get_connection_stats' round-trip summary (MoneroNet only).</summary>
    public NetinfoRtt? Rtt { get; init; }

    /// <summary>get_connection_stats' count of suspected proxies (MoneroNet only).</summary>
    public int? SuspectedProxies { get; init; }

    /// <summary>get_connection_stats' <c>local_addresses</c>: "zone address" of each P2P listener (MoneroNet only;
    /// null when the node did not say, as monerod, which reports no listen address over RPC).</summary>
    public IReadOnlyList<string>? P2PListeners { get; init; }
}

/// <summary>get_connection_stats' <c>rtt</c>: samples since start and the histogram's percentiles.</summary>
internal sealed record NetinfoRtt(ulong Samples, double? P50Ms, double? P90Ms, double? P99Ms);

/// <summary>One get_connections entry, with the extended fields when the node gave them.</summary>
internal sealed record NetinfoPeer
{
    public required bool Incoming { get; init; }

    /// <summary><c>connection_type</c> (inbound, outbound, anchor, priority, exclusive, manual, seed, feeler); null from monerod.</summary>
    public string? ConnectionType { get; init; }

    /// <summary>public (IPv4, IPv6), tor or i2p, from <c>address_type</c>.</summary>
    public required string Zone { get; init; }

    public required string Address { get; init; }

    public required string PeerId { get; init; }

    public required string State { get; init; }

    public required ulong Height { get; init; }

    /// <summary><c>live_time</c>, seconds since the connection opened.</summary>
    public required ulong AgeSeconds { get; init; }

    public required ulong SendIdleSeconds { get; init; }

    public required ulong RecvIdleSeconds { get; init; }

    public double? PingMs { get; init; }

    public double? MinPingMs { get; init; }

    public string? ProxyCheck { get; init; }

    public ulong? Asn { get; init; }

    public string? Country { get; init; }

    /// <summary>Traffic by command (extended <c>*_per_msg</c>), in command-name order; empty from monerod.</summary>
    public IReadOnlyList<NetinfoCommandTraffic> Traffic { get; init; } = [];
}

/// <summary>One command's traffic on one connection: messages and bytes each way.</summary>
internal sealed record NetinfoCommandTraffic(string Command, ulong MessagesReceived, ulong BytesReceived,
    ulong MessagesSent, ulong BytesSent);
