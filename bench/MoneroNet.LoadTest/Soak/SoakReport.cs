using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MoneroNet.LoadTest.Soak;

/// <summary>What a soak measured and found; <see cref="Summary"/> is the markdown written beside the CSV.</summary>
public sealed record SoakReport(SoakOptions Options, int Pid, ProcessSample Idle, IReadOnlyList<SoakSample> Samples,
    DrainResult AfterWarmUp, DrainResult AtEnd, IReadOnlyList<MetricVerdict> Windows, IReadOnlyList<DrainVerdict> Drains,
    (WindowStats B, WindowStats C) Cpu, SoakCounters Counters, bool NodeAlive, TimeSpan Elapsed)
{
    /// <summary>No growth after the warm-up: every window and drain check within its bound.</summary>
    public bool Flat => Windows.All(w => w.Flat) && Drains.All(d => d.Flat);

    /// <summary>Flat, the node still running, and no anomaly.</summary>
    public bool Passed => Flat && NodeAlive && Counters.AnomalyCount == 0;

    public string Verdict =>
        (Flat ? "FLAT after warm-up" : "GROWTH after warm-up in " + string.Join(", ",
            Windows.Where(w => !w.Flat).Select(w => w.Metric).Concat(Drains.Where(d => !d.Flat).Select(d => d.Metric)))) +
        $"; node {(NodeAlive ? "running" : "GONE")}; {Counters.AnomalyCount} anomalies";

    public void WriteCsv(string path)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine(SoakSample.CsvHeader);
        foreach (var s in Samples) writer.WriteLine(s.ToCsv());
    }

    public string Summary()
    {
        var t = new StringBuilder();
        void Line(string s) => t.Append(s).Append('\n');
        double b0 = Samples.FirstOrDefault(s => s.Phase == SoakSample.WindowB).Seconds;
        double c0 = Samples.FirstOrDefault(s => s.Phase == SoakSample.WindowC).Seconds;
        double c1 = Samples.LastOrDefault(s => s.Phase == SoakSample.WindowC).Seconds;
        Line($"Soak of node pid {Pid}: {Options.Duration.TotalMinutes:0.#} min of churn, {Elapsed.TotalMinutes:0.0} min in all; " +
             $"{Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}.");
        Line($"Warm-up: the first {Options.WarmUp.TotalMinutes:0.#} min of churn, then a drain. Window B: {b0:0}–{c0:0} s " +
             $"(after {Options.Settle.TotalSeconds:0} s of settling), window C: {c0:0}–{c1:0} s; one sample a second.");
        Line("");
        Line("| metric | idle at start | idle after warm-up | B mean / max | C mean / max | bound on C mean / max | slope over B+C | verdict |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var w in Windows)
        {
            bool rss = w.Metric == "RSS";
            string F(double v) => rss ? v.ToString("0.0", CultureInfo.InvariantCulture) : v.ToString("0.#", CultureInfo.InvariantCulture);
            string idle = rss ? F(Idle.RssKiB / 1024.0) : w.Metric == "threads" ? $"{Idle.Threads}" : $"{Idle.OpenFiles}";
            string warm = rss ? F(AfterWarmUp.RssKiB / 1024.0) : w.Metric == "threads" ? $"{AfterWarmUp.Threads}" : $"{AfterWarmUp.Fds}";
            string unit = w.Unit.Length > 0 ? $" ({w.Unit})" : "";
            Line($"| {w.Metric}{unit} | {idle} | {warm} | {F(w.B.Mean)} / {F(w.B.Max)} | {F(w.C.Mean)} / {F(w.C.Max)} | " +
                 $"{F(w.MeanBound)} / {F(w.MaxBound)} | {w.SlopePerHour.ToString("+0.0;-0.0;0", CultureInfo.InvariantCulture)}/h | {(w.Flat ? "flat" : "**GROWTH**")} |");
        }
        Line($"| CPU (% of one core) | | | {Cpu.B.Mean:0.0} / {Cpu.B.Max:0} | {Cpu.C.Mean:0.0} / {Cpu.C.Max:0} | not judged | | |");
        Line("");
        Line("| after the final drain | after warm-up | at the end | bound | verdict |");
        Line("| --- | ---: | ---: | ---: | --- |");
        foreach (var d in Drains)
            Line($"| {d.Metric} | {d.AfterWarmUp:0} | {d.AtEnd:0} | ≤ {d.Bound:0} | {(d.Flat ? "flat" : "**GROWTH**")} |");
        Line("");
        Line($"Drains: the node listed 0 connections {AfterWarmUp.ToZero.TotalSeconds:0.0} s / {AtEnd.ToZero.TotalSeconds:0.0} s after " +
             $"the churn stopped (after warm-up / at the end); RSS when idle {AfterWarmUp.RssKiB / 1024.0:0.0} / {AtEnd.RssKiB / 1024.0:0.0} MiB; " +
             $"highest RSS sampled {PeakRssMiB():0.0} MiB.");
        Line("");
        Line("| activity | count |");
        Line("| --- | ---: |");
        foreach (var (name, value) in Counters.All()) Line($"| {name} | {value:N0} |");
        Line("");
        if (Counters.AnomalyCount == 0)
        {
            Line("Anomalies: none.");
        }
        else
        {
            Line("Anomalies by kind: " + string.Join(", ", Counters.AnomaliesByKind.Select(kv => $"{kv.Key} {kv.Value}")) + "; first ones:");
            foreach (string a in Counters.FirstAnomalies) Line($"- {a}");
        }
        Line("");
        Line($"Verdict: {Verdict}.");
        return t.ToString();
    }

    private double PeakRssMiB() => Samples.Count == 0 ? 0 : Samples.Max(s => s.RssKiB) / 1024.0;
}
