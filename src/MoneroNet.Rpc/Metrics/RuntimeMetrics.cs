using System.Runtime;
using Prometheus;

namespace MoneroNet.Rpc.Metrics;

/// <summary>
/// The .NET runtime's own counters, read from the runtime's APIs when a scrape collects, under the names OpenTelemetry's
/// Prometheus export gives the runtime's built-in "System.Runtime" meter (<c>dotnet_gc_*</c>, <c>dotnet_thread_pool_*</c>
/// …), beside prometheus-net's standard process metrics (<c>process_cpu_seconds_total</c>, <c>process_start_time_seconds</c>,
/// <c>dotnet_collection_count_total</c> …, <see cref="DotNetStats"/>). prometheus-net's MeterAdapter would publish the
/// meter itself, but it allocates for every measurement it converts; reading the same numbers directly costs nothing.
/// </summary>
internal static class RuntimeMetrics
{
    public static void Register(CollectorRegistry registry)
    {
        DotNetStats.Register(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
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
