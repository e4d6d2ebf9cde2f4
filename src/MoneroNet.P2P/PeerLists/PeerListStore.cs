using System.Net;
using MoneroNet.Wire;

namespace MoneroNet.P2P.PeerLists;

/// <summary>
/// The public zone's peer lists, monerod's peerlist_manager: <b>white</b> (peers we reached ourselves, ≤ 1000),
/// <b>gray</b> (addresses others told us about, ≤ 5000) and <b>anchor</b> (outgoing peers we were connected to, tried
/// first after a restart). Both lists are keyed by address; white keeps one entry per host (a newly seen port evicts
/// the host's others) and trims its least recently seen entries, as does gray. Thread-safe; the public lists are
/// snapshots ordered most recently seen first.
/// </summary>
public sealed class PeerListStore
{
    /// <summary>The white list's size bound (monerod's 1000).</summary>
    public const int WhiteLimit = 1000;
    /// <summary>The gray list's size bound (monerod's 5000).</summary>
    public const int GrayLimit = 5000;

    private readonly Lock _lock = new();
    private readonly Dictionary<NetworkAddress, KnownPeer> _white = [];
    private readonly Dictionary<NetworkAddress, KnownPeer> _gray = [];
    private readonly Dictionary<NetworkAddress, KnownPeer> _anchor = [];
    // Every white address's slot, for the connections' sets of addresses already shared (SharedAddressSet).
    private readonly WhiteSlots _whiteSlots = new();
    private readonly bool _allowLocalIp;

    internal PeerListStore(bool allowLocalIp) => _allowLocalIp = allowLocalIp;

    /// <summary>A snapshot of the white list, most recently seen first.</summary>
    public IReadOnlyList<KnownPeer> White => Ordered(_white);
    /// <summary>A snapshot of the gray list, most recently seen first.</summary>
    public IReadOnlyList<KnownPeer> Gray => Ordered(_gray);
    /// <summary>Anchor entries; <see cref="KnownPeer.LastSeenUnixSeconds"/> holds when the peer was first seen.</summary>
    public IReadOnlyList<KnownPeer> Anchor => Ordered(_anchor);

    /// <summary>Entries in the white list.</summary>
    public int WhiteCount { get { lock (_lock) return _white.Count; } }
    /// <summary>Entries in the gray list.</summary>
    public int GrayCount { get { lock (_lock) return _gray.Count; } }

    private KnownPeer[] Ordered(Dictionary<NetworkAddress, KnownPeer> list)
    {
        lock (_lock) return list.Values.OrderByDescending(e => e.LastSeenUnixSeconds).ToArray();
    }

    /// <summary>
    /// monerod's merge_peerlist/append_with_peer_gray for sanitised, allowed entries: an address already white is
    /// left alone; one already gray keeps its last_seen (received lists are untrusted) and its known pruning seed and
    /// RPC port when the new entry has none; a new one is added; then gray is trimmed.
    /// </summary>
    internal void MergeGray(IEnumerable<KnownPeer> entries)
    {
        lock (_lock)
        {
            foreach (var e in entries)
            {
                if (!AddressRules.IsListable(e.Address, _allowLocalIp) || _white.ContainsKey(e.Address)) continue;
                if (_gray.TryGetValue(e.Address, out var old))
                {
                    _gray[e.Address] = e with
                    {
                        LastSeenUnixSeconds = old.LastSeenUnixSeconds,
                        PruningSeed = e.PruningSeed == 0 ? old.PruningSeed : e.PruningSeed,
                        RpcPort = e.RpcPort == 0 ? old.RpcPort : e.RpcPort,
                    };
                }
                else
                {
                    _gray[e.Address] = e;
                }
            }
            Trim(_gray, GrayLimit);
        }
    }

    /// <summary>
    /// monerod's set_peer_just_seen/append_with_peer_white: the peer is white as of <paramref name="entry"/>'s
    /// last_seen; a new address evicts other white entries of its host; a known one keeps its pruning seed and RPC
    /// port when the new facts have none. The address leaves gray.
    /// </summary>
    internal void SetJustSeen(KnownPeer entry)
    {
        if (!AddressRules.IsListable(entry.Address, _allowLocalIp)) return;
        lock (_lock)
        {
            if (_white.TryGetValue(entry.Address, out var old))
            {
                _white[entry.Address] = entry with
                {
                    PruningSeed = entry.PruningSeed == 0 ? old.PruningSeed : entry.PruningSeed,
                    RpcPort = entry.RpcPort == 0 ? old.RpcPort : entry.RpcPort,
                };
            }
            else
            {
                foreach (var same in _white.Keys.Where(a => SameHost(a, entry.Address)).ToList()) RemoveWhite(same);
                _white[entry.Address] = entry;
                _whiteSlots.Assign(entry.Address);
                TrimWhite();
            }
            _gray.Remove(entry.Address);
        }
    }

    /// <summary>Remembers an outgoing peer as an anchor (first seen time kept if it already was one).</summary>
    internal void AddAnchor(NetworkAddress address, ulong peerId, long firstSeenUnixSeconds)
    {
        if (!AddressRules.IsListable(address, _allowLocalIp)) return;
        lock (_lock)
        {
            if (!_anchor.ContainsKey(address))
                _anchor[address] = new KnownPeer(address, peerId, firstSeenUnixSeconds, 0, 0, 0);
        }
    }

    internal void RemoveAnchor(NetworkAddress address)
    {
        lock (_lock) _anchor.Remove(address);
    }

