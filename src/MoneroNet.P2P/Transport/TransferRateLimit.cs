namespace MoneroNet.P2P.Transport;

/// <summary>
/// One direction of the node-wide P2P throttle (monerod's global <c>network_throttle</c> "in" or "out", docs/PROTOCOL.md
/// §4 "rate limits"): every connection charges the bytes it moves here, and gets back how long to wait so that all of
/// them together stay at <see cref="BytesPerSecond"/>. It is a token bucket kept as one number — the time at which the
/// bytes charged so far will have drained at the rate (the generic cell rate algorithm's "theoretical arrival time") —
/// so a charge is one compare-and-swap: no lock on the hot path and nothing allocated. Up to
/// <see cref="BurstSeconds"/> of traffic passes without waiting after an idle spell, as monerod's averaging window lets
/// a short burst through. Time comes from the node's <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
public sealed class TransferRateLimit
{
    /// <summary>How much traffic, in seconds at the rate, may pass at once after an idle spell.</summary>
    public const double BurstSeconds = 1.0;

    private readonly TimeProvider _time;
    private readonly long _burstTicks;
    private long _bytesPerSecond;
    private long _drainedAt; // timestamp ticks; compare-and-swapped by every charge

    /// <param name="bytesPerSecond">The rate; 0 or less = unlimited.</param>
    public TransferRateLimit(long bytesPerSecond, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _burstTicks = (long)(BurstSeconds * time.TimestampFrequency);
        _bytesPerSecond = Math.Max(0, bytesPerSecond);
        _drainedAt = time.GetTimestamp();
    }

    /// <summary>The rate now in force, bytes per second; 0 = unlimited. Changes take effect on the next charge.</summary>
    public long BytesPerSecond
    {
        get => Volatile.Read(ref _bytesPerSecond);
        set => Volatile.Write(ref _bytesPerSecond, Math.Max(0, value));
    }

    /// <summary>
    /// Charges <paramref name="bytes"/> moved (or about to be moved) and returns how long the caller should wait
    /// before moving more; <see cref="TimeSpan.Zero"/> while the traffic is under the rate.
    /// </summary>
    public TimeSpan Charge(long bytes)
    {
        long rate = Volatile.Read(ref _bytesPerSecond);
        if (rate <= 0 || bytes <= 0)
            return TimeSpan.Zero;
        long frequency = _time.TimestampFrequency;
        // bytes × frequency stays far below 2^63 for any frame the Levin limits allow (100 MB × 10^9 ticks/s).
        long cost = (long)((double)bytes * frequency / rate);
        long now = _time.GetTimestamp();
        long drainedAt;
        long updated;
        do
        {
            drainedAt = Volatile.Read(ref _drainedAt);
            // Debt drained in the past is no credit: idle time earns the burst allowance only.
            updated = Math.Max(drainedAt, now) + cost;
        }
        while (Interlocked.CompareExchange(ref _drainedAt, updated, drainedAt) != drainedAt);

        // Up to the burst ahead of now passes at once; the rest waits until it is within the burst.
        long waitTicks = updated - now - _burstTicks;
        return waitTicks <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(waitTicks / (double)frequency);
    }
}
