namespace MoneroNet.P2P.Stats;

/// <summary>One inner peer id and the addresses whose ping answers carried it (a snapshot).</summary>
public sealed record SuspectedProxy(ulong InnerPeerId, IReadOnlyList<string> Addresses, IReadOnlyList<ulong> OuterPeerIds,
    long LastSeenUnixSeconds);

/// <summary>
/// The node-wide table of suspected proxies (docs/PROTOCOL.md §3.8): inner peer ids
/// seen in ping answers that differ from the handshake's, each with the addresses that showed it. Bounded — at most
/// <see cref="MaxInnerIds"/> ids (the least recently seen goes first) and <see cref="MaxAddressesPerId"/> addresses
/// each (the oldest goes) — so a crawler of fake ids cannot grow it. Writes are rare (a mismatch), so one lock guards it.
/// </summary>
public sealed class SuspectedProxies
{
    /// <summary>The most inner ids kept (the least recently seen is dropped first).</summary>
    public const int MaxInnerIds = 256;
    /// <summary>The most proxy addresses kept for one inner id.</summary>
    public const int MaxAddressesPerId = 16;

    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, Entry> _entries = [];

    private sealed class Entry
    {
        // Most recent first; parallel lists of address and the outer id it presented.
        public readonly List<string> Addresses = [];
        public readonly List<ulong> OuterIds = [];
        public long LastSeen;
    }

    /// <summary>Inner ids kept.</summary>
    public int Count
    {
        get { lock (_lock) return _entries.Count; }
    }

    /// <summary>Records that <paramref name="address"/> (handshake id <paramref name="outerId"/>) answered a ping as <paramref name="innerId"/>.</summary>
    public void Record(ulong innerId, string address, ulong outerId, long nowUnixSeconds)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(innerId, out var entry))
            {
                if (_entries.Count >= MaxInnerIds) EvictLeastRecent();
                entry = new Entry();
                _entries[innerId] = entry;
            }
            entry.LastSeen = nowUnixSeconds;
            int at = entry.Addresses.IndexOf(address);
            if (at >= 0)
            {
                entry.Addresses.RemoveAt(at);
                entry.OuterIds.RemoveAt(at);
            }
            entry.Addresses.Insert(0, address);
            entry.OuterIds.Insert(0, outerId);
            if (entry.Addresses.Count > MaxAddressesPerId)
            {
                entry.Addresses.RemoveAt(entry.Addresses.Count - 1);
                entry.OuterIds.RemoveAt(entry.OuterIds.Count - 1);
            }
        }
    }

    private void EvictLeastRecent()
    {
        ulong oldest = 0;
        long oldestSeen = long.MaxValue;
        foreach (var (id, e) in _entries)
        {
            if (e.LastSeen < oldestSeen) (oldest, oldestSeen) = (id, e.LastSeen);
        }
        _entries.Remove(oldest);
    }

    /// <summary>Every entry, most recently seen first.</summary>
    public IReadOnlyList<SuspectedProxy> Snapshot()
    {
        lock (_lock)
        {
            return _entries
                .Select(kv => new SuspectedProxy(kv.Key, kv.Value.Addresses.ToArray(), kv.Value.OuterIds.ToArray(), kv.Value.LastSeen))
                .OrderByDescending(p => p.LastSeenUnixSeconds)
                .ToList();
        }
    }
}
