using System.Runtime;
using Prometheus;

namespace MoneroNet.Rpc.Metrics;

/// <summary>
/// The .NET runtime's own counters, read from the runtime's APIs when a scrape collects, under the names OpenTelemetry's
/// Prometheus export gives the runtime's built-in "System.Runtime" meter (<c>dotnet_gc_*</c>, <c>dotnet_thread_pool_*</c>
/// …), and two standard Prometheus process metrics (<c>process_cpu_seconds_total</c>, <c>process_start_time_seconds</c>;
/// resident memory is left to node_exporter: Environment.WorkingSet costs 45 µs and a Process object). Two library options were measured and left out (docs/BENCHMARKS.md "/metrics"):
/// prometheus-net's MeterAdapter allocates for every measurement it converts, and its DotNetStats refreshes the whole
/// Process object on each scrape, listing every thread and every open descriptor, which at 10,000 peers is 10,000
/// entries of /proc/self/fd per scrape. Each number here is one runtime call or one getrusage.
/// </summary>
internal static class RuntimeMetrics
{
    public static void Register(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var startTime = factory.CreateGauge("process_start_time_seconds", "Start time of the process since the unix epoch, seconds");
        using (var process = System.Diagnostics.Process.GetCurrentProcess())
        {
            startTime.Set(new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
        }

        var cpu = factory.CreateCounter("process_cpu_seconds_total", "User and system CPU time the process used, seconds");

        var collections = factory.CreateCounter("dotnet_gc_collections_total", "Garbage collections since start, by generation", "gc_heap_generation");
        var generations = Enumerable.Range(0, GC.MaxGeneration + 1).Select(g => collections.WithLabels($"gen{g}")).ToArray();
        var allocated = factory.CreateCounter("dotnet_gc_heap_total_allocated_bytes_total", "Bytes allocated on the managed heap since start");
        var heapSize = factory.CreateGauge("dotnet_gc_last_collection_heap_size_bytes", "Managed heap size after the last garbage collection");
        var committed = factory.CreateGauge("dotnet_gc_last_collection_memory_committed_size_bytes", "Memory committed by the GC after the last collection");
        var pause = factory.CreateCounter("dotnet_gc_pause_time_seconds_total", "Time the GC paused the process since start");
        var threads = factory.CreateGauge("dotnet_thread_pool_thread_count", "Thread-pool threads now");
        var queued = factory.CreateGauge("dotnet_thread_pool_queue_length", "Work items queued to the thread pool, not yet started");
        var completed = factory.CreateCounter("dotnet_thread_pool_work_item_count_total", "Work items the thread pool has completed since start");
        var contentions = factory.CreateCounter("dotnet_monitor_lock_contentions_total", "Times a thread waited for a lock held by another since start");
        var timers = factory.CreateGauge("dotnet_timer_count", "Active timers");
        var jitted = factory.CreateCounter("dotnet_jit_compiled_methods_total", "Methods JIT-compiled since start");
        var gcMode = factory.CreateGauge("dotnet_gc_server", "1 when the server GC runs, 0 for the workstation GC");

        registry.AddBeforeCollectCallback(() =>
        {
            cpu.IncTo(Environment.CpuUsage.TotalTime.TotalSeconds);
            for (var g = 0; g < generations.Length; g++)
            {
                generations[g].IncTo(GC.CollectionCount(g));
            }

            allocated.IncTo(GC.GetTotalAllocatedBytes());
            var info = GC.GetGCMemoryInfo();
            heapSize.Set(info.HeapSizeBytes);
            committed.Set(info.TotalCommittedBytes);
            pause.IncTo(GC.GetTotalPauseDuration().TotalSeconds);
            threads.Set(ThreadPool.ThreadCount);
            queued.Set(ThreadPool.PendingWorkItemCount);
            completed.IncTo(ThreadPool.CompletedWorkItemCount);
            contentions.IncTo(Monitor.LockContentionCount);
            timers.Set(Timer.ActiveCount);
            jitted.IncTo(System.Runtime.JitInfo.GetCompiledMethodCount());
            gcMode.Set(GCSettings.IsServerGC ? 1 : 0);
        });
    }
}
