using System.Diagnostics;
using System.Net;

namespace MoneroNet.LoadTest.Compare;

/// <summary>What <see cref="ConcurrentPollers"/> saw: answers completed within the window, errors, and the smallest answer.</summary>
public sealed record PollResult(int Completed, int Errors, TimeSpan Window, long SmallestAnswer, string FirstError)
{
    public double RequestsPerSecond => Completed / Math.Max(Window.TotalSeconds, 1e-3);
}

/// <summary>
/// C clients, each on its own kept-alive HTTP connection, calling get_connections back to back for a fixed window. An
/// answer counts when its last byte arrived within the window; calls still running at its end finish uncounted.
/// Answers are read but not parsed, so the load generator's share of the two cores stays small.
/// </summary>
public static class ConcurrentPollers
{
    public static async Task<PollResult> RunAsync(IPEndPoint rpc, int clients, TimeSpan window, CancellationToken ct)
    {
        int completed = 0, errors = 0;
        long smallest = long.MaxValue;
        string firstError = "";
        var gate = new Lock();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            using var client = new ConnectionsRpc(rpc, keepAlive: true);
            byte[] scratch = new byte[64 * 1024];
            while (clock.Elapsed < window)
            {
                try
                {
                    long size = await client.FetchConnectionsAsync(scratch, ct).ConfigureAwait(false);
                    if (clock.Elapsed > window) break;
                    lock (gate)
                    {
                        completed++;
                        smallest = Math.Min(smallest, size);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    lock (gate)
                    {
                        errors++;
                        if (firstError.Length == 0) firstError = $"{e.GetType().Name}: {e.Message}";
                    }
                }
            }
        })).ConfigureAwait(false);
        return new PollResult(completed, errors, window, smallest == long.MaxValue ? 0 : smallest, firstError);
    }
}
