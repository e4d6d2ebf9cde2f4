using MoneroNet.P2P.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MoneroNet.P2P.Tests;

/// <summary>The node's tracked background work: never inline on the caller, failures logged, drained at stop.</summary>
public class BackgroundWorkTests
{
    [Fact]
    public async Task Work_runs_off_the_callers_thread_and_is_awaited_by_the_drain()
    {
        var log = new CapturedLog();
        var work = new BackgroundWork(log.CreateLogger("test"));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int caller = Environment.CurrentManagedThreadId;
        // Inline would mean: on the caller's thread while Run has not yet returned. Once the caller awaits, its pool
        // thread is free and may rightly pick the queued work up, so the thread id alone proves nothing.
        int insideRun = 1;
        bool ranInline = true;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = work.Run(async () =>
        {
            ranInline = Volatile.Read(ref insideRun) == 1 && Environment.CurrentManagedThreadId == caller;
            started.SetResult();
            await gate.Task;
        }, "waits");
        Volatile.Write(ref insideRun, 0);
        _ = work.Run(() => throw new InvalidOperationException("boom"), "fails");

        var drain = work.DrainAsync(TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);
        await Poll.UntilAsync(() => work.Count == 1, "the failing work ended");
        Assert.False(drain.IsCompleted);
        gate.SetResult();
        Assert.True(await drain);
        Assert.Equal(0, work.Count);
        await started.Task;
        Assert.False(ranInline);
        Assert.Single(log.Entries, e => e.EventId == 3016);
    }

    [Fact]
    public async Task The_drain_gives_up_when_its_budget_passes_on_the_given_clock()
    {
        var time = new FakeTimeProvider();
        var work = new BackgroundWork(new CapturedLog().CreateLogger("test"));
        var never = new TaskCompletionSource();
        _ = work.Run(() => never.Task, "never ends");
        var drain = work.DrainAsync(TimeSpan.FromSeconds(5), time, CancellationToken.None);
        Assert.False(drain.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(await drain);
        never.SetResult();
    }
}
