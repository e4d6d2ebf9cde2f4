namespace MoneroNet.P2P.Connections;

/// <summary>
/// monerod's per-socket idle timer (abstract_tcp_server2.inl): a fresh connection gets 10 s (20 min for a local
/// peer); every write resets it to the default of 5 min (30 min local); every read only adds 0.2 ms a byte, never
/// beyond the default. When it expires the connection is closed. Times are monotonic timestamp ticks.
/// </summary>
internal sealed class IdleTimer
{
    private const double ExtraMillisecondsPerByteRead = 0.2;
    private readonly long _defaultTicks;
    private readonly long _frequency;
    private long _deadline;

    public IdleTimer(long now, TimeSpan initial, TimeSpan afterWrite, long frequency)
    {
        _frequency = frequency;
        _defaultTicks = ToTicks(afterWrite);
        _deadline = now + ToTicks(initial);
    }

    public long Deadline => Volatile.Read(ref _deadline);

    public void OnRead(int bytes, long now)
    {
        long extra = (long)(bytes * ExtraMillisecondsPerByteRead * _frequency / 1000.0);
        // The send path resets the deadline from another thread: a plain read-then-write here could undo that reset.
        long cap = now + _defaultTicks;
        long current = Volatile.Read(ref _deadline);
        while (true)
        {
            long next = Math.Min(current + extra, cap);
            long seen = Interlocked.CompareExchange(ref _deadline, next, current);
            if (seen == current) return;
            current = seen;
        }
    }

    public void OnWrite(long now) => Volatile.Write(ref _deadline, now + _defaultTicks);

    public bool Expired(long now) => now >= Volatile.Read(ref _deadline);

    private long ToTicks(TimeSpan t) => (long)(t.TotalSeconds * _frequency);
}
