using System.Net;

namespace MoneroNet.P2P.AddressBook;

/// <summary>
/// Remembers addresses whose dial or handshake failed, so the maintainer does not hammer them. monerod simply skips
/// an address for an hour after a failure (P2P_FAILED_ADDR_FORGET_SECONDS); we back off exponentially instead, which
/// recovers sooner from a blip: after n consecutive failures the address waits min(base·2^(n−1), max) — with
/// monerod's defaults 30 s, 1 min, 2 min, … capped at 1 h. A success forgets the address; so does a quiet hour.
/// The table is bounded (oldest failures evicted first). Keyed by endpoint in the public zone and by address in
/// the anonymity zones (<see cref="DialBackoff{TKey}"/>).
/// </summary>
internal sealed class DialBackoff(TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider time)
    : DialBackoff<IPEndPoint>(baseDelay, maxDelay, time);

/// <summary>The backoff of <see cref="DialBackoff"/> for any kind of dial target.</summary>
internal class DialBackoff<TKey>(TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider time) where TKey : notnull
{
    private const int MaxEntries = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, (int Failures, long LastFailure)> _failed = [];

    public void RecordFailure(TKey endPoint)
    {
        long now = time.GetTimestamp();
        lock (_lock)
        {
            _failed.TryGetValue(endPoint, out var f);
            _failed[endPoint] = (Math.Min(f.Failures + 1, 62), now);
            if (_failed.Count > MaxEntries)
            {
                var oldest = _failed.MinBy(kv => kv.Value.LastFailure).Key;
                _failed.Remove(oldest);
            }
        }
    }

    public void RecordSuccess(TKey endPoint)
    {
        lock (_lock) _failed.Remove(endPoint);
    }

    /// <summary>True while <paramref name="endPoint"/> must not be dialled yet.</summary>
    public bool IsBackingOff(TKey endPoint)
    {
        long now = time.GetTimestamp();
        lock (_lock)
        {
            if (!_failed.TryGetValue(endPoint, out var f)) return false;
            var since = TimeSpan.FromSeconds((now - f.LastFailure) / (double)time.TimestampFrequency);
            if (since >= maxDelay)
            {
                _failed.Remove(endPoint);
                return false;
            }
            return since < DelayAfter(f.Failures);
        }
    }

    public int FailuresOf(TKey endPoint)
    {
        lock (_lock) return _failed.TryGetValue(endPoint, out var f) ? f.Failures : 0;
    }

    private TimeSpan DelayAfter(int failures)
    {
        double ms = baseDelay.TotalMilliseconds * Math.Pow(2, failures - 1);
        return ms >= maxDelay.TotalMilliseconds ? maxDelay : TimeSpan.FromMilliseconds(ms);
    }
}
