namespace MoneroNet.P2P.Connections;

/// <summary>
/// The most recently closed connections, a fixed ring of <see cref="Capacity"/> entries (get_closed_connections), and
/// the node-wide count of closes by <see cref="DisconnectReason"/> (get_connection_stats, /metrics). Memory never grows
/// with churn: a close overwrites the oldest entry. Each close costs O(1): one array store under a lock that guards
/// nothing else and runs no callback, and one interlocked increment.
/// </summary>
public sealed class ClosedConnectionLog
{
    /// <summary>How many closed connections are kept (the most get_closed_connections lists).</summary>
    public const int Capacity = 1000;

    private readonly Lock _lock = new();
    private readonly ClosedConnection[] _ring = new ClosedConnection[Capacity];
    private readonly long[] _byReason = new long[DisconnectReasonNames.Count];
    // Closes recorded since start; the next one goes to _ring[_recorded % Capacity]. Under _lock.
    private long _recorded;

    /// <summary>Records a close (the connection manager's close hook calls it once per session).</summary>
    internal void Add(in ClosedConnection closed)
    {
        var reason = (int)closed.Reason;
        if ((uint)reason < (uint)_byReason.Length) Interlocked.Increment(ref _byReason[reason]);
        lock (_lock)
        {
            _ring[_recorded % Capacity] = closed;
            _recorded++;
        }
    }

    /// <summary>Closes recorded since start (the ring holds the last <see cref="Capacity"/> of them).</summary>
    public long Recorded
    {
        get { lock (_lock) return _recorded; }
    }

    /// <summary>The most recent closes, newest first, at most <paramref name="count"/> (and at most <see cref="Capacity"/>).</summary>
    public IReadOnlyList<ClosedConnection> Newest(int count)
    {
        if (count <= 0) return [];
        lock (_lock)
        {
            int n = (int)Math.Min(Math.Min(count, Capacity), _recorded);
            var result = new ClosedConnection[n];
            for (int i = 0; i < n; i++) result[i] = _ring[(_recorded - 1 - i) % Capacity];
            return result;
        }
    }

    /// <summary>Closes since start by reason, every reason included (0 for those never seen), in the enum's order.</summary>
    public IReadOnlyList<KeyValuePair<DisconnectReason, long>> ClosesByReason()
    {
        var result = new KeyValuePair<DisconnectReason, long>[_byReason.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = new KeyValuePair<DisconnectReason, long>((DisconnectReason)i, Volatile.Read(ref _byReason[i]));
        return result;
    }
}