    /// <summary>
    /// monerod's get_and_empty_anchor_peerlist: the anchors to try once; a successful handshake re-adds them. Unlike
    /// monerod, the anchors for which <paramref name="stillConnected"/> is true stay: their connection is live, so no
    /// handshake will re-add them, and emptying them would lose the anchor of a peer the node is talking to (monerod
    /// loses it whenever it runs with fewer than two outgoing peers).
    /// </summary>
    internal IReadOnlyList<KnownPeer> TakeAnchors(Func<NetworkAddress, bool>? stillConnected = null)
    {
        lock (_lock)
        {
            var taken = new List<KnownPeer>(_anchor.Count);
            foreach (var (address, entry) in _anchor)
                if (stillConnected is null || !stillConnected(address)) taken.Add(entry);
            foreach (var entry in taken) _anchor.Remove(entry.Address);
            return taken;
        }
    }

    /// <summary>Removes every entry (white, gray, anchor) whose host matches (a ban).</summary>
    internal int RemoveHosts(Func<IPAddress, bool> matches)
    {
        int removed = 0;
        lock (_lock)
        {
            foreach (var list in new[] { _white, _gray, _anchor })
            {
                foreach (var a in list.Keys.Where(a => a.IPAddress is { } ip && matches(ip)).ToList())
                {
                    list.Remove(a);
                    if (list == _white) _whiteSlots.Release(a);
                    removed++;
                }
            }
        }
        return removed;
    }

    /// <summary>A uniformly random gray entry (monerod's get_random_gray_peer); false when gray is empty.</summary>
    internal bool TryPickRandomGray(out KnownPeer entry)
    {
        lock (_lock)
        {
            if (_gray.Count == 0)
            {
                entry = null!;
                return false;
            }
            // O(gray) ≤ 5000, once a minute.
            entry = _gray.Values.ElementAt(Random.Shared.Next(_gray.Count));
            return true;
        }
    }

    /// <summary>monerod's remove_from_peer_gray.</summary>
    internal bool RemoveGray(NetworkAddress address)
    {
        lock (_lock) return _gray.Remove(address);
    }

    /// <summary>
    /// Up to <paramref name="max"/> random white entries that are not in <paramref name="shared"/> and pass
    /// <paramref name="include"/>, with last_seen zeroed (monerod's anonymised get_peerlist_head); each one picked is added to
    /// <paramref name="shared"/> (monerod's per-connection set of addresses already sent, docs/PROTOCOL.md §3.3 step 10). The set is first
    /// caught up with the white list's changes, so a freed and reused slot never hides a new address.
    /// </summary>
    internal List<KnownPeer> PickRandomWhiteNotShared(int max, SharedAddressSet shared, Func<KnownPeer, bool> include)
    {
        (KnownPeer Peer, int Slot)[] all;
        lock (_lock)
        {
            _whiteSlots.CatchUp(shared);
            all = new (KnownPeer, int)[_white.Count];
            int i = 0;
            foreach (var e in _white.Values) all[i++] = (e, _whiteSlots.SlotOf(e.Address));
        }
        // Outside the lock: a slot freed from here on is in the log and cleared at this set's next catch-up.
        Random.Shared.Shuffle(all);
        var picked = new List<KnownPeer>(Math.Min(max, all.Length));
        foreach (var (e, slot) in all)
        {
            if (picked.Count >= max) break;
            if (shared.Contains(slot) || !include(e)) continue;
            shared.Add(slot);
            picked.Add(e with { LastSeenUnixSeconds = 0 });
        }
        return picked;
    }

    /// <summary>Everything, for the state file.</summary>
    internal PeerListState Export()
    {
        lock (_lock) return new PeerListState([.. _white.Values], [.. _gray.Values], [.. _anchor.Values]);
    }

    /// <summary>Replaces the lists with a loaded state (limits and address rules applied again).</summary>
    internal void Import(PeerListState state)
    {
        lock (_lock)
        {
            _white.Clear();
            _whiteSlots.ReleaseAll();
            _gray.Clear();
            _anchor.Clear();
            foreach (var e in state.White)
            {
                if (!AddressRules.IsListable(e.Address, _allowLocalIp)) continue;
                _white[e.Address] = e;
                _whiteSlots.Assign(e.Address);
            }
            foreach (var e in state.Gray)
                if (AddressRules.IsListable(e.Address, _allowLocalIp) && !_white.ContainsKey(e.Address)) _gray[e.Address] = e;
            foreach (var e in state.Anchor) if (AddressRules.IsListable(e.Address, _allowLocalIp)) _anchor[e.Address] = e;
            TrimWhite();
            Trim(_gray, GrayLimit);
        }
    }

    private static bool SameHost(NetworkAddress a, NetworkAddress b) =>
        a.IPAddress is { } x && b.IPAddress is { } y && x.Equals(y);

    /// <summary>Under the lock: an address leaves the white list, and its slot is freed.</summary>
    private void RemoveWhite(NetworkAddress address)
    {
        if (_white.Remove(address)) _whiteSlots.Release(address);
    }

    /// <summary>Under the lock: <see cref="Trim"/> for the white list, freeing the slots of what it drops.</summary>
    private void TrimWhite()
    {
        if (_white.Count <= WhiteLimit) return;
        foreach (var e in _white.Values.OrderBy(e => e.LastSeenUnixSeconds).Take(_white.Count - WhiteLimit).ToList())
            RemoveWhite(e.Address);
    }

    /// <summary>Drops the least recently seen entries beyond <paramref name="limit"/> (monerod trims by time).</summary>
    private static void Trim(Dictionary<NetworkAddress, KnownPeer> list, int limit)
    {
        if (list.Count <= limit) return;
        foreach (var e in list.Values.OrderBy(e => e.LastSeenUnixSeconds).Take(list.Count - limit).ToList())
            list.Remove(e.Address);
    }
}
