using System.Globalization;

namespace MoneroNet.LoadTest.Soak;

/// <summary>One second of the node's resource use, with what the soak had done by then.</summary>
public readonly record struct SoakSample(double Seconds, string Phase, long RssKiB, int Fds, int Threads, double CpuPercent,
    int Listed, int LivePeers, long PeersStarted, long Misbehavers, long RpcCalls, long BansSet, long Reloads, long Anomalies)
{
    public const string WarmUp = "warm-up";
    public const string Drain = "drain";
    public const string Settle = "settle";
    public const string WindowB = "B";
    public const string WindowC = "C";

    public const string CsvHeader =
        "seconds,phase,rss_kib,fds,threads,cpu_percent,listed_connections,live_peers,peers_started,misbehavers,rpc_calls,bans_set,reloads,anomalies";

    public string ToCsv() => string.Create(CultureInfo.InvariantCulture,
        $"{Seconds:0.0},{Phase},{RssKiB},{Fds},{Threads},{CpuPercent:0.0},{Listed},{LivePeers},{PeersStarted},{Misbehavers},{RpcCalls},{BansSet},{Reloads},{Anomalies}");
}

/// <summary>
/// The node idle after a drain: every soak connection closed, get_connections listing none, then the smallest
/// descriptor and thread counts (and RSS) of five samples a second apart, so a short-lived socket (the node's
/// redial of its placeholder exclusive peer) does not count.
/// </summary>
public sealed record DrainResult(string Name, double Seconds, int ListedAfter, TimeSpan ToZero, int Fds, int Threads, long RssKiB,
    IReadOnlyDictionary<string, int> Descriptors);

/// <summary>Count, mean, minimum and maximum of one metric over one window.</summary>
public readonly record struct WindowStats(int Count, double Mean, double Min, double Max)
{
    public static WindowStats Of(IReadOnlyList<double> values) => values.Count == 0
        ? new WindowStats(0, double.NaN, double.NaN, double.NaN)
        : new WindowStats(values.Count, values.Average(), values.Min(), values.Max());
}

/// <summary>One metric judged: window C against window B, with the bounds C had to stay within.</summary>
public sealed record MetricVerdict(string Metric, string Unit, WindowStats B, WindowStats C, double MeanBound, double MaxBound,
    double SlopePerHour)
{
    public bool Flat => B.Count > 0 && C.Count > 0 && C.Mean <= MeanBound && C.Max <= MaxBound;
}

/// <summary>One after-drain figure judged: the final drain against the warm-up drain.</summary>
/// <param name="Detail">What differs between the two drains (for descriptors: by kind), for the failure message.</param>
public sealed record DrainVerdict(string Metric, double AfterWarmUp, double AtEnd, double Bound, string Detail = "")
{
    public bool Flat => AtEnd <= Bound;
}

/// <summary>
/// "Flat after warm-up" (see <see cref="SoakBounds"/>): RSS, descriptors and threads of window C within B's mean and
/// maximum plus slack; after the final drain, descriptors and threads within the warm-up drain's plus slack; and no
/// connection still listed after either drain. CPU is reported, not judged: it follows the churn and whatever else
/// the machine runs. Samples outside B and C (warm-up, drains, settling) are not judged.
/// </summary>
public static class FlatJudge
{
    public static IReadOnlyList<MetricVerdict> JudgeWindows(IReadOnlyList<SoakSample> samples, SoakBounds bounds)
    {
        return
        [
            Judge(samples, "RSS", "MiB", s => s.RssKiB / 1024.0, bounds.RssMeanSlackMiB, bounds.RssMaxSlackMiB, bounds.RssRelativeSlack),
            Judge(samples, "open fds", "", s => s.Fds, bounds.FdMeanSlack, bounds.FdMaxSlack, bounds.FdRelativeSlack),
            Judge(samples, "threads", "", s => s.Threads, bounds.ThreadMeanSlack, bounds.ThreadMaxSlack, bounds.ThreadRelativeSlack),
        ];
    }

    public static IReadOnlyList<DrainVerdict> JudgeDrains(DrainResult afterWarmUp, DrainResult atEnd, SoakBounds bounds) =>
    [
        // Code files (assemblies, .so, .pdb) are set aside: the runtime may open one for the first time between the two
        // drains and keeps it for good; every other descriptor (sockets, pipes, files, epoll, eventfd) is judged.
        new DrainVerdict("open fds when idle", NonCode(afterWarmUp), NonCode(atEnd), NonCode(afterWarmUp) + bounds.DrainedFdSlack,
            DescriptorCensus.Difference(afterWarmUp.Descriptors, atEnd.Descriptors)),
        new DrainVerdict("threads when idle", afterWarmUp.Threads, atEnd.Threads, afterWarmUp.Threads + bounds.DrainedThreadSlack),
        new DrainVerdict("connections listed after the drain", afterWarmUp.ListedAfter, atEnd.ListedAfter, 0),
    ];

    private static double NonCode(DrainResult drain) => drain.Fds - DescriptorCensus.CodeFiles(drain.Descriptors);

    /// <summary>CPU % of one core, mean over each window (reported only).</summary>
    public static (WindowStats B, WindowStats C) Cpu(IReadOnlyList<SoakSample> samples) =>
        (WindowStats.Of(Values(samples, SoakSample.WindowB, s => s.CpuPercent)),
         WindowStats.Of(Values(samples, SoakSample.WindowC, s => s.CpuPercent)));

    private static MetricVerdict Judge(IReadOnlyList<SoakSample> samples, string metric, string unit, Func<SoakSample, double> value,
        double meanSlack, double maxSlack, double relative)
    {
        var b = WindowStats.Of(Values(samples, SoakSample.WindowB, value));
        var c = WindowStats.Of(Values(samples, SoakSample.WindowC, value));
        double meanBound = b.Mean + Math.Max(meanSlack, relative * b.Mean);
        double maxBound = b.Max + Math.Max(maxSlack, relative * b.Max);
        var judged = samples.Where(s => s.Phase is SoakSample.WindowB or SoakSample.WindowC).ToList();
        return new MetricVerdict(metric, unit, b, c, meanBound, maxBound, SlopePerHour(judged, value));
    }

    private static List<double> Values(IReadOnlyList<SoakSample> samples, string phase, Func<SoakSample, double> value) =>
        samples.Where(s => s.Phase == phase).Select(value).ToList();

    /// <summary>Least-squares slope of the metric against time, per hour (0 with fewer than two samples).</summary>
    public static double SlopePerHour(IReadOnlyList<SoakSample> samples, Func<SoakSample, double> value)
    {
        if (samples.Count < 2) return 0;
        double meanT = samples.Average(s => s.Seconds), meanV = samples.Average(value);
        double num = 0, den = 0;
        foreach (var s in samples)
        {
            double dt = s.Seconds - meanT;
            num += dt * (value(s) - meanV);
            den += dt * dt;
        }
        return den == 0 ? 0 : num / den * 3600;
    }
}
