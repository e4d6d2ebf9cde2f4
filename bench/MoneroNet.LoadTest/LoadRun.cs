using System.Diagnostics;
using System.Runtime.InteropServices;
using MoneroNet.TestSupport;
using MoneroNet.Wire;

namespace MoneroNet.LoadTest;

/// <summary>What a run found; <see cref="Passed"/> when every peer handshook, stayed listed normal and was dropped at the end.</summary>
public sealed record LoadReport(bool Passed);

/// <summary>
/// One load run: node up → N peers connect and handshake → wait until all are listed normal → an idle window that
/// spans a timed-sync round (node CPU, RSS, threads) → timed get_connections calls and a listing check → close all and
/// time until the node lists none → stop the node. Prints each figure as it is measured, then a markdown summary row.
/// </summary>
public sealed class LoadRun(LoadTestOptions options, TextWriter output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task<LoadReport> RunAsync(CancellationToken ct)
    {
        ulong fileLimit = FileLimit.Ensure((ulong)options.Peers + 1024);
        Say($"machine: {Environment.ProcessorCount} cores, {CpuModel()}, {RuntimeInformation.FrameworkDescription}, " +
            $"{RuntimeInformation.OSDescription}; open-file limit {fileLimit}");

        await using var node = options.TargetP2P is { } p2p
            ? NodeProcess.Target(p2p, options.TargetRpc!, options.TargetPid!.Value)
            : NodeProcess.Start(options.ResolveNodeDll(), options.MaxConnectionsPerIp, ["--log-level", options.LogLevel.ToString()]);
        Say($"node pid {node.ProcessId}: {node.CommandLine}");
        if (node.LogPath is { } logPath) Say($"node output: {logPath}");
        using var rpc = new ConnectionsRpc(node.Rpc);
        await WaitUntilAsync(() => rpc.AnswersAsync(ct), TimeSpan.FromSeconds(60), "node RPC answers", ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var empty = ProcessSample.Take(node.ProcessId);
        Say($"node at start, no peers: RSS {Mib(empty.RssKiB)}, threads {empty.Threads}, fds {empty.OpenFiles}");

        // ---- connect + handshake ----
        await using var fleet = new PeerFleet(options.Peers);
        var connect = await fleet.ConnectAllAsync(node.P2P, NetworkType.Testnet, options.InFlight, TimeSpan.FromSeconds(60), ct);
        var hs = connect.HandshakeLatencies;
        Say($"connect+handshake: {connect.Connected}/{options.Peers} in {connect.Elapsed.TotalSeconds:0.00} s " +
            $"({connect.Connected / Math.Max(connect.Elapsed.TotalSeconds, 1e-3):0} /s, {options.InFlight} in flight); per peer " +
            $"p50 {Ms(Pct(hs, 50))}, p99 {Ms(Pct(hs, 99))}, max {Ms(Pct(hs, 100))}; {connect.Failures.Count} failed");
        foreach (string f in connect.Failures.Take(5)) Say($"  failure: {f}");
        var peers = fleet.Peers.Where(p => p.Handshake.IsCompletedSuccessfully).ToList();

        var listedClock = Stopwatch.StartNew();
        var allListed = await WaitForListingAsync(rpc, peers, TimeSpan.FromSeconds(120), ct);
        Say($"all {peers.Count} listed normal {listedClock.Elapsed.TotalSeconds:0.00} s after the last handshake answer: {allListed.AllListedNormal}" +
            (allListed.AllListedNormal ? "" : $" ({Describe(allListed)})"));

        // ---- rest window with one timed-sync round ----
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        int syncsBefore = peers.Sum(p => p.TimedSyncsAnswered);
        var restStart = ProcessSample.Take(node.ProcessId);
        var selfStart = ProcessSample.Take(Environment.ProcessId);
        int maxThreads = restStart.Threads;
        long maxRss = restStart.RssKiB;
        double worstSecond = 0;
        var previous = restStart;
        var restClock = Stopwatch.StartNew();
        while (restClock.Elapsed < options.Rest)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var s = ProcessSample.Take(node.ProcessId);
            maxThreads = Math.Max(maxThreads, s.Threads);
            maxRss = Math.Max(maxRss, s.RssKiB);
            worstSecond = Math.Max(worstSecond, ProcessSample.CpuPercentOfOneCore(previous, s));
            previous = s;
        }
        var restEnd = ProcessSample.Take(node.ProcessId);
        var selfEnd = ProcessSample.Take(Environment.ProcessId);
        int syncs = peers.Sum(p => p.TimedSyncsAnswered) - syncsBefore;
        int closedDuringRest = peers.Count(p => p.Closed.IsCompleted);
        Say($"rest {options.Rest.TotalSeconds:0} s with {peers.Count} peers: node RSS {Mib(restEnd.RssKiB)} (max {Mib(maxRss)}, " +
            $"{(restEnd.RssKiB - empty.RssKiB) / (double)Math.Max(peers.Count, 1):0.0} KiB/peer over empty), threads {restEnd.Threads} " +
            $"(max {maxThreads}), fds {restEnd.OpenFiles}; node CPU {ProcessSample.CpuPercentOfOneCore(restStart, restEnd):0.0} % of one core " +
            $"on average, worst 1 s {worstSecond:0} %; load generator CPU {ProcessSample.CpuPercentOfOneCore(selfStart, selfEnd):0.0} %");
        Say($"timed syncs answered by the peers during the rest: {syncs} (one round = {peers.Count}); " +
            $"support-flag requests {peers.Sum(p => p.SupportFlagsAnswered)}, pings {peers.Sum(p => p.PingsAnswered)}, " +
            $"other messages {peers.Sum(p => p.OtherMessages)}; connections closed by the node {closedDuringRest}; " +
            $"decode failures {peers.Count(p => p.Failure is not null)}");

        // ---- get_connections under N connections ----
        var latencies = new List<TimeSpan>();
        long size = 0;
        ListingCheck? check = null;
        bool quiet = false;
        for (int i = 0; i < options.RpcCalls; i++)
        {
            long before = peers.Sum(p => p.BytesSent + p.BytesReceived);
            var answer = await rpc.GetAsync(ct);
            latencies.Add(answer.Latency);
            size = answer.ResponseBytes;
            long after = peers.Sum(p => p.BytesSent + p.BytesReceived);
            // Counters compare only when nothing moved on any peer while the node built this answer.
            var c = ListingCheck.Compare(answer.Connections, peers, compareCounts: before == after);
            if (check is null || before == after) { check = c; quiet = before == after; }
            await Task.Delay(300, ct);
        }
        latencies.Sort();
        Say($"get_connections x{latencies.Count}: min {Ms(latencies[0])}, median {Ms(latencies[latencies.Count / 2])}, " +
            $"max {Ms(latencies[^1])}; response {size / 1024.0:0} KiB ({size / (double)Math.Max(peers.Count, 1):0} B/connection)");
        Say($"listing: {check!.Listed} listed for {check.Peers} peers, all listed normal with the right peer id: {check.AllListedNormal}; " +
            $"byte counters {(quiet ? $"compared at a quiet moment, {check.CountMismatches} mismatches" : "not compared (no quiet call)")}" +
            (check.FirstProblem.Length > 0 ? $"; first problem: {check.FirstProblem}" : ""));

        // ---- close all ----
        var closeClock = Stopwatch.StartNew();
        await fleet.CloseAllAsync();
        var drained = await WaitUntilCountAsync(rpc, 0, TimeSpan.FromSeconds(60), ct);
        Say($"closed all: node lists {drained.count} after {closeClock.Elapsed.TotalSeconds:0.00} s");
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var afterClose = ProcessSample.Take(node.ProcessId);
        Say($"node after close: RSS {Mib(afterClose.RssKiB)} (peak {Mib(afterClose.PeakRssKiB)}), threads {afterClose.Threads}, fds {afterClose.OpenFiles}");
        if (await node.StopAsync(TimeSpan.FromSeconds(20)) is { } stopped) Say($"node stopped on SIGTERM in {stopped.TotalSeconds:0.00} s");

        bool passed = connect.Connected == options.Peers && check.AllListedNormal && (!quiet || check.CountMismatches == 0) &&
                      closedDuringRest == 0 && drained.count == 0;
        Say("summary row (peers | connect+handshake | listed normal | RSS | threads max | CPU at rest avg / worst 1 s | " +
            "timed syncs | get_connections median / max | response | drop to 0):");
        output.WriteLine($"| {options.Peers:N0} | {connect.Elapsed.TotalSeconds:0.0} s | {check.Listed:N0}/{peers.Count:N0} {(check.AllListedNormal ? "yes" : "NO")} | " +
            $"{Mib(restEnd.RssKiB)} | {maxThreads} | {ProcessSample.CpuPercentOfOneCore(restStart, restEnd):0.0} % / {worstSecond:0} % | " +
            $"{syncs:N0} | {Ms(latencies[latencies.Count / 2])} / {Ms(latencies[^1])} | {size / 1024.0:0} KiB | {drained.elapsed.TotalSeconds:0.0} s |");
        Say(passed ? "PASSED" : "FAILED");
        return new LoadReport(passed);
    }

    private static async Task<ListingCheck> WaitForListingAsync(ConnectionsRpc rpc, IReadOnlyCollection<IdlePeer> peers, TimeSpan within,
        CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var answer = await rpc.GetAsync(ct);
            var check = ListingCheck.Compare(answer.Connections, peers, compareCounts: false);
            if (check.AllListedNormal || clock.Elapsed > within) return check;
            await Task.Delay(500, ct);
        }
    }

    private static async Task<(int count, TimeSpan elapsed)> WaitUntilCountAsync(ConnectionsRpc rpc, int count, TimeSpan within,
        CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            int listed = (await rpc.GetAsync(ct)).Connections.Count;
            if (listed == count || clock.Elapsed > within) return (listed, clock.Elapsed);
            await Task.Delay(100, ct);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within, string what, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > within) throw new TimeoutException($"not within {within.TotalSeconds:0} s: {what}");
            await Task.Delay(200, ct);
        }
    }

    private static string Describe(ListingCheck c) =>
        $"{c.Listed} listed, {c.Missing} missing, {c.NotNormal} not normal, {c.WrongPeerId} wrong id, {c.Unknown} unknown; {c.FirstProblem}";

    private static TimeSpan Pct(IReadOnlyList<TimeSpan> sorted, int percent) =>
        sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * percent / 100.0) - 1, 0, sorted.Count - 1)];

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0.0} ms";

    private static string Mib(long kib) => $"{kib / 1024.0:0.0} MiB";

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        ?? "unknown CPU";

    private void Say(string line) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,7:0.0}s] {line}");
}
