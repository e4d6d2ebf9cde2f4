using MoneroNet.P2P;
using MoneroNet.P2P.Connections;

namespace MoneroNet.Node.Hosting;

/// <summary>
/// monerod's "synchronized" flag for a node without a chain. monerod sets it once a peer reaches the normal state while
/// no peer is ahead of it, and keeps it. MoneroNet does the same, but also reports false while a connected peer is
/// ahead: it downloads no blocks, so unlike monerod it would never catch up with that peer.
/// The latch moves with the events that can set it — a handshake, a reported height — never with a query:
/// <see cref="Attach"/> subscribes it to the node; <see cref="IsSynchronized"/> only reads.
/// </summary>
internal sealed class SynchronizationLatch
{
    private int _reached;

    /// <summary>Whether the latch has been set.</summary>
    public bool Reached => Volatile.Read(ref _reached) == 1;

    /// <summary>Moves the latch on <paramref name="node"/>'s handshakes and height reports.</summary>
    public void Attach(P2PNode node)
    {
        node.PeerHandshaked += session => OnPeerEvent(node, session);
        node.PeerHeightChanged += session => OnPeerEvent(node, session);
    }

    private void OnPeerEvent(P2PNode node, PeerSession session)
    {
        // Once set it stays; a peer ahead (every peer, on a live network) cannot set it: both cost nothing.
        ulong chainHeight = node.Local.SyncData.CurrentHeight;
        if (Reached || session.Height > chainHeight) return;
        Observe(node.Connections.All.Where(s => s.State != ConnectionState.BeforeHandshake).Select(s => (s.State, s.Height)),
            chainHeight);
    }

    /// <summary>Sets the latch when a peer is normal and none is ahead of <paramref name="chainHeight"/>.</summary>
    /// <param name="peers">State and reported height of every handshaken connection.</param>
    public void Observe(IEnumerable<(ConnectionState State, ulong Height)> peers, ulong chainHeight)
    {
        bool ahead = false, normal = false;
        foreach (var (state, height) in peers)
        {
            if (height > chainHeight) ahead = true;
            if (state == ConnectionState.Normal) normal = true;
        }
        if (!ahead && normal) Volatile.Write(ref _reached, 1);
    }

    /// <summary>What get_info reports: set, and no peer ahead now. Changes nothing.</summary>
    public bool IsSynchronized(bool peerAhead) => Reached && !peerAhead;
}
