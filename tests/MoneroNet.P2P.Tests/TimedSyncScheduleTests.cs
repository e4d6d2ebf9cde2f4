using Microsoft.Extensions.Time.Testing;
using MoneroNet.P2P.Maintenance;
using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// The timed-sync round spread over its interval: each connection once per interval, whatever the ticks do, the
/// connections spread evenly over the slots, and a new connection's first turn within one interval and one tick.
/// </summary>
public sealed class TimedSyncScheduleTests
{
    private const long Frequency = 1_000_000;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    [Fact]
    public void Every_connection_is_due_once_per_interval_even_when_ticks_come_late_or_are_skipped()
    {
        var random = new Random(7);
        var ids = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToArray();
        const long start = 123_456_789;
        var schedule = new TimedSyncSchedule(Interval, Tick, start, Frequency);
        var dueAt = ids.ToDictionary(id => id, _ => new List<long>());

        long now = start;
        long maxStep = 0;
        var end = start + 10 * 60 * Frequency;
        while (now < end)
        {
            // Mostly on time, sometimes a little late, now and then several ticks coalesced into one.
            var step = random.Next(10) switch
            {
                0 => random.NextInt64(2, 5) * Frequency,
                1 or 2 => Frequency + random.NextInt64(0, Frequency / 2),
                _ => Frequency,
            };
            maxStep = Math.Max(maxStep, step);
            now += step;
            var due = schedule.TakeDue(now);
            foreach (var id in ids)
            {
                if (due.Includes(schedule.SlotOf(id))) dueAt[id].Add(now);
            }
        }

        var interval = 60 * Frequency;
        foreach (var (_, times) in dueAt)
        {
            Assert.InRange(times.Count, 9, 10);
            Assert.InRange(times[0] - start, 1, interval + maxStep);
            foreach (var (earlier, later) in times.Zip(times.Skip(1)))
                Assert.InRange(later - earlier, interval - maxStep, interval + maxStep);
        }
    }

    [Fact]
    public void Ten_thousand_connections_spread_over_the_sixty_slots()
    {
        var schedule = new TimedSyncSchedule(Interval, Tick, 0, Frequency);
        Assert.Equal(60, schedule.Slots);
        var perSlot = new int[schedule.Slots];
        for (var i = 0; i < 10_000; i++) perSlot[schedule.SlotOf(Guid.NewGuid())]++;

        // 167 a slot on average; a binomial spread stays far below twice that (it was all 10,000 in one tick).
        Assert.All(perSlot, n => Assert.InRange(n, 1, 2 * 10_000 / 60));
    }

    [Fact]
    public void Each_tick_takes_the_slots_not_taken_before_and_nothing_is_due_twice()
    {
        var schedule = new TimedSyncSchedule(Interval, Tick, 0, Frequency);
        Assert.True(schedule.TakeDue(Frequency / 2).IsEmpty);
        var first = schedule.TakeDue(Frequency);
        Assert.True(schedule.TakeDue(Frequency).IsEmpty);
        var skipped = schedule.TakeDue(4 * Frequency);

        Assert.Equal([1], Enumerable.Range(0, 60).Where(first.Includes));
        Assert.Equal([2, 3, 4], Enumerable.Range(0, 60).Where(skipped.Includes));
        // A maintainer that stalled for over an interval owes everyone one timed sync (only one: at most one in flight).
        var stalled = schedule.TakeDue(100 * Frequency);
        Assert.Equal(60, Enumerable.Range(0, 60).Count(stalled.Includes));
        Assert.True(schedule.TakeDue(100 * Frequency).IsEmpty);
    }

    [Fact]
    public async Task A_node_sends_each_handshaked_peer_a_timed_sync_about_every_interval()
    {
        var interval = TimeSpan.FromMilliseconds(400);
        var time = new FakeTimeProvider();
        await using var node = await TestNode.StartOnFakeClockAsync(time, o => o with { Timings = o.Timings with { TimedSyncInterval = interval } });
        var tick = TestNode.FastTimings.MaintenanceInterval;
        var peers = new List<RawPeer>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var peer = await node.ConnectRawAsync();
                peers.Add(peer);
                peer.AnswerTimedSyncs = true;
                await peer.HandshakeAsync();
            }

            // The maintainer's ticks on the node's clock; after each, the answers to what it sent are awaited.
            var elapsed = TimeSpan.Zero;
            while (!peers.All(p => p.TimedSyncsAnswered >= 4))
            {
                Assert.True(elapsed < TimeSpan.FromSeconds(15), "four timed syncs answered by every peer");
                await node.TickAsync(time, tick);
                elapsed += tick;
                await Poll.UntilAsync(() => node.Node.Connections.All.All(s => !s.TimedSyncInFlight), "the timed syncs answered");
            }

            // Four rounds take at least three intervals after the first turn, and no peer is sent syncs faster.
            Assert.True(elapsed >= 3 * interval - TimeSpan.FromMilliseconds(100), $"{elapsed}");
            Assert.All(peers, p => Assert.InRange(p.TimedSyncsAnswered, 4, 4 + (int)(elapsed / interval) + 1));
            Assert.All(peers, p => Assert.False(p.IsClosed));
        }
        finally
        {
            foreach (var peer in peers) await peer.DisposeAsync();
        }
    }
}
