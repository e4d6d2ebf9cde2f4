namespace MoneroNet.P2P.AddressBook;

/// <summary>
/// One open connection per peer id (monerod keeps the connection it already has and drops the newer one). The lock
/// only decides; closing the refused connection is the caller's, after the lock is released.
/// </summary>
internal sealed class PeerIdRegistry<THolder>
    where THolder : class, IPeerIdHolder
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, THolder> _byPeerId = [];

    /// <summary>Claims <paramref name="session"/>'s id; false with the open holder when another connection has it.</summary>
    public bool TryClaim(THolder session, out THolder? holder)
    {
        lock (_lock)
        {
            if (_byPeerId.TryGetValue(session.PeerId, out var other) && !ReferenceEquals(other, session) && !other.IsClosed)
            {
                holder = other;
                return false;
            }
            _byPeerId[session.PeerId] = session;
        }
        holder = null;
        return true;
    }

    /// <summary>Frees the id of a session that ended, if it is the one holding it.</summary>
    public void Release(THolder session)
    {
        if (session.PeerId == 0) return;
        lock (_lock)
        {
            if (_byPeerId.TryGetValue(session.PeerId, out var s) && ReferenceEquals(s, session)) _byPeerId.Remove(session.PeerId);
        }
    }

    public int Count
    {
        get { lock (_lock) return _byPeerId.Count; }
    }
}
