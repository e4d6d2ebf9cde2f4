namespace MoneroNet.Rpc.Node;

/// <summary>
/// The node-wide facts <c>get_info</c>, <c>sync_info</c>, <c>/in_peers</c> and <c>/out_peers</c> report, read at one
/// moment. Connection counts and peer-list sizes are of the public zone (IPv4 and IPv6) only, as monerod counts them.
/// </summary>
public sealed record NodeInfoSnapshot
{
    public required NodeNetwork Network { get; init; }

    /// <summary>When the node started, whole unix seconds (monerod's <c>start_time</c>).</summary>
    public required long StartedUnixSeconds { get; init; }

    /// <summary>The incoming connection limit; <see cref="uint.MaxValue"/> means unlimited (monerod's default −1).</summary>
    public required uint InPeersLimit { get; init; }

    /// <summary>The outgoing connection limit (default 12).</summary>
    public required uint OutPeersLimit { get; init; }

    /// <summary>Public-zone connections the remote end opened, in any state (before the handshake too).</summary>
    public required ulong IncomingConnections { get; init; }

    /// <summary>Public-zone connections we opened, in any state.</summary>
    public required ulong OutgoingConnections { get; init; }

    public required ulong WhitePeerlistSize { get; init; }

    public required ulong GrayPeerlistSize { get; init; }

    /// <summary>Blocks in our chain (1: only the genesis block).</summary>
    public required ulong ChainHeight { get; init; }

    /// <summary>The hash of our top block, 64 lowercase hex characters.</summary>
    public required string TopBlockHash { get; init; }

    /// <summary>The cumulative difficulty of our chain up to its top block.</summary>
    public required UInt128 CumulativeDifficulty { get; init; }

    /// <summary>The highest chain height any connected peer reported; 0 when no peer reported one.</summary>
    public required ulong BestPeerHeight { get; init; }

    /// <summary>
    /// monerod's "synchronized" flag: true once a peer that is not ahead of us completed its handshake, false while
    /// any connected peer is ahead (MoneroNet keeps no chain, so it never catches up with such a peer).
    /// </summary>
    public required bool Synchronized { get; init; }

    /// <summary>Free bytes on the disk of the data directory.</summary>
    public required ulong FreeSpaceBytes { get; init; }

    /// <summary>--offline: the node neither listens for peers nor dials any (get_info's "offline").</summary>
    public bool Offline { get; init; }
}
