namespace MoneroNet.Rpc.Events;

/// <summary>
/// One event of the node's event stream, as the host tells it (the RPC layer knows nothing of P2P): a type, when it
/// happened, and the fields that apply to it; a field left null is not written. Connection ids, addresses and peer
/// ids are printed as get_connections prints them, so a client can join the two.
/// </summary>
public sealed record NodeEvent
{
    public required string Type { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The connection's id (get_connections' <c>connection_id</c>).</summary>
    public Guid? ConnectionId { get; init; }

    /// <summary>The connection's remote address, "ip:port" as get_connections' <c>address</c>.</summary>
    public string? Address { get; init; }

    public bool? Incoming { get; init; }

    /// <summary>The peer's id from its handshake (get_connections' <c>peer_id</c>); null before the handshake.</summary>
    public ulong? PeerId { get; init; }

    public ulong? Height { get; init; }

    /// <summary>height_changed: the height the peer reported before.</summary>
    public ulong? PreviousHeight { get; init; }

    /// <summary>connection_closed: why (the node's close reason, snake case), and the detail logged with it.</summary>
    public string? Reason { get; init; }

    public string? Detail { get; init; }

    /// <summary>connection_closed: bytes received and sent on the connection, headers included.</summary>
    public ulong? RecvBytes { get; init; }

    public ulong? SendBytes { get; init; }

    /// <summary>connection_closed: seconds from accept or dial to close.</summary>
    public double? LiveTimeSeconds { get; init; }

    /// <summary>proxy_suspected: a peer id that answered a ping but differs from the handshake's.</summary>
    public ulong? InnerPeerId { get; init; }

    /// <summary>ban_added, ban_removed: the host or subnet as get_bans prints it.</summary>
    public string? Host { get; init; }

    /// <summary>ban_added: seconds the ban lasts; null with <see cref="Host"/> set means for ever.</summary>
    public long? Seconds { get; init; }

    /// <summary>ban_added: where the ban came from (get_bans extended's <c>source</c>), when the node says.</summary>
    public string? Source { get; init; }

    /// <summary>limits_changed: the in-peers and out-peers limits now in force.</summary>
    public long? InPeers { get; init; }

    public long? OutPeers { get; init; }

    /// <summary>overflow: how many events this subscriber's buffer held when it was dropped.</summary>
    public int? Buffered { get; init; }
}
