namespace MoneroNet.P2P.Connections;

/// <summary>
/// The node-wide bound on bytes queued for all peers together (beyond monerod, which bounds each connection only).
/// Each session reserves a frame's bytes here when it queues the frame and gives them back once the frame is on the
/// socket or the session has closed; so however many slow peers there are, their queues together never pass
/// <see cref="Limit"/>. Lock-free: one interlocked add per frame.
/// </summary>
public sealed class SendBudget(long limit)
{
    private long _used;

    /// <summary>Bytes all sessions together may have queued.</summary>
    public long Limit { get; } = limit;

    /// <summary>Bytes queued now, over all sessions.</summary>
    public long Used => Volatile.Read(ref _used);

    /// <summary>
    /// Reserves <paramref name="bytes"/>; false (and nothing reserved) when that would pass the limit, unless
    /// <paramref name="mayOverdraw"/>: a peer whose queue is nearly empty (one that reads) is never refused, so a budget
    /// spent by peers that do not read cannot cost the ones that do.
    /// </summary>
    internal bool TryReserve(long bytes, bool mayOverdraw)
    {
        long used = Interlocked.Add(ref _used, bytes);
        if (used <= Limit || mayOverdraw) return true;
        Interlocked.Add(ref _used, -bytes);
        return false;
    }

    internal void Release(long bytes)
    {
        if (bytes != 0) Interlocked.Add(ref _used, -bytes);
    }
}
