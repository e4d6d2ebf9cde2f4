using MoneroNet.P2P.Connections;

namespace MoneroNet.Node.Hosting;

/// <summary>
/// monerod's "synchronized" flag for a node without a chain. monerod sets it once a peer reaches the normal state while
/// no peer is ahead of it, and keeps it. MoneroNet does the same, but also reports false while a connected peer is
/// ahead: it downloads no blocks, so unlike monerod it would never catch up with that peer.
/// </summary>
internal sealed class SynchronizationLatch
{
    private int _reached;

    /// <param name="peers">State and reported height of every handshaken connection.</param>
    /// <param name="chainHeight">Our chain height.</param>
    public bool Observe(IEnumerable<(ConnectionState State, ulong Height)> peers, ulong chainHeight)
    {
        var list = peers as IReadOnlyCollection<(ConnectionState State, ulong Height)> ?? peers.ToList();
        var ahead = list.Any(p => p.Height > chainHeight);
        if (!ahead && list.Any(p => p.State == ConnectionState.Normal))
        {
            Volatile.Write(ref _reached, 1);
        }

        return Volatile.Read(ref _reached) == 1 && !ahead;
    }
}
