using MoneroNet.P2P.AddressBook;

namespace MoneroNet.P2P.Tests;

/// <summary>One open connection per peer id: the first keeps it, a newer one is refused until the first closes or leaves.</summary>
public class PeerIdRegistryTests
{
    private sealed class Holder(ulong peerId) : IPeerIdHolder
    {
        public ulong PeerId { get; } = peerId;
        public bool IsClosed { get; set; }
    }

    [Fact]
    public void A_second_connection_with_an_open_holders_id_is_refused_and_told_who_holds_it()
    {
        var registry = new PeerIdRegistry<Holder>();
        var first = new Holder(0xabc);
        var second = new Holder(0xabc);

        Assert.True(registry.TryClaim(first, out var none));
        Assert.Null(none);
        Assert.False(registry.TryClaim(second, out var holder));
        Assert.Same(first, holder);
        Assert.Equal(1, registry.Count);
    }

    [Fact]
    public void Claiming_again_with_the_same_connection_succeeds()
    {
        var registry = new PeerIdRegistry<Holder>();
        var first = new Holder(7);
        Assert.True(registry.TryClaim(first, out _));
        Assert.True(registry.TryClaim(first, out var holder));
        Assert.Null(holder);
    }

    [Fact]
    public void A_closed_holder_that_has_not_been_released_yet_gives_way()
    {
        var registry = new PeerIdRegistry<Holder>();
        var first = new Holder(7);
        var second = new Holder(7);
        registry.TryClaim(first, out _);
        first.IsClosed = true;

        Assert.True(registry.TryClaim(second, out _));
        // The late release of the first one must not free the id the second now holds.
        registry.Release(first);
        Assert.False(registry.TryClaim(new Holder(7), out var holder));
        Assert.Same(second, holder);
    }

    [Fact]
    public void Release_frees_the_id_and_an_unknown_or_zero_id_is_ignored()
    {
        var registry = new PeerIdRegistry<Holder>();
        var first = new Holder(9);
        registry.TryClaim(first, out _);
        registry.Release(new Holder(0));
        registry.Release(new Holder(10));
        Assert.Equal(1, registry.Count);

        registry.Release(first);
        Assert.Equal(0, registry.Count);
        Assert.True(registry.TryClaim(new Holder(9), out _));
    }

    [Fact]
    public void Distinct_ids_do_not_interfere()
    {
        var registry = new PeerIdRegistry<Holder>();
        Assert.True(registry.TryClaim(new Holder(1), out _));
        Assert.True(registry.TryClaim(new Holder(2), out _));
        Assert.Equal(2, registry.Count);
    }
}
