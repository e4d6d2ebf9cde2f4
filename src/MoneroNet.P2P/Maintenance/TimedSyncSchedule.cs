namespace MoneroNet.P2P.Maintenance;

/// <summary>
/// When each connection's timed sync is due. monerod sends the timed syncs of all its connections in one tick of a
/// global 60 s timer; at thousands of connections that second costs a large share of a core (45 % at 10,000). Here
/// the same round is spread over the interval: it is cut into one slot per maintainer tick (60 of a second each with
/// monerod's timings), every connection belongs to one slot by its random connection id, and each tick sends to the
/// connections of the slots whose time has come since the previous tick. So every connection still gets one timed
/// sync per interval, from the one maintainer timer, and what a peer sees is what monerod's global timer gives it:
/// the first timed sync at a point of the first interval after the handshake that does not depend on when the
/// handshake happened (docs/PROTOCOL.md §3.4: 0–61 s), then one every interval.
/// </summary>
/// <remarks>
/// Slots are taken from elapsed time rather than counted ticks, so a late or coalesced tick makes up every slot it
/// skipped and no connection goes a whole interval without its turn.
/// </remarks>
internal sealed class TimedSyncSchedule
{
    private readonly long _start;
    private readonly long _slotLength;
    private long _nextSlot = 1;

    /// <param name="interval">The timed-sync interval: each connection's period.</param>
    /// <param name="tick">The maintainer's period: the length of one slot.</param>
    /// <param name="start">The monotonic timestamp the schedule counts from.</param>
    /// <param name="timestampFrequency">Timestamp units per second.</param>
    public TimedSyncSchedule(TimeSpan interval, TimeSpan tick, long start, long timestampFrequency)
    {
        Slots = tick <= TimeSpan.Zero ? 1 : (int)Math.Clamp(Math.Round(interval / tick), 1, int.MaxValue);
        _slotLength = Math.Max(1, (long)(interval.TotalSeconds * timestampFrequency) / Slots);
        _start = start;
    }

    /// <summary>How many slots a round has.</summary>
    public int Slots { get; }

    /// <summary>The slot a connection belongs to.</summary>
    public int SlotOf(Guid connectionId) => (int)((uint)connectionId.GetHashCode() % (uint)Slots);

    /// <summary>The slots whose time has come at <paramref name="now"/> and that were not taken before.</summary>
    public DueSlots TakeDue(long now)
    {
        var reached = (now - _start) / _slotLength;
        if (reached < _nextSlot)
        {
            return default;
        }

        var due = new DueSlots(_nextSlot, reached + 1, Slots);
        _nextSlot = reached + 1;
        return due;
    }

    /// <summary>Absolute slot numbers [<paramref name="First"/>, <paramref name="End"/>) of a round of <paramref name="Slots"/>.</summary>
    internal readonly record struct DueSlots(long First, long End, int Slots)
    {
        public bool IsEmpty => End <= First;

        public bool Includes(int slot)
        {
            if (IsEmpty)
            {
                return false;
            }

            if (End - First >= Slots)
            {
                return true;
            }

            // The first absolute slot at or after First that is this slot.
            var offset = ((slot - First % Slots) + Slots) % Slots;
            return First + offset < End;
        }
    }
}
