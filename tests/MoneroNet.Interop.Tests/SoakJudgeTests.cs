using MoneroNet.LoadTest.Soak;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// The soak's verdict on synthetic series (no node): what counts as flat after the warm-up and what as growth
/// (<see cref="FlatJudge"/>, <see cref="SoakBounds"/>).
/// </summary>
public sealed class SoakJudgeTests
{
    private static readonly SoakBounds Bounds = new();
    private static readonly IReadOnlyDictionary<string, int> NoCensus = new Dictionary<string, int>();

    /// <summary>600 s of samples, one a second: 200 s warm-up, 10 s settling, B from 210 s, C from 400 s.</summary>
    private static List<SoakSample> Series(Func<int, double> rssMiB, Func<int, int> fds, Func<int, int> threads) =>
        Enumerable.Range(0, 600).Select(t => new SoakSample(t,
            t < 200 ? SoakSample.WarmUp : t < 210 ? SoakSample.Settle : t < 400 ? SoakSample.WindowB : SoakSample.WindowC,
            (long)(rssMiB(t) * 1024), fds(t), threads(t), 5, 0, 0, 0, 0, 0, 0, 0, 0)).ToList();

    private static double Noise(int t, double amplitude) => amplitude * Math.Sin(t * 0.7) * Math.Cos(t * 0.13);

    [Fact]
    public void NoisyPlateau_WithAWarmUpRamp_IsFlat()
    {
        // RSS ramps from 70 to 120 MiB during the warm-up only, then wobbles by ±6 MiB; fds and threads wobble too.
        var samples = Series(t => Math.Min(120, 70 + t / 4.0) + Noise(t, 6), t => 500 + (int)Noise(t, 20), t => 18 + (int)Noise(t, 2));
        var verdicts = FlatJudge.JudgeWindows(samples, Bounds);
        Assert.All(verdicts, v => Assert.True(v.Flat, $"{v.Metric}: C {v.C.Mean:0.0}/{v.C.Max:0.0}, bounds {v.MeanBound:0.0}/{v.MaxBound:0.0}"));
        Assert.Equal(190, verdicts[0].B.Count);
        Assert.Equal(200, verdicts[0].C.Count);
    }

    [Fact]
    public void SteadyRssGrowth_PastTheSlack_IsGrowth()
    {
        // 0.2 MiB a second after the warm-up: C's mean is ~38 MiB above B's, beyond 16 MiB or 10 %.
        var samples = Series(t => 100 + 0.2 * Math.Max(0, t - 200), _ => 500, _ => 18);
        var verdicts = FlatJudge.JudgeWindows(samples, Bounds);
        var rss = verdicts.Single(v => v.Metric == "RSS");
        Assert.False(rss.Flat);
        Assert.InRange(rss.SlopePerHour, 700, 740); // 0.2 MiB/s = 720 MiB/h
        Assert.True(verdicts.Single(v => v.Metric == "open fds").Flat);
    }

    [Fact]
    public void DescriptorLeak_GrowsTheWindowMean_AndTheIdleCount()
    {
        // One descriptor lost every 5 s: +40 between B and C means, the same at idle.
        var samples = Series(_ => 100, t => 500 + t / 5, _ => 18);
        Assert.False(FlatJudge.JudgeWindows(samples, Bounds).Single(v => v.Metric == "open fds").Flat);
        var drains = FlatJudge.JudgeDrains(
            new DrainResult("after warm-up", 200, 0, TimeSpan.Zero, Fds: 200, Threads: 15, RssKiB: 100 << 10, Descriptors: NoCensus),
            new DrainResult("at the end", 600, 0, TimeSpan.Zero, Fds: 280, Threads: 15, RssKiB: 100 << 10, Descriptors: NoCensus), Bounds);
        Assert.False(drains.Single(d => d.Metric == "open fds when idle").Flat);
        Assert.True(drains.Single(d => d.Metric == "threads when idle").Flat);
    }

    [Fact]
    public void CodeFilesOpenedBetweenTheDrains_AreNoLeak_ButASocketIs()
    {
        // What a failed CI run showed (212 → 219): the first stack trace printed with line numbers after the warm-up
        // drain loads three assemblies (2 descriptors each) and a .pdb, for the life of the process.
        var warm = new Dictionary<string, int> { ["pipe"] = 15, ["file /app/moneronet.dll"] = 2 };
        var later = new Dictionary<string, int>(warm)
        {
            ["file /runtime/System.Diagnostics.StackTrace.dll"] = 2, ["file /runtime/System.Reflection.Metadata.dll"] = 2,
            ["file /runtime/System.Collections.Immutable.dll"] = 2, ["file /app/MoneroNet.P2P.pdb"] = 1,
        };
        var drains = FlatJudge.JudgeDrains(
            new DrainResult("after warm-up", 200, 0, TimeSpan.Zero, Fds: 212, Threads: 45, RssKiB: 0, Descriptors: warm),
            new DrainResult("at the end", 600, 0, TimeSpan.Zero, Fds: 219, Threads: 45, RssKiB: 0, Descriptors: later), Bounds);
        var fds = drains.Single(d => d.Metric == "open fds when idle");
        Assert.True(fds.Flat, fds.ToString());
        Assert.Contains("+1 file /app/MoneroNet.P2P.pdb", fds.Detail, StringComparison.Ordinal);

        var leaking = new Dictionary<string, int>(warm) { ["tcp :18081 estab"] = 7 };
        var leak = FlatJudge.JudgeDrains(
            new DrainResult("after warm-up", 200, 0, TimeSpan.Zero, Fds: 212, Threads: 45, RssKiB: 0, Descriptors: warm),
            new DrainResult("at the end", 600, 0, TimeSpan.Zero, Fds: 219, Threads: 45, RssKiB: 0, Descriptors: leaking), Bounds);
        Assert.False(leak.Single(d => d.Metric == "open fds when idle").Flat);
    }

    [Fact]
    public void OneThreadPoolBurstInC_WithinTheMaxSlack_IsFlat_ButAThreadLeakIsNot()
    {
        var burst = Series(_ => 100, _ => 500, t => t is >= 450 and < 455 ? 25 : 18);
        Assert.True(FlatJudge.JudgeWindows(burst, Bounds).Single(v => v.Metric == "threads").Flat);
        var leak = Series(_ => 100, _ => 500, t => 18 + Math.Max(0, t - 200) / 20);
        Assert.False(FlatJudge.JudgeWindows(leak, Bounds).Single(v => v.Metric == "threads").Flat);
    }

    [Fact]
    public void ConnectionsStillListedAfterADrain_AreNotFlat()
    {
        var drains = FlatJudge.JudgeDrains(
            new DrainResult("after warm-up", 200, 0, TimeSpan.Zero, 200, 15, 0, NoCensus),
            new DrainResult("at the end", 600, 3, TimeSpan.FromSeconds(60), 203, 15, 0, NoCensus), Bounds);
        Assert.False(drains.Single(d => d.Metric == "connections listed after the drain").Flat);
    }

    [Fact]
    public void NoSamplesInAWindow_IsNeverFlat()
    {
        var warmUpOnly = Series(_ => 100, _ => 500, _ => 18).Where(s => s.Phase == SoakSample.WarmUp).ToList();
        Assert.All(FlatJudge.JudgeWindows(warmUpOnly, Bounds), v => Assert.False(v.Flat));
    }
}
