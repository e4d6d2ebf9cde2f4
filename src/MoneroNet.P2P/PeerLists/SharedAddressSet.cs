namespace MoneroNet.P2P.PeerLists;

/// <summary>
/// The white-list addresses one connection already shared with its peer (monerod keeps a set of addresses per
/// connection, docs/PROTOCOL.md §3.3), as one bit per <see cref="WhiteSlots"/> slot: at most 1,001 slots, so at most
/// 128 bytes of bits, allocated only once something is shared. Bits of slots freed since are cleared by
/// <see cref="WhiteSlots.CatchUp"/> before every use.
/// </summary>
/// <remarks>Touched only by its connection's read loop (catch-ups happen there too, under the store's lock).</remarks>
internal sealed class SharedAddressSet
{
    private ulong[]? _bits;

    /// <summary>The <see cref="WhiteSlots.FreedCount"/> this set has caught up with.</summary>
    internal long SeenFrees { get; set; }

    /// <summary>Addresses marked as shared.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes of bits this set holds (0 before anything was shared and after <see cref="Release"/>).</summary>
    public int BytesHeld => _bits is null ? 0 : _bits.Length * sizeof(ulong);

    public bool Contains(int slot) => _bits is { } bits && slot >> 6 < bits.Length && (bits[slot >> 6] & (1UL << slot)) != 0;

    public void Add(int slot)
    {
        int word = slot >> 6;
        if (_bits is null || word >= _bits.Length)
        {
            // Sized to the white list's slots seen so far: the array grows in whole words, a few times at most.
            var grown = new ulong[Math.Max(word + 1, PeerListStore.WhiteLimit / 64 + 1)];
            _bits?.CopyTo(grown, 0);
            _bits = grown;
        }
        ulong mask = 1UL << slot;
        if ((_bits[word] & mask) != 0) return;
        _bits[word] |= mask;
        Count++;
    }

    public void Remove(int slot)
    {
        if (!Contains(slot)) return;
        _bits![slot >> 6] &= ~(1UL << slot);
        Count--;
    }

    public void Clear()
    {
        if (_bits is not null) Array.Clear(_bits);
        Count = 0;
    }

    /// <summary>The connection closed: the bits go (the session object itself is kept a while in the closed log).</summary>
    public void Release()
    {
        _bits = null;
        Count = 0;
    }
}
