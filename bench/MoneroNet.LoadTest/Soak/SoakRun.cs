using System.Diagnostics;

namespace MoneroNet.LoadTest.Soak;

/// <summary>
/// One soak of a running node: an idle sample → churn for the warm-up (a third of <see cref="SoakOptions.Duration"/>)
/// → drain → churn for the remaining two thirds (settling, window B, window C) → drain → verdict. During churn
/// well-behaved peers come and go (<see cref="PeerChurn"/>), misbehaving ones are dropped or kept as they must be
/// (<see cref="Misbehavers"/>), RPC clients poll (<see cref="RpcPollers"/>), bans are set and run out
/// (<see cref="BanChurn"/>) and the ban list and ASN map are rewritten and reloaded by SIGHUP
/// (<see cref="ReloadChurn"/>). The node's RSS, open descriptors, threads and CPU are sampled every second from
/// /proc/&lt;pid&gt;/; <see cref="FlatJudge"/> gives the verdict.
/// </summary>
public sealed class SoakRun(SoakOptions options, SoakTarget target, Action<string> say)
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(60);
    /// <summary>After a drain reaches 0 connections: long enough for idle thread-pool threads to retire (20 s).</summary>
    private static readonly TimeSpan DrainQuiet = TimeSpan.FromSeconds(22);

    private readonly Stopwatch _clock = new();
    private readonly List<SoakSample> _samples = [];
    private readonly SoakCounters _counters = new();
    private readonly LivePeers _live = new();
    private volatile string _phase = SoakSample.WarmUp;
    private volatile bool _nodeGone;
    private int _lastListed;

    public SoakCounters Counters => _counters;

    public async Task<SoakReport> RunAsync(CancellationToken ct)
    {
        target.Validate();
        FileLimit.Ensure((ulong)(options.Peers + options.MisbehaversInFlight) * 2 + 1024);
        _clock.Start();
        using (var probe = new ConnectionsRpc(target.Rpc, keepAlive: false))
        {
            var ready = Stopwatch.StartNew();
            while (!await probe.AnswersAsync(ct).ConfigureAwait(false))
            {
                if (ready.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the node's RPC did not answer within 60 s");
                await Task.Delay(200, ct).ConfigureAwait(false);
            }
        }
        await Task.Delay(TimeSpan.FromSeconds(3), ct).ConfigureAwait(false);
        var idle = ProcessSample.Take(target.Pid);
        say($"node pid {target.Pid} idle: RSS {Mib(idle.RssKiB)}, fds {idle.OpenFiles}, threads {idle.Threads}; churn " +
            $"{options.Duration.TotalMinutes:0.#} min: {options.Peers} peers (lifetimes {options.ShortLifeMin.TotalSeconds:0}–" +
            $"{options.ShortLifeMax.TotalSeconds:0} s, {options.LongLivedShare:P0} {options.LongLifeMin.TotalSeconds:0}–" +
            $"{options.LongLifeMax.TotalSeconds:0} s), {options.MisbehaveRate:0.#} misbehavers/s, a ban action every " +
            $"{options.BanInterval.TotalSeconds:0.#} s, SIGHUP every {options.ReloadInterval.TotalSeconds:0} s");

        var pool = new AddressPool(10, options.AddressPoolSize);
        var wrongNetwork = new AddressRing(11, options.WrongNetworkRingSize);
        var banHosts = new AddressRing(13, 5_000);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampling = SampleAsync(stop);
        DrainResult afterWarmUp, atEnd;
        try
        {
            await ChurnAsync(options.WarmUp, [(TimeSpan.Zero, SoakSample.WarmUp)], pool, wrongNetwork, banHosts, stop.Token).ConfigureAwait(false);
            afterWarmUp = await DrainAsync("after warm-up", stop.Token).ConfigureAwait(false);
            var rest = options.Duration - options.WarmUp;
            await ChurnAsync(rest, [(TimeSpan.Zero, SoakSample.Settle), (options.Settle, SoakSample.WindowB), (rest / 2, SoakSample.WindowC)],
                pool, wrongNetwork, banHosts, stop.Token).ConfigureAwait(false);
            atEnd = await DrainAsync("at the end", stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_nodeGone && !ct.IsCancellationRequested)
        {
            throw new InvalidOperationException($"the node (pid {target.Pid}) exited during the soak, {_clock.Elapsed.TotalSeconds:0} s in");
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await sampling.ConfigureAwait(false);
        }

        List<SoakSample> samples;
        lock (_samples) samples = [.. _samples];
        var report = new SoakReport(options, target.Pid, idle, samples, afterWarmUp, atEnd,
            FlatJudge.JudgeWindows(samples, options.Bounds), FlatJudge.JudgeDrains(afterWarmUp, atEnd, options.Bounds),
            FlatJudge.Cpu(samples), _counters, !target.HasExited(), _clock.Elapsed);
        say(report.Verdict);
        return report;
    }

    /// <summary>Runs every churn part for <paramref name="duration"/>, switching the sample phase as scheduled, then stops them all.</summary>
    private async Task ChurnAsync(TimeSpan duration, IReadOnlyList<(TimeSpan At, string Phase)> phases, AddressPool pool,
        AddressRing wrongNetwork, AddressRing banHosts, CancellationToken ct)
    {
        using var churn = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var rpc = new ConnectionsRpc(target.Rpc, keepAlive: true);
        var bans = new BanChurn(target, options, rpc, _live, _counters, banHosts);
        var pollers = new RpcPollers(target, options, bans, _counters, listed => Volatile.Write(ref _lastListed, listed));
        var parts = new[]
        {
            new PeerChurn(target, options, pool, _live, _counters).RunAsync(churn.Token),
            new Misbehavers(target, options, pool, wrongNetwork, _counters).RunAsync(churn.Token),
            bans.RunAsync(churn.Token),
            new ReloadChurn(target, options, rpc, _counters).RunAsync(churn.Token),
            pollers.RunAsync(churn.Token),
        };
        var started = Stopwatch.StartNew();
        try
        {
            int next = 0;
            var progress = Stopwatch.StartNew();
            while (true)
            {
                for (; next < phases.Count && started.Elapsed >= phases[next].At; next++)
                {
                    _phase = phases[next].Phase;
                    say($"{phases[next].Phase} from {_clock.Elapsed.TotalSeconds:0} s");
                }
                if (started.Elapsed >= duration) break;
                var until = (next < phases.Count && phases[next].At < duration ? phases[next].At : duration) - started.Elapsed;
                await Task.Delay(until < SampleInterval ? until : SampleInterval, ct).ConfigureAwait(false);
                if (progress.Elapsed >= ProgressInterval)
                {
                    progress.Restart();
                    Progress();
                }
            }
        }
        finally
        {
            await churn.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(parts).ConfigureAwait(false);
        }
    }

    /// <summary>With every soak connection closed: waits until the node lists none, lets it go quiet, samples it idle.</summary>
    private async Task<DrainResult> DrainAsync(string name, CancellationToken ct)
    {
        _phase = SoakSample.Drain;
        var clock = Stopwatch.StartNew();
        int listed = -1;
        using (var rpc = new ConnectionsRpc(target.Rpc, keepAlive: false))
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    listed = (await rpc.GetAsync(ct).ConfigureAwait(false)).Connections.Count;
                    if (listed == 0) break;
                }
                catch (HttpRequestException e)
                {
                    _counters.Anomaly("rpc failed", $"get_connections in the drain: {e.Message}");
                }
                await Task.Delay(500, ct).ConfigureAwait(false);
            }
        }
        var toZero = clock.Elapsed;
        Volatile.Write(ref _lastListed, listed);
        await Task.Delay(DrainQuiet, ct).ConfigureAwait(false);
        int fds = int.MaxValue, threads = int.MaxValue;
        long rss = long.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            var s = ProcessSample.Take(target.Pid);
            fds = Math.Min(fds, s.OpenFiles);
            threads = Math.Min(threads, s.Threads);
            rss = Math.Min(rss, s.RssKiB);
            await Task.Delay(SampleInterval, ct).ConfigureAwait(false);
        }
        var census = DescriptorCensus.Take(target.Pid);
        var result = new DrainResult(name, _clock.Elapsed.TotalSeconds, listed, toZero, fds, threads, rss, census);
        say($"drain {name}: node lists {listed} connections {toZero.TotalSeconds:0.0} s after the churn stopped; idle then: " +
            $"fds {fds}, threads {threads}, RSS {Mib(rss)}; descriptors: {DescriptorCensus.Describe(census)}");
        return result;
    }

    private async Task SampleAsync(CancellationTokenSource stop)
    {
        ProcessSample? previous = null;
        using var timer = new PeriodicTimer(SampleInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                ProcessSample s;
                try
                {
                    if (target.HasExited()) throw new IOException("exited");
                    s = ProcessSample.Take(target.Pid);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    _nodeGone = true;
                    _counters.Anomaly("node exited", $"no /proc/{target.Pid} at {_clock.Elapsed.TotalSeconds:0} s");
                    await stop.CancelAsync().ConfigureAwait(false);
                    return;
                }
                double cpu = previous is { } p ? ProcessSample.CpuPercentOfOneCore(p, s) : 0;
                previous = s;
                var c = _counters;
                var sample = new SoakSample(_clock.Elapsed.TotalSeconds, _phase, s.RssKiB, s.OpenFiles, s.Threads, cpu,
                    Volatile.Read(ref _lastListed), _live.Count, c.PeersStarted.Value, c.Misbehavers, c.RpcCalls,
                    c.HostBansSet.Value + c.SubnetBansSet.Value + c.LivePeerBansSet.Value, c.Reloads.Value, c.AnomalyCount);
                lock (_samples) _samples.Add(sample);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Progress()
    {
        SoakSample last;
        lock (_samples)
        {
            if (_samples.Count == 0) return;
            last = _samples[^1];
        }
        say($"{last.Seconds,6:0} s {last.Phase,-7} RSS {Mib(last.RssKiB)}, fds {last.Fds}, threads {last.Threads}, CPU {last.CpuPercent:0} %; " +
            $"{last.LivePeers} live peers, {last.Listed} listed; so far {last.PeersStarted} peers, {last.Misbehavers} misbehavers, " +
            $"{last.RpcCalls} RPC calls, {last.BansSet} bans, {last.Reloads} reloads, {last.Anomalies} anomalies");
    }

    internal static string Mib(long kib) => $"{kib / 1024.0:0.0} MiB";
}
