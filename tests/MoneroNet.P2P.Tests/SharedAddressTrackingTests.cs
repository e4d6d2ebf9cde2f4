using System.Net;
using MoneroNet.P2P.PeerLists;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// The per-connection record of white-list addresses already shared (docs/PROTOCOL.md §3.3 step 10): one bit per
/// white-list slot, caught up with the white list's changes before each pick, so it never hides a new address and never
/// repeats one that is still white.
/// </summary>
public class SharedAddressTrackingTests
{
    private static NetworkAddress Address(int i) =>
        NetworkAddress.FromEndPoint(new IPEndPoint(new IPAddress([203, 0, (byte)(113 + i / 250), (byte)(1 + i % 250)]), 18080));

    private static KnownPeer Peer(int i, long lastSeen = 1000) => new(Address(i), (ulong)i + 1, lastSeen, 0, 0, 0);

    private static PeerListStore StoreWithWhite(int count)
    {
        var store = new PeerListStore(allowLocalIp: false);
        for (int i = 0; i < count; i++) store.SetJustSeen(Peer(i, 1000 + i));
        return store;
    }

    private static HashSet<NetworkAddress> Pick(PeerListStore store, SharedAddressSet shared, int max = 250) =>
        store.PickRandomWhiteNotShared(max, shared, _ => true).Select(e => e.Address).ToHashSet();

    [Fact]
    public void A_full_white_list_is_shared_once_in_four_picks_of_250_then_nothing_is_repeated()
    {
        var store = StoreWithWhite(PeerListStore.WhiteLimit);
        var shared = new SharedAddressSet();
        var seen = new HashSet<NetworkAddress>();
        for (int round = 0; round < 4; round++)
        {
            var picked = Pick(store, shared);
            Assert.Equal(250, picked.Count);
            Assert.Empty(picked.Intersect(seen));
            seen.UnionWith(picked);
        }
        Assert.Equal(store.White.Select(e => e.Address).ToHashSet(), seen);
        Assert.Empty(Pick(store, shared));
        Assert.Equal(1000, shared.Count);
        // The whole record for 1,000 addresses: 16 words of bits.
        Assert.Equal(128, shared.BytesHeld);
    }

    [Fact]
    public void An_address_that_takes_a_freed_slot_is_shared_although_the_slot_was_marked()
    {
        var store = StoreWithWhite(10);
        var shared = new SharedAddressSet();
        Assert.Equal(10, Pick(store, shared).Count);

        // A ban takes one white entry out; a new peer becomes white and reuses its slot.
        Assert.Equal(1, store.RemoveHosts(ip => ip.Equals(Address(3).IPAddress)));
        store.SetJustSeen(Peer(500));

        Assert.Equal([Address(500)], Pick(store, shared));
        Assert.Empty(Pick(store, shared));
    }

    [Fact]
    public void A_set_further_behind_than_the_log_of_frees_starts_afresh_and_shares_everything_again()
    {
        var store = StoreWithWhite(5);
        var shared = new SharedAddressSet();
        Assert.Equal(5, Pick(store, shared).Count);
        // More churn than the log holds: 1,025 addresses in and out beside the five.
        for (int i = 0; i <= WhiteSlots.FreedLogSize; i++)
        {
            store.SetJustSeen(Peer(100 + i % 800, 5000 + i));
            store.RemoveHosts(ip => ip.Equals(Address(100 + i % 800).IPAddress));
        }
        Assert.Equal(5, store.WhiteCount);
        Assert.Equal(5, Pick(store, shared).Count);
    }

    [Fact]
    public void Loading_a_state_file_forgets_what_every_connection_shared()
    {
        var store = StoreWithWhite(3);
        var shared = new SharedAddressSet();
        Assert.Equal(3, Pick(store, shared).Count);
        store.Import(new PeerListState([Peer(7), Peer(8)], [], []));
        Assert.Equal(new HashSet<NetworkAddress> { Address(7), Address(8) }, Pick(store, shared));
    }

    [Fact]
    public void A_white_entry_evicted_by_the_limit_frees_its_slot_for_the_newcomer()
    {
        var store = StoreWithWhite(PeerListStore.WhiteLimit);
        var shared = new SharedAddressSet();
        for (int round = 0; round < 4; round++) Pick(store, shared);
        // One more white peer: the least recently seen (peer 0) is trimmed and the newcomer must still be shared.
        store.SetJustSeen(Peer(1100, 9999));
        Assert.Equal(PeerListStore.WhiteLimit, store.WhiteCount);
        Assert.Equal([Address(1100)], Pick(store, shared));
        Assert.Equal(128, shared.BytesHeld);
    }

    [Fact]
    public void Released_bits_are_dropped_and_an_unused_set_holds_none()
    {
        var shared = new SharedAddressSet();
        Assert.Equal(0, shared.BytesHeld);
        shared.Add(5);
        shared.Add(5);
        Assert.Equal(1, shared.Count);
        Assert.True(shared.Contains(5));
        Assert.False(shared.Contains(6));
        Assert.False(shared.Contains(100_000));
        shared.Release();
        Assert.Equal(0, shared.BytesHeld);
        Assert.False(shared.Contains(5));
    }
}
