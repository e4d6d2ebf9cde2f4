namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>Polls a sample until it satisfies a condition, within a hard deadline.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Returns the first sample for which <paramref name="done"/> holds; throws a <see cref="TimeoutException"/> that
    /// shows the last sample (or the last sampling error) when <paramref name="within"/> passes first.
    /// </summary>
    public static async Task<T> MatchAsync<T>(Func<CancellationToken, Task<T>> sample, Func<T, bool> done, TimeSpan within,
        string what, CancellationToken ct, TimeSpan? interval = null, Func<T, string>? describe = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(within);
        string last = "no sample taken";
        while (true)
        {
            try
            {
                T value = await sample(deadline.Token);
                if (done(value)) return value;
                last = describe?.Invoke(value) ?? value?.ToString() ?? "null";
                await Task.Delay(interval ?? DefaultInterval, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new TimeoutException($"not within {within.TotalSeconds:0.#} s: {what}\nlast sample: {last}");
            }
            catch (Exception e) when (e is HttpRequestException or MonerodRpcException or TaskCanceledException
                                      && !deadline.IsCancellationRequested)
            {
                // The daemon did not answer this time (not started listening yet, busy, or a per-request timeout):
                // remember why and sample again; the deadline still bounds the whole wait.
                last = $"{e.GetType().Name}: {e.Message}";
                await Task.Delay(interval ?? DefaultInterval, CancellationToken.None);
            }
        }
    }
}
