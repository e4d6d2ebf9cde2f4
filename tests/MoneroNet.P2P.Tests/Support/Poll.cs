using System.Diagnostics;

namespace MoneroNet.P2P.Tests.Support;

/// <summary>Waits for a condition by polling, with a bound, instead of sleeping a fixed time.</summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <param name="state">Describes what was seen instead, for the failure message.</param>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? state = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > limit)
                Assert.Fail($"timed out after {limit.TotalSeconds} s waiting for: {what}" + (state is null ? "" : $" (seen: {state()})"));
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until <paramref name="read"/> returns the same value for <paramref name="quiet"/> in a row.</summary>
    public static async Task<T> StableAsync<T>(Func<T> read, TimeSpan quiet, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        T last = read();
        var since = Stopwatch.StartNew();
        while (since.Elapsed < quiet)
        {
            if (watch.Elapsed > limit) Assert.Fail($"value never settled within {limit.TotalSeconds} s (last {last})");
            await Task.Delay(10);
            T now = read();
            if (!EqualityComparer<T>.Default.Equals(now, last)) { last = now; since.Restart(); }
        }
        return last;
    }
}
