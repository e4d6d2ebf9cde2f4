using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MoneroNet.Rpc.Events;

namespace MoneroNet.Rpc.Tests.Events;

/// <summary>The event hub behind GET /events: bounded buffers, overflow then drop, the subscriber cap, one order.</summary>
public sealed class NodeEventHubTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static NodeEvent Opened(int n) => new()
    {
        Type = NodeEventType.ConnectionOpened,
        Timestamp = Epoch,
        ConnectionId = Guid.Empty,
        Address = $"127.0.0.1:{n}",
        Incoming = true,
    };

    private static List<string> Drain(EventSubscription subscription)
    {
        var frames = new List<string>();
        while (subscription.Reader.TryRead(out var frame)) frames.Add(Encoding.UTF8.GetString(frame));
        return frames;
    }

    private static long IdOf(string frame) => long.Parse(frame.Split('\n')[0]["id: ".Length..]);

    private static JsonElement DataOf(string frame)
    {
        var data = frame.Split('\n').Single(line => line.StartsWith("data: ", StringComparison.Ordinal));
        return JsonDocument.Parse(data["data: ".Length..]).RootElement.Clone();
    }

    [Fact]
    public void Every_subscriber_sees_every_event_in_one_order_even_from_concurrent_publishers()
    {
        using var hub = new NodeEventHub(new FakeTimeProvider(Epoch), bufferCapacity: 4000, keepAliveInterval: TimeSpan.Zero);
        using var first = hub.TrySubscribe()!;
        using var second = hub.TrySubscribe()!;

        Parallel.For(0, 4, worker =>
        {
            for (int i = 0; i < 500; i++) hub.Publish(Opened(worker * 1000 + i));
        });

        var a = Drain(first);
        var b = Drain(second);
        Assert.Equal(2000, a.Count);
        Assert.Equal(a, b); // same frames, same order
        var ids = a.Select(IdOf).ToList();
        Assert.Equal(Enumerable.Range(1, 2000).Select(i => (long)i), ids);
        // Each publisher's own events keep their order.
        for (int worker = 0; worker < 4; worker++)
        {
            var ports = a.Select(f => DataOf(f).GetProperty("address").GetString()!)
                .Select(addr => int.Parse(addr.Split(':')[1]))
                .Where(p => p / 1000 == worker).ToList();
            Assert.Equal(Enumerable.Range(worker * 1000, 500), ports);
        }
    }

    [Fact]
    public async Task A_full_buffer_ends_with_an_overflow_event_and_the_subscriber_is_dropped_while_others_go_on()
    {
        var time = new FakeTimeProvider(Epoch);
        using var hub = new NodeEventHub(time, bufferCapacity: 4, keepAliveInterval: TimeSpan.Zero, overflowGrace: TimeSpan.FromSeconds(5));
        using var slow = hub.TrySubscribe()!;
        using var fast = hub.TrySubscribe()!;
        var fastFrames = new List<string>();

        for (int i = 0; i < 10; i++)
        {
            hub.Publish(Opened(i));
            fastFrames.AddRange(Drain(fast)); // the fast one keeps up
        }

        Assert.Equal(10, fastFrames.Count);
        Assert.True(slow.Overflowed);
        Assert.Equal(1, hub.Overflows);
        // The slow one keeps what it had buffered (events 1-4), then its stream ends.
        var buffered = new List<string>();
        await foreach (var frame in slow.Reader.ReadAllAsync()) buffered.Add(Encoding.UTF8.GetString(frame));
        Assert.Equal([1L, 2, 3, 4], buffered.Select(IdOf));
        var overflow = Encoding.UTF8.GetString(slow.FinalFrame!);
        Assert.Equal(5, IdOf(overflow)); // the first event it lost
        Assert.Equal(NodeEventType.Overflow, DataOf(overflow).GetProperty("type").GetString());
        Assert.Equal(4, DataOf(overflow).GetProperty("buffered").GetInt32());
        // A stuck reader is cut after the grace period.
        Assert.False(slow.Dropped.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(slow.Dropped.IsCancellationRequested);
        // It still holds its slot until its stream has ended.
        Assert.Equal(2, hub.SubscriberCount);
        slow.Dispose();
        Assert.Equal(1, hub.SubscriberCount);
    }

    [Fact]
    public async Task Publishing_never_waits_for_a_subscriber_that_never_reads()
    {
        using var hub = new NodeEventHub(new FakeTimeProvider(Epoch), bufferCapacity: 8, keepAliveInterval: TimeSpan.Zero);
        using var stuck = hub.TrySubscribe()!;

        var publishing = Task.Run(() =>
        {
            for (int i = 0; i < 100_000; i++) hub.Publish(Opened(i));
        });

        await publishing.WaitAsync(TimeSpan.FromSeconds(30)); // throws TimeoutException if Publish blocked
        Assert.Equal(100_000, hub.Published);
        Assert.True(stuck.Overflowed);
        Assert.Equal(8, Drain(stuck).Count);
    }

    [Fact]
    public void The_subscriber_cap_refuses_one_more_until_a_slot_is_freed()
    {
        using var hub = new NodeEventHub(new FakeTimeProvider(Epoch), maxSubscribers: 2, keepAliveInterval: TimeSpan.Zero);
        var a = hub.TrySubscribe();
        using var b = hub.TrySubscribe();

        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.Null(hub.TrySubscribe());
        a!.Dispose();
        a.Dispose(); // twice frees one slot only
        using var c = hub.TrySubscribe();
        Assert.NotNull(c);
        Assert.Null(hub.TrySubscribe());
        Assert.Equal(2, hub.SubscriberCount);
    }

    [Fact]
    public void Keep_alive_comments_go_to_every_subscriber_on_the_interval()
    {
        var time = new FakeTimeProvider(Epoch);
        using var hub = new NodeEventHub(time, keepAliveInterval: TimeSpan.FromSeconds(15));
        using var subscription = hub.TrySubscribe()!;

        time.Advance(TimeSpan.FromSeconds(14));
        Assert.Empty(Drain(subscription));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([": keep-alive\n\n"], Drain(subscription));
    }

    [Fact]
    public void Disposing_the_hub_ends_every_stream_and_refuses_new_subscribers()
    {
        var hub = new NodeEventHub(new FakeTimeProvider(Epoch), keepAliveInterval: TimeSpan.Zero);
        using var subscription = hub.TrySubscribe()!;
        hub.Publish(Opened(1));

        hub.Dispose();

        Assert.Single(Drain(subscription));
        Assert.True(subscription.Reader.Completion.IsCompleted);
        Assert.False(subscription.Overflowed);
        Assert.Null(hub.TrySubscribe());
    }

    [Fact]
    public void A_connection_closed_event_carries_reason_bytes_each_way_live_time_and_the_connection()
    {
        using var hub = new NodeEventHub(new FakeTimeProvider(Epoch), keepAliveInterval: TimeSpan.Zero);
        using var subscription = hub.TrySubscribe()!;
        var id = Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

        hub.Publish(new NodeEvent
        {
            Type = NodeEventType.ConnectionClosed,
            Timestamp = Epoch.AddMilliseconds(250),
            ConnectionId = id,
            Address = "127.0.0.1:18080",
            Incoming = false,
            PeerId = 0x0123456789abcdef,
            Reason = "remote_closed",
            Detail = "connection closed",
            RecvBytes = 1234,
            SendBytes = 567,
            LiveTimeSeconds = 12.3456,
        });

        var frame = Drain(subscription).Single();
        Assert.EndsWith("\n\n", frame, StringComparison.Ordinal);
        var e = DataOf(frame);
        Assert.Equal("connection_closed", e.GetProperty("type").GetString());
        Assert.Equal("2026-12-03T12:00:00.250Z", e.GetProperty("timestamp").GetString());
        Assert.Equal("0f1e2d3c4b5a69788796a5b4c3d2e1f0", e.GetProperty("connection_id").GetString());
        Assert.Equal("127.0.0.1:18080", e.GetProperty("address").GetString());
        Assert.False(e.GetProperty("incoming").GetBoolean());
        Assert.Equal("0123456789abcdef", e.GetProperty("peer_id").GetString());
        Assert.Equal("remote_closed", e.GetProperty("reason").GetString());
        Assert.Equal(1234, e.GetProperty("recv_bytes").GetInt64());
        Assert.Equal(567, e.GetProperty("send_bytes").GetInt64());
        Assert.Equal(12.346, e.GetProperty("live_time").GetDouble());
        Assert.False(e.TryGetProperty("host", out _));
    }
}
