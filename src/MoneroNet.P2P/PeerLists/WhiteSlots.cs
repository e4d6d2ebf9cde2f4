using MoneroNet.Wire;

namespace MoneroNet.P2P.PeerLists;

/// <summary>
/// A small number (slot) for every white-list address, shared by all connections, so that each connection can remember
/// which addresses it already shared with its peer as one bit per slot (<see cref="SharedAddressSet"/>) instead of a
/// set of addresses: 1,000 white entries cost a peer 128 bytes, not a hash set of tens of kilobytes. A slot is freed
/// when its address leaves the white list and reused for a later one; every free is written to a log, so a set that
/// catches up before it is used clears the bits of freed slots and never mistakes a new address for an old one.
/// </summary>
/// <remarks>Not thread-safe: <see cref="PeerListStore"/> calls it under its lock only.</remarks>
internal sealed class WhiteSlots
{
    /// <summary>
    /// Frees remembered. A set more than this many frees behind (more white-list churn between two of its peer's timed
    /// syncs than this) forgets everything instead: at worst its peer hears some addresses again.
    /// </summary>
    public const int FreedLogSize = 1024;

    private readonly Dictionary<NetworkAddress, int> _slotOf = [];
    private readonly Stack<int> _free = new();
    private readonly int[] _freedLog = new int[FreedLogSize];
    private int _highWater;

    /// <summary>Frees so far; the log holds the last <see cref="FreedLogSize"/> of them.</summary>
    public long FreedCount { get; private set; }

    /// <summary>Slots handed out at least once: every slot number is below it.</summary>
    public int HighWater => _highWater;

    /// <summary>The slot of a white address (one is taken when the address is new to the white list).</summary>
    public int Assign(NetworkAddress address)
    {
        if (_slotOf.TryGetValue(address, out int slot)) return slot;
        slot = _free.Count > 0 ? _free.Pop() : _highWater++;
        _slotOf[address] = slot;
        return slot;
    }

    /// <summary>The slot of <paramref name="address"/>, or -1 when it is not white.</summary>
    public int SlotOf(NetworkAddress address) => _slotOf.TryGetValue(address, out int slot) ? slot : -1;

    /// <summary>The address left the white list: its slot is logged as freed and may be reused.</summary>
    public void Release(NetworkAddress address)
    {
        if (!_slotOf.Remove(address, out int slot)) return;
        _freedLog[(int)(FreedCount % FreedLogSize)] = slot;
        FreedCount++;
        _free.Push(slot);
    }

    /// <summary>The whole white list was replaced: every slot is freed, and every set will forget all it shared.</summary>
    public void ReleaseAll()
    {
        _slotOf.Clear();
        _free.Clear();
        _highWater = 0;
        // Past the log's reach for every set, so each one clears itself at its next catch-up.
        FreedCount += FreedLogSize + 1;
    }

    /// <summary>Brings <paramref name="set"/> up to date with the frees since it last caught up.</summary>
    public void CatchUp(SharedAddressSet set)
    {
        long behind = FreedCount - set.SeenFrees;
        if (behind > FreedLogSize)
        {
            set.Clear();
        }
        else
        {
            for (long n = set.SeenFrees; n < FreedCount; n++) set.Remove(_freedLog[(int)(n % FreedLogSize)]);
        }
        set.SeenFrees = FreedCount;
    }
}
