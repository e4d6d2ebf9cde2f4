namespace MoneroNet.Rpc;

/// <summary>
/// The raw state of one P2P connection, as monerod keeps it in its connection context. The RPC layer derives every
/// <c>get_connections</c> field from these values and the current time (docs/PROTOCOL.md §6).
/// </summary>
public sealed record ConnectionSnapshot
{
    /// <summary>True when the remote end connected to us.</summary>
    public required bool Incoming { get; init; }

    /// <summary>monerod's address type id: 1 IPv4, 2 IPv6, 3 i2p, 4 tor, 0 invalid.</summary>
    public required byte AddressType { get; init; }

    /// <summary>monerod's <c>str()</c> of the remote address: "1.2.3.4:18080", "[::1]:18080".</summary>
    public required string Address { get; init; }

    /// <summary>monerod's <c>host_str()</c>: the address without the port, "1.2.3.4", "::1".</summary>
    public required string Host { get; init; }

    /// <summary>The remote port.</summary>
    public required ushort Port { get; init; }

    /// <summary>monerod's <c>is_local</c>: 10/8, 172.16/12, 192.168/16, IPv6 link-local.</summary>
    public required bool IsLocalIp { get; init; }

    /// <summary>127/8 or ::1.</summary>
    public required bool IsLoopback { get; init; }

    /// <summary>The 16 bytes of the connection's random uuid, in memory order.</summary>
    public required byte[] ConnectionId { get; init; }

    /// <summary>The peer id from the handshake; 0 before it.</summary>
    public required ulong PeerId { get; init; }

    /// <summary>Support flags from the handshake or the 1007 answer; 0 before.</summary>
    public required uint SupportFlags { get; init; }

    /// <summary>The RPC port the peer advertised in its handshake.</summary>
    public required ushort RpcPort { get; init; }

    /// <summary>The RPC credits per hash the peer advertised in its handshake.</summary>
    public required uint RpcCreditsPerHash { get; init; }

    /// <summary>The pruning seed from the peer's sync data.</summary>
    public required uint PruningSeed { get; init; }

    /// <summary>"before_handshake", "synchronizing", "standby" or "normal".</summary>
    public required string State { get; init; }

    /// <summary>When the connection was opened, whole unix seconds.</summary>
    public required long StartedUnixSeconds { get; init; }

    /// <summary>Last completed socket read, whole unix seconds; 0 = never.</summary>
    public required long LastRecvUnixSeconds { get; init; }

    /// <summary>Last completed socket write, whole unix seconds; 0 = never.</summary>
    public required long LastSendUnixSeconds { get; init; }

    /// <summary>All bytes read from the socket.</summary>
    public required ulong RecvCount { get; init; }

    /// <summary>All bytes written to the socket.</summary>
    public required ulong SendCount { get; init; }

    /// <summary>monerod's per-connection "current speed" of receiving, bytes per second.</summary>
    public required double CurrentDownloadBytesPerSecond { get; init; }

    /// <summary>monerod's per-connection "current speed" of sending, bytes per second.</summary>
    public required double CurrentUploadBytesPerSecond { get; init; }

    /// <summary>The peer's blockchain height as last reported (monerod's m_remote_blockchain_height).</summary>
    public required ulong Height { get; init; }

    /// <summary>MoneroNet's facts beyond monerod's (extended get_connections); null where a node does not keep them.</summary>
    public Node.ConnectionFactsSnapshot? Facts { get; init; }
}
