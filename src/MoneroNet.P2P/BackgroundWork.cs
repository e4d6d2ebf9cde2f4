using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MoneroNet.P2P;

/// <summary>
/// Every task the node starts beside the caller (session read loops, dials, back-pings, probes, saves), tracked until
/// it ends so that <see cref="P2PNode.StopAsync"/> can await them; a failure is logged, never left unobserved. Work
/// always starts on the thread pool, never inline on the thread that asked for it (so a buffered handshake is not
/// processed on the accept loop, nor under a caller's lock).
/// </summary>
internal sealed class BackgroundWork(ILogger log)
{
    private readonly ConcurrentDictionary<long, Task> _running = new();
    private long _next;

    /// <summary>Tasks started and not yet ended.</summary>
    public int Count => _running.Count;

    /// <summary>Starts <paramref name="work"/> and tracks it; the returned task never faults.</summary>
    public Task Run(Func<Task> work, string name)
    {
        long id = Interlocked.Increment(ref _next);
        // Listed before it can run, so that a task that ends at once is never listed after its removal.
        var listed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = RunTrackedAsync(id, listed.Task, work, name);
        _running[id] = task;
        listed.SetResult();
        return task;
    }

    private async Task RunTrackedAsync(long id, Task listed, Func<Task> work, string name)
    {
        try
        {
            // Continues on the thread pool (RunContinuationsAsynchronously), off the caller's thread.
            await listed.ConfigureAwait(false);
            await work().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            P2PLog.BackgroundWorkFailed(log, name, ex);
        }
        finally
        {
            _running.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Waits until nothing is running (work started meanwhile included) or <paramref name="budget"/> has passed on
    /// <paramref name="time"/>; true when everything ended.
    /// </summary>
    public async Task<bool> DrainAsync(TimeSpan budget, TimeProvider time, CancellationToken cancellationToken)
    {
        long deadline = time.GetTimestamp() + (long)(budget.TotalSeconds * time.TimestampFrequency);
        while (!_running.IsEmpty)
        {
            var left = TimeSpan.FromSeconds((deadline - time.GetTimestamp()) / (double)time.TimestampFrequency);
            if (left <= TimeSpan.Zero) return false;
            try
            {
                await Task.WhenAll(_running.Values).WaitAsync(left, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
        return true;
    }
}
