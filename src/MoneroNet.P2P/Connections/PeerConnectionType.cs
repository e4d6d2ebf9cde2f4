namespace MoneroNet.P2P.Connections;

/// <summary>
/// Why a connection exists (extended get_connections' <c>connection_type</c>, docs/OBSERVABILITY.md), fixed where the
/// connection is created: the listener makes <see cref="Inbound"/>, each dial path names its own.
/// </summary>
public enum PeerConnectionType
{
    /// <summary>The peer dialled us.</summary>
    Inbound,
    /// <summary>The maintainer filled a free out-peer slot from the white or gray list.</summary>
    Outbound,
    /// <summary>The maintainer redialled an anchor (a peer we were connected to at the last stop).</summary>
    Anchor,
    /// <summary>--add-priority-node: kept connected, redialled every second.</summary>
    Priority,
    /// <summary>--add-exclusive-node: the only peers this node dials.</summary>
    Exclusive,
    /// <summary>--add-peer, or the public <see cref="P2PNode.ConnectAsync(System.Net.IPEndPoint, CancellationToken)"/> (an operator's or a test's dial).</summary>
    Manual,
    /// <summary>A seed node, dialled while no white peer is known.</summary>
    Seed,
    /// <summary>A short-lived probe that is not a peer: a back-ping or a gray-list housekeeping handshake.</summary>
    Feeler,
}

/// <summary>The reported names of <see cref="PeerConnectionType"/> values.</summary>
public static class PeerConnectionTypes
{
    /// <summary>The name as extended get_connections prints it, e.g. "exclusive".</summary>
    public static string NameOf(PeerConnectionType type) => type switch
    {
        PeerConnectionType.Inbound => "inbound",
        PeerConnectionType.Outbound => "outbound",
        PeerConnectionType.Anchor => "anchor",
        PeerConnectionType.Priority => "priority",
        PeerConnectionType.Exclusive => "exclusive",
        PeerConnectionType.Manual => "manual",
        PeerConnectionType.Seed => "seed",
        _ => "feeler",
    };
}
