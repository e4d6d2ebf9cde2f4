using Microsoft.Extensions.Time.Testing;
using MoneroNet.P2P.Connections;

namespace MoneroNet.P2P.Tests;

/// <summary>After 32 MiB of large messages and 2 s without one, one collection returns their memory; at most one per 10 s.</summary>
public class LargeMessageMemoryTests
{
    private const int Mib = 1024 * 1024;

    [Fact]
    public void Small_messages_never_count_and_never_cause_a_collection()
    {
        var time = new FakeTimeProvider();
        int collections = 0;
        var memory = new LargeMessageMemory(time, collect: () => collections++);
        for (int i = 0; i < 100_000; i++) memory.OnMessage(LargeMessageMemory.LargeMessageBytes - 1);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(memory.CollectIfDue());
        Assert.Equal(0, memory.Pending);
        Assert.Equal(0, collections);
    }

    [Fact]
    public void Sent_frames_count_from_the_size_of_a_peer_list_and_a_burst_of_them_causes_one_collection()
    {
        var time = new FakeTimeProvider();
        int collections = 0;
        var memory = new LargeMessageMemory(time, collect: () => collections++);
        for (int i = 0; i < 10_000; i++) memory.OnFrameSent(LargeMessageMemory.LargeSentFrameBytes - 1);
        Assert.Equal(0, memory.Pending);

        // 10,000 handshake answers of 15 KB each, as a connect burst to a node with a full white list sends.
        for (int i = 0; i < 10_000; i++) memory.OnFrameSent(15_000);
        Assert.Equal(150_000_000, memory.Pending);
        Assert.False(memory.CollectIfDue()); // still sending
        time.Advance(LargeMessageMemory.QuietFor);
        Assert.True(memory.CollectIfDue());
        Assert.Equal(1, collections);
        Assert.Equal(0, memory.Pending);
    }

    [Fact]
    public void A_collection_waits_for_the_threshold_and_for_a_quiet_moment()
    {
        var time = new FakeTimeProvider();
        int collections = 0;
        var memory = new LargeMessageMemory(time, collect: () => collections++);

        memory.OnMessage(16 * Mib);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(memory.CollectIfDue()); // 16 MiB: below the threshold

        memory.OnMessage(20 * Mib);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(memory.CollectIfDue()); // above it, but the last one came 1 s ago
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(memory.CollectIfDue());
        Assert.Equal(1, collections);
        Assert.Equal(0, memory.Pending);
        Assert.False(memory.CollectIfDue()); // nothing new
    }

    [Fact]
    public void A_flood_gets_at_most_one_collection_per_interval()
    {
        var time = new FakeTimeProvider();
        int collections = 0;
        var memory = new LargeMessageMemory(time, collect: () => collections++);
        // A 100 MB message every 3 s for a minute, the maintainer ticking every second.
        for (int second = 0; second < 60; second++)
        {
            if (second % 3 == 0) memory.OnMessage(100 * Mib);
            memory.CollectIfDue();
            time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.InRange(collections, 1, 6);
        Assert.Equal(collections, memory.Collections);
    }
}
