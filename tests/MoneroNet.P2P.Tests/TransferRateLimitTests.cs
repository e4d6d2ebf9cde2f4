using Microsoft.Extensions.Time.Testing;
using MoneroNet.P2P.Transport;

namespace MoneroNet.P2P.Tests;

/// <summary>The throttle's arithmetic on a fake clock: a burst of one second passes, beyond it every byte waits its turn.</summary>
public class TransferRateLimitTests
{
    [Fact]
    public void Traffic_under_the_burst_passes_and_beyond_it_waits_exactly_for_the_excess()
    {
        var time = new FakeTimeProvider();
        var limit = new TransferRateLimit(bytesPerSecond: 1000, time);

        Assert.Equal(TimeSpan.Zero, limit.Charge(1000)); // one second's worth: the burst
        var wait = limit.Charge(500);                     // half a second beyond it
        Assert.InRange(wait.TotalSeconds, 0.499, 0.501);
        wait = limit.Charge(1000);                        // the queue grows: 1.5 s now
        Assert.InRange(wait.TotalSeconds, 1.499, 1.501);
    }

    [Fact]
    public void Time_passing_drains_the_debt_but_idle_time_earns_no_more_than_the_burst()
    {
        var time = new FakeTimeProvider();
        var limit = new TransferRateLimit(bytesPerSecond: 1000, time);
        limit.Charge(3000);                               // 2 s of debt beyond the burst

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.InRange(limit.Charge(1000).TotalSeconds, 0.999, 1.001); // the debt drained: one second more, not three

        time.Advance(TimeSpan.FromMinutes(10));           // a long idle spell earns one burst, no more
        Assert.Equal(TimeSpan.Zero, limit.Charge(1000));
        Assert.InRange(limit.Charge(1000).TotalSeconds, 0.999, 1.001);
    }

    [Fact]
    public void Zero_is_unlimited_and_a_new_rate_applies_to_the_next_charge()
    {
        var time = new FakeTimeProvider();
        var limit = new TransferRateLimit(bytesPerSecond: 0, time);
        Assert.Equal(TimeSpan.Zero, limit.Charge(1_000_000_000));

        limit.BytesPerSecond = 100;
        Assert.Equal(TimeSpan.Zero, limit.Charge(100));
        Assert.InRange(limit.Charge(200).TotalSeconds, 1.999, 2.001);
    }

    [Fact]
    public void Concurrent_charges_lose_no_bytes()
    {
        var time = new FakeTimeProvider();
        var limit = new TransferRateLimit(bytesPerSecond: 1000, time);

        Parallel.For(0, 10_000, _ => limit.Charge(10));   // 100 000 bytes from many threads at one instant

        // Every byte was counted: the next byte waits for all of them less the one-second burst.
        Assert.InRange(limit.Charge(1).TotalSeconds, 98.9, 99.1);
    }

    [Fact]
    public void Node_wide_limits_are_in_kB_of_1024_bytes_per_second()
    {
        var limits = new P2PRateLimits(upKBps: 2, downKBps: 0, new FakeTimeProvider());
        Assert.Equal(2048, limits.Up.BytesPerSecond);
        Assert.Equal(0, limits.Down.BytesPerSecond);
        limits.DownKBps = 8192;
        Assert.Equal(8192L * 1024, limits.Down.BytesPerSecond);
        Assert.Equal(8192, limits.DownKBps);
    }
}
