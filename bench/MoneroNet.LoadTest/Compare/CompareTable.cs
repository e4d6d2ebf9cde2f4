using System.Globalization;

namespace MoneroNet.LoadTest.Compare;

/// <summary>
/// The side-by-side table: each figure for monerod and for MoneroNet (one value, or the range over the rounds), and
/// MoneroNet ÷ monerod taken within each round (the two ran back to back there), as a range; then one line of
/// behaviour per measurement.
/// </summary>
public static class CompareTable
{
    private sealed record Figure(string Name, string Unit, string Better, Func<NodeFigures, double> Value, string Format);

    public static IEnumerable<string> Render(CompareReport report)
    {
        var o = report.Options;
        var measured = report.Measurements.Where(m => m.SequentialCalls > 0).ToList();
        long answer = measured.Select(m => m.ResponseBytes).DefaultIfEmpty(0).Max();
        Figure[] figures =
        [
            new($"get_connections p50 ({o.SequentialCalls} sequential calls, {answer / 1024.0:0} KiB answer)", "ms", "lower",
                m => m.GetConnectionsP50.TotalMilliseconds, "0.0"),
            new($"get_connections req/s, {o.Clients} kept-alive clients for {o.ClientDuration.TotalSeconds:0} s", "req/s", "higher",
                m => m.Concurrent?.RequestsPerSecond ?? 0, "0.0"),
            new("RSS per connection (at rest over no peers)", "KiB", "lower", m => m.RssPerConnectionKiB, "0.0"),
            new("RSS of an idle node with no peers", "MiB", "lower", m => m.IdleRssKiB / 1024.0, "0.0"),
            new($"handshakes/s, {o.InFlight} in flight", "/s", "higher", m => m.HandshakesPerSecond, "0"),
            new($"idle CPU, {o.Rest.TotalSeconds:0} s window ({TimedSyncs(measured)} timed syncs answered)", "% of a core", "lower",
                m => m.IdleCpuPercent, "0.00"),
        ];
        yield return "";
        yield return $"| at {o.Peers:N0} peers | monerod | MoneroNet | MoneroNet ÷ monerod (per round) | better |";
        yield return "| --- | ---: | ---: | ---: | --- |";
        foreach (var f in figures)
        {
            string Of(NodeKind kind) => Range(measured.Where(m => m.Kind == kind).Select(f.Value).ToList(), f.Format, f.Unit);
            var ratios = new List<double>();
            for (int round = 1; round <= o.Rounds; round++)
            {
                var d = measured.FirstOrDefault(m => m.Round == round && m.Kind == NodeKind.Monerod);
                var n = measured.FirstOrDefault(m => m.Round == round && m.Kind == NodeKind.MoneroNet);
                if (d is not null && n is not null && f.Value(d) > 0) ratios.Add(f.Value(n) / f.Value(d));
            }
            yield return $"| {f.Name} | {Of(NodeKind.Monerod)} | {Of(NodeKind.MoneroNet)} | {Range(ratios, "0.00", "×")} | {f.Better} |";
        }
        yield return $"| none listed after all {o.Peers:N0} peers closed | {Drain(measured, NodeKind.Monerod)} | {Drain(measured, NodeKind.MoneroNet)} | | lower |";
        yield return "";
        foreach (var m in report.Measurements)
        {
            yield return $"round {m.Round} {m.Kind.Label()}: handshaken {m.Handshaken}/{m.Peers}, handshake p50/p99 " +
                $"{m.HandshakeP50.TotalMilliseconds:0}/{m.HandshakeP99.TotalMilliseconds:0} ms, RSS at rest {m.RestRssKiB / 1024.0:0.0} MiB, " +
                $"threads {m.Threads}, get_connections max {m.GetConnectionsMax.TotalMilliseconds:0} ms, concurrent answers " +
                $"{m.Concurrent?.Completed ?? 0} ({m.Concurrent?.Errors ?? 0} errors), counters compared {m.CountersCompared} " +
                $"({m.CounterMismatches} differed), timed syncs {m.TimedSyncsInWindow}, closed by the node {m.ClosedByNode}, " +
                $"listed after close {m.ListedAfterClose}: {(m.Passed ? "behaved" : "PROBLEMS: " + string.Join("; ", m.Problems))}";
        }
    }

    /// <summary>The drain time, or "&gt; bound (n still listed)" for a round in which some stayed listed.</summary>
    private static string Drain(List<NodeFigures> measured, NodeKind kind) =>
        string.Join(", ", measured.Where(m => m.Kind == kind).Select(m => m.ListedAfterClose == 0
            ? $"{m.DrainTime.TotalSeconds:0.0} s"
            : $"> {m.DrainTime.TotalSeconds:0} s ({m.ListedAfterClose:N0} still listed)"));

    private static string TimedSyncs(List<NodeFigures> measured) =>
        measured.Count == 0 ? "0" : Range(measured.Select(m => (double)m.TimedSyncsInWindow).ToList(), "0", "");

    private static string Range(List<double> values, string format, string unit)
    {
        if (values.Count == 0) return "—";
        string min = values.Min().ToString(format, CultureInfo.InvariantCulture), max = values.Max().ToString(format, CultureInfo.InvariantCulture);
        string suffix = unit.Length == 0 ? "" : unit == "×" ? "×" : " " + unit;
        return (min == max ? min : $"{min}–{max}") + suffix;
    }
}
