namespace MoneroNet.P2P.Listening;

/// <summary>
/// What the accept loop does after a failed accept (EMFILE/ENFILE when the node is out of descriptors, or any other
/// error): it waits 100 ms, doubling with each consecutive failure up to 2 s, instead of spinning; and it logs the
/// first failure at once and after that at most one line per 10 s, saying how many it did not log. A successful
/// accept starts over. Owned by one accept loop (not thread-safe); time only through the given clock.
/// </summary>
internal sealed class AcceptBackoff(TimeProvider time)
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    private int _consecutive;
    private long _lastLogged = long.MinValue;
    private int _unlogged;

    /// <summary>Failures in a row since the last successful accept.</summary>
    public int Consecutive => _consecutive;

    /// <summary>
    /// Records a failure: how long to wait before the next accept, whether to log this one, and how many failures
    /// since the last logged line went unlogged.
    /// </summary>
    public (TimeSpan Delay, bool Log, int Unlogged) OnFailure()
    {
        _consecutive++;
        var delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(_consecutive - 1, 10)));
        long now = time.GetTimestamp();
        bool log = _lastLogged == long.MinValue || time.GetElapsedTime(_lastLogged, now) >= LogInterval;
        if (!log)
        {
            _unlogged++;
            return (delay, false, 0);
        }
        int unlogged = _unlogged;
        _unlogged = 0;
        _lastLogged = now;
        return (delay, true, unlogged);
    }

    /// <summary>An accept succeeded: the next failure waits the first delay again (the log interval still holds).</summary>
    public void OnSuccess() => _consecutive = 0;
}
