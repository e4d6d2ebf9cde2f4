using Microsoft.Extensions.Time.Testing;
using MoneroNet.P2P.Listening;

namespace MoneroNet.P2P.Tests;

/// <summary>After failed accepts (EMFILE) the loop waits longer each time, up to 2 s, and logs one line per 10 s.</summary>
public class AcceptBackoffTests
{
    [Fact]
    public void The_delay_doubles_from_100_ms_up_to_2_s_and_starts_over_after_a_success()
    {
        var backoff = new AcceptBackoff(new FakeTimeProvider());
        var delays = Enumerable.Range(0, 8).Select(_ => backoff.OnFailure().Delay.TotalMilliseconds).ToArray();
        Assert.Equal([100, 200, 400, 800, 1600, 2000, 2000, 2000], delays);

        backoff.OnSuccess();
        Assert.Equal(0, backoff.Consecutive);
        Assert.Equal(100, backoff.OnFailure().Delay.TotalMilliseconds);
    }

    [Fact]
    public void The_first_failure_is_logged_then_one_line_per_interval_counting_the_ones_not_logged()
    {
        var time = new FakeTimeProvider();
        var backoff = new AcceptBackoff(time);

        Assert.Equal((true, 0), Logged(backoff.OnFailure()));
        int quiet = 0;
        // 9.9 s of failures every 100 ms: none of them logged.
        for (int i = 0; i < 99; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            if (!backoff.OnFailure().Log) quiet++;
        }
        Assert.Equal(99, quiet);
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal((true, 99), Logged(backoff.OnFailure()));

        // A success in between does not reset the interval: a new burst right after is still quiet.
        backoff.OnSuccess();
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(backoff.OnFailure().Log);
        time.Advance(AcceptBackoff.LogInterval);
        Assert.Equal((true, 1), Logged(backoff.OnFailure()));
    }

    [Fact]
    public void A_spinning_failure_costs_at_most_a_few_dozen_attempts_and_six_lines_a_minute()
    {
        var time = new FakeTimeProvider();
        var backoff = new AcceptBackoff(time);
        int attempts = 0, lines = 0;
        var elapsed = TimeSpan.Zero;
        while (elapsed < TimeSpan.FromMinutes(1))
        {
            var (delay, log, _) = backoff.OnFailure();
            attempts++;
            if (log) lines++;
            time.Advance(delay);
            elapsed += delay;
        }
        Assert.InRange(attempts, 25, 40);
        Assert.InRange(lines, 6, 7);
    }

    private static (bool, int) Logged((TimeSpan Delay, bool Log, int Unlogged) r) => (r.Log, r.Unlogged);
}
