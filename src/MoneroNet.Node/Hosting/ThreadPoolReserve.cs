namespace MoneroNet.Node.Hosting;

/// <summary>
/// The thread pool's worker threads, all started before anything listens and kept for the life of the process, so
/// that the pool never has to create a thread while the node is out of descriptors. On Linux the .NET runtime starts
/// every managed thread suspended, and its PAL does that through a pipe: creating a thread needs two free descriptors.
/// With none free, <c>Thread.Start</c> throws <see cref="OutOfMemoryException"/>, and .NET 10's thread pool does not
/// catch it where it adds a worker (<c>PortableThreadPool.WorkerThread.MaybeAddWorkingWorker</c>, called from
/// <c>ThreadPoolWorkQueue.Dispatch</c>): the exception is unhandled, the runtime prints "Out of memory." and aborts.
/// That is how a flood of RPC connections that used up the open-file limit killed the node (issue 8; the evidence is
/// in docs/RELIABILITY.md). So the pool is fixed at <see cref="WorkersFor"/> workers (minimum = maximum), they are all
/// started here, and the runtimeconfig keeps every worker the pool created
/// (<c>System.Threading.ThreadPool.ThreadsToKeepAlive</c> = -1, set in MoneroNet.Node.csproj), so none retires and has
/// to be created again later.
/// </summary>
public static class ThreadPoolReserve
{
    /// <summary>How long the start waits for the workers to run at once; past it, the node starts with what it has.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>What <see cref="StartAndKeep"/> did.</summary>
    /// <param name="Workers">The fixed size asked for (the pool's minimum and maximum).</param>
    /// <param name="Fixed">Whether the pool took that size as its minimum and maximum.</param>
    /// <param name="Running">Worker threads the pool had once they had all been asked to run at once.</param>
    public readonly record struct Outcome(int Workers, bool Fixed, int Running);

    /// <summary>
    /// Worker threads for a machine: four a processor and at least 32, which leaves the node's asynchronous work
    /// room for short synchronous stretches (file writes, the ban-list reload); at most 256.
    /// </summary>
    public static int WorkersFor(int processorCount) => Math.Clamp(4 * processorCount, 32, 256);

    /// <summary>
    /// Fixes the pool at <paramref name="workers"/> threads and has every one of them started now: as many work items
    /// as workers, each waiting until all are running at once (bounded by <see cref="StartTimeout"/>).
    /// </summary>
    public static Outcome StartAndKeep(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ThreadPool.GetMinThreads(out _, out int ioMin);
        ThreadPool.GetMaxThreads(out _, out int ioMax);
        // The maximum first: a minimum above the current maximum is refused.
        bool isFixed = ThreadPool.SetMaxThreads(workers, ioMax) && ThreadPool.SetMinThreads(workers, ioMin);

        var gate = new StartGate(workers);
        for (int i = 0; i < workers; i++) ThreadPool.UnsafeQueueUserWorkItem(StartGate.Arrive, gate, preferLocal: false);
        gate.WaitUntilAllArrived();
        int running = ThreadPool.ThreadCount;
        gate.Release();
        return new Outcome(workers, isFixed, running);
    }

    /// <summary>Holds the start's work items until all of them run at once (each on its own worker), or time is up.</summary>
    private sealed class StartGate(int workers)
    {
        private readonly object _sync = new();
        private int _arrived;
        private bool _released;

        public static void Arrive(StartGate gate)
        {
            lock (gate._sync)
            {
                gate._arrived++;
                Monitor.PulseAll(gate._sync);
                gate.WaitWhile(() => !gate._released);
            }
        }

        public void WaitUntilAllArrived()
        {
            lock (_sync) WaitWhile(() => _arrived < workers);
        }

        public void Release()
        {
            lock (_sync)
            {
                _released = true;
                Monitor.PulseAll(_sync);
            }
        }

        // Called with _sync held.
        private void WaitWhile(Func<bool> condition)
        {
            long deadline = Environment.TickCount64 + (long)StartTimeout.TotalMilliseconds;
            while (condition())
            {
                long left = deadline - Environment.TickCount64;
                if (left <= 0) return;
                Monitor.Wait(_sync, TimeSpan.FromMilliseconds(left));
            }
        }
    }
}
