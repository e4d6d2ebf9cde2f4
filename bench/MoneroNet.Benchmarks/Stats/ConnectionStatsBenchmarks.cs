using BenchmarkDotNet.Attributes;
using MoneroNet.P2P.Stats;

namespace MoneroNet.Benchmarks.Stats;

/// <summary>
/// The per-read bookkeeping every completed socket read pays: <see cref="ConnectionStats.OnReceived"/> (lock,
/// throttle window, interlocked counters) and the throttle window on its own. Time advances by a quarter second per
/// call so slots rotate as they do on a live connection.
/// </summary>
[MemoryDiagnoser]
public class ConnectionStatsBenchmarks
{
    private const int ReadBytes = 4096;
    private const double SecondsPerRead = 0.25;

    private ConnectionStats _stats = null!;
    private NetworkThrottle _throttle = null!;
    private double _now;

    [GlobalSetup]
    public void Setup()
    {
        _stats = new ConnectionStats(startedUnixSeconds: 1_700_000_000);
        _throttle = new NetworkThrottle();
        _now = 0;
    }

    [Benchmark]
    public void ConnectionStats_OnReceived()
    {
        _now += SecondsPerRead;
        _stats.OnReceived(ReadBytes, 1_700_000_000 + (long)_now, _now);
    }

    [Benchmark]
    public double NetworkThrottle_Record()
    {
        _now += SecondsPerRead;
        return _throttle.Record(ReadBytes, _now);
    }
}
