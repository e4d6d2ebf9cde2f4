using System.Buffers;
using System.Runtime;

namespace MoneroNet.Rpc.Metrics;

/// <summary>
/// The .NET runtime's own counters, read from the runtime's APIs when a scrape comes and written as Prometheus text
/// (<see cref="PrometheusTextWriter"/>), under the names OpenTelemetry's Prometheus export gives the runtime's built-in
/// "System.Runtime" meter (<c>dotnet_gc_*</c>, <c>dotnet_thread_pool_*</c> …), and two standard Prometheus process
/// metrics (<c>process_cpu_seconds_total</c>, <c>process_start_time_seconds</c>; resident memory is left to
/// node_exporter: Environment.WorkingSet costs 45 µs and a Process object). Like the node's families
/// (<see cref="NodeMetrics"/>), these values are counted by someone else, here the runtime, so they are printed from one
/// read each rather than copied into library instruments first (docs/BENCHMARKS.md "/metrics": 14 families through
/// prometheus-net were a fifth of a scrape). prometheus-net's own DotNetStats and MeterAdapter were measured and left
/// out too: DotNetStats refreshes the whole Process object at each scrape, listing every thread and every open
/// descriptor (10,000 entries of /proc/self/fd at 10,000 peers), and MeterAdapter allocates for every measurement.
/// </summary>
internal sealed class RuntimeMetrics
{
    private readonly double _startTimeSeconds;
    private readonly Family _startTime = new("process_start_time_seconds", "gauge", "Start time of the process since the unix epoch, seconds");
    private readonly Family _cpu = new("process_cpu_seconds_total", "counter", "User and system CPU time the process used, seconds");
    private readonly byte[] _collectionsFamily = PrometheusTextWriter.Family("dotnet_gc_collections_total", "counter", "Garbage collections since start, by generation");
    private readonly byte[][] _collections;
    private readonly Family _allocated = new("dotnet_gc_heap_total_allocated_bytes_total", "counter", "Bytes allocated on the managed heap since start");
    private readonly Family _heapSize = new("dotnet_gc_last_collection_heap_size_bytes", "gauge", "Managed heap size after the last garbage collection");
    private readonly Family _committed = new("dotnet_gc_last_collection_memory_committed_size_bytes", "gauge", "Memory committed by the GC after the last collection");
    private readonly Family _pause = new("dotnet_gc_pause_time_seconds_total", "counter", "Time the GC paused the process since start");
    private readonly Family _threads = new("dotnet_thread_pool_thread_count", "gauge", "Thread-pool threads now");
    private readonly Family _queued = new("dotnet_thread_pool_queue_length", "gauge", "Work items queued to the thread pool, not yet started");
    private readonly Family _completed = new("dotnet_thread_pool_work_item_count_total", "counter", "Work items the thread pool has completed since start");
    private readonly Family _contentions = new("dotnet_monitor_lock_contentions_total", "counter", "Times a thread waited for a lock held by another since start");
    private readonly Family _timers = new("dotnet_timer_count", "gauge", "Active timers");
    private readonly Family _jitted = new("dotnet_jit_compiled_methods_total", "counter", "Methods JIT-compiled since start");
    private readonly Family _gcServer = new("dotnet_gc_server", "gauge", "1 when the server GC runs, 0 for the workstation GC");

    public RuntimeMetrics()
    {
        using (var process = System.Diagnostics.Process.GetCurrentProcess())
        {
            _startTimeSeconds = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
        }

        _collections = new byte[GC.MaxGeneration + 1][];
        for (var g = 0; g < _collections.Length; g++)
        {
            _collections[g] = PrometheusTextWriter.Series("dotnet_gc_collections_total", ("gc_heap_generation", $"gen{g}"));
        }
    }

    /// <summary>Reads the runtime now (one call or one getrusage a value) and writes every family.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        _startTime.Write(output, _startTimeSeconds);
        _cpu.Write(output, Environment.CpuUsage.TotalTime.TotalSeconds);
        output.Write(_collectionsFamily);
        for (var g = 0; g < _collections.Length; g++)
        {
            PrometheusTextWriter.Sample(output, _collections[g], (long)GC.CollectionCount(g));
        }

        _allocated.Write(output, GC.GetTotalAllocatedBytes());
        var info = GC.GetGCMemoryInfo();
        _heapSize.Write(output, info.HeapSizeBytes);
        _committed.Write(output, info.TotalCommittedBytes);
        _pause.Write(output, GC.GetTotalPauseDuration().TotalSeconds);
        _threads.Write(output, ThreadPool.ThreadCount);
        _queued.Write(output, ThreadPool.PendingWorkItemCount);
        _completed.Write(output, ThreadPool.CompletedWorkItemCount);
        _contentions.Write(output, Monitor.LockContentionCount);
        _timers.Write(output, Timer.ActiveCount);
        _jitted.Write(output, System.Runtime.JitInfo.GetCompiledMethodCount());
        _gcServer.Write(output, GCSettings.IsServerGC ? 1 : 0);
    }

    /// <summary>A family of one series without labels: its header and its series, encoded once.</summary>
    private sealed class Family(string name, string type, string help)
    {
        private readonly byte[] _header = PrometheusTextWriter.Family(name, type, help);
        private readonly byte[] _series = PrometheusTextWriter.Series(name);

        public void Write(IBufferWriter<byte> output, long value)
        {
            output.Write(_header);
            PrometheusTextWriter.Sample(output, _series, value);
        }

        public void Write(IBufferWriter<byte> output, double value)
        {
            output.Write(_header);
            PrometheusTextWriter.Sample(output, _series, value);
        }
    }
}
