namespace MoneroNet.P2P.Stats;

/// <summary>
/// One direction's "current speed" exactly as monerod's <c>network_throttle</c> computes it: a history of ten
/// one-second slots, newest first; each completed socket read (or write) first rotates in empty slots for every
/// whole second that passed, then adds its bytes to the newest slot; the speed is the sum of the nine newest slots
/// divided by nine seconds. monerod only recomputes it on traffic, so after the last transfer the old value stays.
/// Not thread-safe: each direction is fed by one loop at a time.
/// </summary>
public sealed class NetworkThrottle
{
    /// <summary>monerod's default window: ten slots.</summary>
    public const int WindowSize = 10;

    private Slots _slots; // ring buffer, inline in this object; _head is the newest slot
    private int _head;
    private bool _anyPacketYet;
    private double _lastSampleTime;

    /// <summary>Records a completed transfer at monotonic time <paramref name="nowSeconds"/> and returns the new speed (bytes/s).</summary>
    public double Record(long bytes, double nowSeconds)
    {
        Tick(nowSeconds);
        // Kept modulo 2^32: the speed is a wrapped 32-bit sum (below), and a sum of wrapped slots wraps alike.
        _slots[_head] = unchecked(_slots[_head] + (uint)bytes);
        return CurrentSpeed();
    }

    /// <summary>Sum of all slots but the oldest, over their duration (monerod's get_current_speed).</summary>
    public double CurrentSpeed()
    {
        uint sum = 0;
        for (int i = 0; i < WindowSize - 1; i++)
            sum = unchecked(sum + _slots[(_head - i + WindowSize) % WindowSize]);
        // monerod sums into an unsigned int before dividing; wrap the same way so huge bursts read alike.
        return sum / (double)(WindowSize - 1);
    }

    private void Tick(double now)
    {
        long current = (long)Math.Floor(now);
        if (!_anyPacketYet)
        {
            // The first packet starts a fresh slot, as monerod's first tick pushes one.
            PushSlot();
            _anyPacketYet = true;
            _lastSampleTime = now;
            return;
        }

        long last = (long)Math.Floor(_lastSampleTime);
        // Rotating more than a whole window only clears it; cap the loop so a long idle gap costs O(window).
        long steps = Math.Min(current - last, WindowSize);
        for (long i = 0; i < steps; i++) PushSlot();
        _lastSampleTime = now;
    }

    private void PushSlot()
    {
        _head = (_head + 1) % WindowSize;
        _slots[_head] = 0;
    }

    /// <summary>The ten slots inline, 32 bits each: no separate array per direction and connection.</summary>
    [System.Runtime.CompilerServices.InlineArray(WindowSize)]
    private struct Slots
    {
        private uint _first;
    }
}
