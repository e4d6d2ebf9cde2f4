using CsCheck;
using MoneroNet.P2P.Stats;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// NetworkThrottle against monerod's network_throttle (contrib/epee/src/network_throttle-detail.cpp): ten one-second
/// slots, newest first; each transfer first rotates in an empty slot per whole second boundary crossed (the first
/// transfer rotates one), adds its bytes to the newest slot; speed = sum of the nine newest / 9.
/// </summary>
public class NetworkThrottleTests
{
    [Fact]
    public void First_transfer_counts_over_nine_seconds()
    {
        var t = new NetworkThrottle();
        Assert.Equal(900 / 9.0, t.Record(900, 100.25));
        Assert.Equal(900 / 9.0, t.CurrentSpeed());
    }

    [Fact]
    public void Transfers_in_one_second_add_up_in_one_slot()
    {
        var t = new NetworkThrottle();
        t.Record(100, 5.0);
        t.Record(200, 5.5);
        Assert.Equal(600 / 9.0, t.Record(300, 5.999));
    }

    [Fact]
    public void Slots_follow_whole_seconds_not_elapsed_time()
    {
        // 0.2 s apart but across a second boundary: a new slot; 0.8 s apart inside one second: the same slot.
        var across = new NetworkThrottle();
        across.Record(90, 10.9);
        across.Record(90, 11.1);
        var inside = new NetworkThrottle();
        inside.Record(90, 10.1);
        inside.Record(90, 10.9);
        // Both sums are within the nine newest slots, so the speeds agree; the slot layout shows after 8 more seconds.
        Assert.Equal(20.0, across.CurrentSpeed());
        Assert.Equal(20.0, inside.CurrentSpeed());
        Assert.Equal(10.0, across.Record(0, 19.1)); // the 10.9 slot is now the oldest (tenth) and left out
        Assert.Equal(0.0, inside.Record(0, 19.1));  // 10.x is the tenth slot: both transfers left out
    }

    [Fact]
    public void A_transfer_stays_in_the_window_for_nine_seconds()
    {
        var t = new NetworkThrottle();
        t.Record(900, 0.5);
        Assert.Equal(100.0, t.Record(0, 8.5)); // eight slots newer: ninth newest, still counted
        Assert.Equal(0.0, t.Record(0, 9.5));   // nine slots newer: tenth, left out
    }

    [Fact]
    public void A_long_gap_empties_the_window()
    {
        var t = new NetworkThrottle();
        for (int s = 0; s < 9; s++) t.Record(1000, s + 0.5);
        Assert.Equal(1000.0, t.CurrentSpeed());
        Assert.Equal(10 / 9.0, t.Record(10, 1_000_000.5));
    }

    [Fact]
    public void Speed_is_only_recomputed_on_traffic()
    {
        var t = new NetworkThrottle();
        t.Record(1800, 3.2);
        // No time passes for the throttle without a transfer: the value stays, however long the silence.
        Assert.Equal(200.0, t.CurrentSpeed());
        Assert.Equal(200.0, t.CurrentSpeed());
    }

    [Fact]
    public void Sum_wraps_at_32_bits_as_monerods_unsigned_int()
    {
        var t = new NetworkThrottle();
        long bytes = 5_000_000_000;
        Assert.Equal((uint)bytes / 9.0, t.Record(bytes, 1.0));
    }

    [Fact]
    public void Matches_a_literal_model_of_monerod_for_random_traffic()
    {
        var traffic = Gen.Select(Gen.Int[0, 70_000], Gen.Double[0.0, 3.5]).Array[1, 60];
        traffic.Sample(steps =>
        {
            var subject = new NetworkThrottle();
            var model = new MonerodThrottleModel();
            double now = 1000.0;
            foreach (var (bytes, gap) in steps)
            {
                now += gap;
                // monerod reads a millisecond clock.
                double ms = Math.Floor(now * 1000) / 1000;
                double expected = model.Record(bytes, ms);
                double actual = subject.Record(bytes, ms);
                if (expected != actual) return false;
            }
            return true;
        });
    }

    /// <summary>
    /// A step-by-step model of monerod's tick()/get_current_speed(): a history list with push-front, a
    /// last-sample time advanced one second per rotation while its slot lies before the current slot.
    /// </summary>
    private sealed class MonerodThrottleModel
    {
        private readonly LinkedList<long> _history = new(Enumerable.Repeat(0L, 10));
        private bool _any;
        private double _last;

        public double Record(long bytes, double now)
        {
            double slotNow = Math.Floor(now);
            double slotLast = Math.Floor(_last);
            while (!_any || slotLast < slotNow)
            {
                _history.AddFirst(0);
                _history.RemoveLast();
                if (!_any) _last = now;
                _last += 1;
                slotLast = Math.Floor(_last);
                _any = true;
            }
            _last = now;
            _history.First!.Value += bytes;

            uint sum = 0;
            foreach (long v in _history.Take(_history.Count - 1)) sum += (uint)v;
            return sum / 9.0;
        }
    }
}
