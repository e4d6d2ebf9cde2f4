using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MoneroNet.LoadTest.Compare;

/// <summary>Every measurement of a side-by-side run; <see cref="Passed"/> when none found broken behaviour.</summary>
public sealed record CompareReport(CompareOptions Options, IReadOnlyList<NodeFigures> Measurements)
{
    public bool Passed => Measurements.Count > 0 && Measurements.All(m => m.Passed);
}

/// <summary>
/// The side-by-side run: for each round a fresh node of each kind, one after the other with the same load
/// (<see cref="NodeMeasurement"/>), the order alternating between rounds so neither node always runs first on a
/// machine whose load drifts; then the table of both (<see cref="CompareTable"/>).
/// </summary>
public sealed class CompareRun(CompareOptions options, ICompareNodes nodes, Action<string> output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task<CompareReport> RunAsync(CancellationToken ct)
    {
        Say($"machine: {Environment.ProcessorCount} cores, {CpuModel()}, {RuntimeInformation.FrameworkDescription}, " +
            $"{RuntimeInformation.OSDescription}; load average {LoadAverage()}");
        Say($"{options.Peers} peers, {options.Rounds} round(s), idle window {options.Rest.TotalSeconds:0} s, " +
            $"{options.SequentialCalls} sequential calls, {options.Clients} clients for {options.ClientDuration.TotalSeconds:0} s, " +
            $"{options.InFlight} handshakes in flight");
        var measurement = new NodeMeasurement(options, Say);
        var results = new List<NodeFigures>();
        for (int round = 1; round <= options.Rounds; round++)
        {
            foreach (var kind in options.OrderOf(round))
            {
                Say($"round {round} {kind.Label()}: starting a fresh node (load average {LoadAverage()})");
                try
                {
                    await using var node = await nodes.StartAsync(kind, options.Peers, ct).ConfigureAwait(false);
                    results.Add(await measurement.RunAsync(node, kind, round, ct).ConfigureAwait(false));
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    Say($"round {round} {kind.Label()}: PROBLEM: the measurement failed: {e}");
                    results.Add(new NodeFigures { Kind = kind, Round = round, Peers = options.Peers, Problems = [$"the measurement failed: {e.Message}"] });
                }
            }
        }
        var report = new CompareReport(options, results);
        Say($"done (load average {LoadAverage()})");
        foreach (string line in CompareTable.Render(report)) output(line);
        Say(report.Passed ? "PASSED" : "FAILED: " + string.Join("; ", results.SelectMany(r => r.Problems.Select(p => $"round {r.Round} {r.Kind.Label()}: {p}"))));
        return report;
    }

    /// <summary>/proc/loadavg's 1, 5 and 15 minute figures: the machine is shared, so every figure carries it.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        ?? "unknown CPU";

    private void Say(string line) => output($"[{_clock.Elapsed.TotalSeconds,7:0.0}s] {line}");
}
