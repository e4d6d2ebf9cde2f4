using System.Diagnostics;
using System.Globalization;

namespace MoneroNet.Benchmarks.Metrics;

/// <summary>
/// <c>scrape-cost [rounds]</c>: the <see cref="ScrapeBenchmarks"/> operations measured interleaved, one of each per
/// round, so that a machine whose load drifts (other builds, fuzzers) weighs on every operation alike; prints the
/// median and 90th percentile of each and the bytes it allocated (the calling thread's for in-process operations,
/// the whole process's for HTTP ones, client and server together).
/// </summary>
internal static class ScrapeCostRun
{
    public static async Task RunAsync(int rounds)
    {
        var bench = new ScrapeBenchmarks { Connections = 10_000 };
        await bench.Setup();
        try
        {
            (string Name, Func<Task> Run, bool Http)[] operations =
            [
                ("get_info, in process", () => bench.GetInfo_InProcess(), false),
                ("/metrics prometheus-net, in process", () => bench.Metrics_PrometheusNet_InProcess(), false),
                ("  of which the P2P families alone", () => bench.NodeFamiliesOnly_InProcess(), false),
                ("  of which the RPC families (prometheus-net, 3 methods)", () => bench.RpcFamiliesOnly_InProcess(), false),
                ("  of which GetConnectionCounts", () => bench.ConnectionCountsOnly(), false),
                ("  of which GetNodeInfo", () => bench.NodeInfoOnly(), false),
                ("get_info over HTTP", () => bench.GetInfo_Http(), true),
                ("/metrics prometheus-net over HTTP", () => bench.Metrics_PrometheusNet_Http(), true),
                ("/metrics OpenTelemetry over HTTP", () => bench.Metrics_OpenTelemetry_Http(), true),
            ];
            var times = operations.Select(_ => new List<double>(rounds)).ToArray();
            var bytes = operations.Select(_ => new List<long>(rounds)).ToArray();
            for (var warm = 0; warm < 50; warm++)
            {
                foreach (var op in operations) await op.Run();
            }

            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < operations.Length; i++)
                {
                    var http = operations[i].Http;
                    var before = http ? GC.GetTotalAllocatedBytes(precise: true) : GC.GetAllocatedBytesForCurrentThread();
                    var start = Stopwatch.GetTimestamp();
                    await operations[i].Run();
                    times[i].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                    var after = http ? GC.GetTotalAllocatedBytes(precise: true) : GC.GetAllocatedBytesForCurrentThread();
                    bytes[i].Add(after - before);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rounds} rounds, 10,000 peers"));
            Console.WriteLine("| operation | median µs | p90 µs | allocated, median |");
            Console.WriteLine("|---|---:|---:|---:|");
            for (var i = 0; i < operations.Length; i++)
            {
                times[i].Sort();
                bytes[i].Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {operations[i].Name} | {times[i][rounds / 2]:0} | {times[i][rounds * 9 / 10]:0} | {bytes[i][rounds / 2] / 1024.0:0.0} KB |"));
            }
        }
        finally
        {
            await bench.Cleanup();
            bench.Dispose();
        }
    }
}
