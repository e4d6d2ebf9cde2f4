using System.Net;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc;

/// <summary>
/// What the RPC layer may read from the running node. The host implements it over the P2P layer; the RPC layer
/// references no other MoneroNet project so that it can be tested with a fake. Every call returns a fresh snapshot.
/// </summary>
public interface INodeQuery
{
    /// <summary>A snapshot of every open P2P connection of every zone, including ones still before the handshake.</summary>
    IReadOnlyList<ConnectionSnapshot> GetConnections();

    /// <summary>
    /// Calls <paramref name="visit"/> once for each open P2P connection, the same ones <see cref="GetConnections"/>
    /// lists, without building a list: get_connections writes each into its answer as it comes. The snapshot handed
    /// over is the visitor's only while the call lasts. Its <see cref="ConnectionSnapshot.Facts"/> are read only when
    /// <paramref name="includeFacts"/> (the extended listing); the default walks <see cref="GetConnections"/>.
    /// </summary>
    void ForEachConnection(bool includeFacts, Action<ConnectionSnapshot> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        foreach (var connection in GetConnections()) visit(connection);
    }

    /// <summary>Node-wide facts for <c>get_info</c>, <c>sync_info</c> and the peer limits.</summary>
    NodeInfoSnapshot GetNodeInfo();

    /// <summary>The P2P traffic counters.</summary>
    NetStatsSnapshot GetNetStats();

    /// <summary>The white and gray peer lists; of the public zone only when <paramref name="publicOnly"/>.</summary>
    PeerListsSnapshot GetPeerLists(bool publicOnly);

    /// <summary>The bans in force now (expired ones left out), in any order.</summary>
    IReadOnlyList<BanSnapshot> GetBans();

    /// <summary>The most recently closed connections, newest first, at most <paramref name="count"/> (the node keeps a
    /// bounded ring of them).</summary>
    IReadOnlyList<ClosedConnectionSnapshot> GetClosedConnections(int count);

    /// <summary>Node-wide counters since start: traffic by command, closes by reason, handshakes, RTTs, suspected proxies.</summary>
    ConnectionStatsSnapshot GetConnectionStats();

    /// <summary>
    /// Live connections counted by direction and state, and by connection type and zone (<c>/metrics</c>). The default
    /// counts <see cref="GetConnections"/>; a node with many peers counts its own connections without snapshotting them.
    /// </summary>
    ConnectionCounts GetConnectionCounts() => ConnectionCounts.Of(GetConnections());

    /// <summary>
    /// The peer-list sizes alone (<c>/metrics</c>). The default reads <see cref="GetNodeInfo"/>; a node whose
    /// GetNodeInfo walks its connections answers this without that walk.
    /// </summary>
    PeerListSizes GetPeerListSizes()
    {
        var info = GetNodeInfo();
        return new PeerListSizes(info.WhitePeerlistSize, info.GrayPeerlistSize);
    }

    /// <summary>
    /// The node-wide P2P throttle now in force (<c>/get_limit</c>). A node without one does not implement it, and the
    /// call fails.
    /// </summary>
    RateLimitsSnapshot GetRateLimits() => throw new NotSupportedException("this node has no P2P rate limit");

    /// <summary>Whether the address is banned now, by a host ban or a subnet holding it, and for how long still.</summary>
    bool IsBanned(IPAddress address, out long secondsRemaining);
}
