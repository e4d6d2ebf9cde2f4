using System.Diagnostics;
using MoneroNet.TestSupport;
using MoneroNet.Wire;

namespace MoneroNet.LoadTest.Compare;

/// <summary>
/// The load of one side-by-side measurement, the same for either node: fresh node answers RPC → 3 s → idle RSS → N
/// peers connect and handshake, <c>--in-flight</c> at once (handshakes/s) → all listed normal → 2 s → the idle window
/// (CPU, RSS, timed syncs the peers answered) → K get_connections one after another, each timed from request to last
/// byte and checked (every peer listed once, incoming, normal, its own peer id; byte counters of the peers that moved
/// no byte around the call) → C kept-alive clients polling for a fixed window (req/s) → all peers close → the node
/// lists none → SIGTERM.
/// </summary>
public sealed class NodeMeasurement(CompareOptions options, Action<string> say)
{
    /// <summary>Between a call and the peers' byte snapshot after it: lets bytes the node wrote around the call arrive.</summary>
    private static readonly TimeSpan SettleAfterCall = TimeSpan.FromMilliseconds(100);

    public async Task<NodeFigures> RunAsync(NodeProcess node, NodeKind kind, int round, CancellationToken ct)
    {
        var problems = new List<string>();
        void Say(string line) => say($"round {round} {kind.Label()}: {line}");
        void Problem(string problem)
        {
            problems.Add(problem);
            Say($"PROBLEM: {problem}");
        }

        Say($"pid {node.ProcessId}: {node.CommandLine}");
        if (node.LogPath is { } logPath) Say($"node output: {logPath}");
        using var rpc = new ConnectionsRpc(node.Rpc);
        await WaitForRpcAsync(node, rpc, TimeSpan.FromSeconds(120), ct).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(3), ct).ConfigureAwait(false);
        var idle = ProcessSample.Take(node.ProcessId);
        Say($"no peers: RSS {Mib(idle.RssKiB)}, threads {idle.Threads}");

        // ---- handshakes ----
        await using var fleet = new PeerFleet(options.Peers, options.SourceBlock);
        var connect = await fleet.ConnectAllAsync(node.P2P, NetworkType.Testnet, options.InFlight, TimeSpan.FromSeconds(60), ct)
            .ConfigureAwait(false);
        var hs = connect.HandshakeLatencies;
        double handshakesPerSecond = connect.Connected / Math.Max(connect.Elapsed.TotalSeconds, 1e-3);
        Say($"{connect.Connected}/{options.Peers} handshaken in {connect.Elapsed.TotalSeconds:0.00} s ({handshakesPerSecond:0} /s, " +
            $"{options.InFlight} in flight); per peer p50 {Ms(Pct(hs, 50))}, p99 {Ms(Pct(hs, 99))}");
        if (connect.Connected < options.Peers)
            Problem($"{options.Peers - connect.Connected} of {options.Peers} peers not handshaken; first: {(connect.Failures.Count > 0 ? connect.Failures[0] : "")}");
        var peers = fleet.Peers.Where(p => p.Handshake.IsCompletedSuccessfully).ToList();

        var listing = await WaitForListingAsync(rpc, peers, TimeSpan.FromSeconds(120), ct).ConfigureAwait(false);
        if (!listing.AllListedNormal) Problem($"not all listed normal within 120 s: {Describe(listing)}");

        // ---- idle window ----
        await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
        int syncsBefore = peers.Sum(p => p.TimedSyncsAnswered);
        var restStart = ProcessSample.Take(node.ProcessId);
        var restClock = Stopwatch.StartNew();
        while (restClock.Elapsed < options.Rest)
        {
            var left = options.Rest - restClock.Elapsed;
            if (left <= TimeSpan.Zero) break;
            await Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
        var restEnd = ProcessSample.Take(node.ProcessId);
        int syncs = peers.Sum(p => p.TimedSyncsAnswered) - syncsBefore;
        double cpu = ProcessSample.CpuPercentOfOneCore(restStart, restEnd);
        Say($"idle {restClock.Elapsed.TotalSeconds:0} s: CPU {cpu:0.00} % of one core, RSS {Mib(restEnd.RssKiB)} " +
            $"({(restEnd.RssKiB - idle.RssKiB) / (double)Math.Max(peers.Count, 1):0.0} KiB per connection over no peers), threads {restEnd.Threads}; " +
            $"timed syncs answered {syncs} (one round = {peers.Count}), support-flag requests {peers.Sum(p => p.SupportFlagsAnswered)}, " +
            $"pings {peers.Sum(p => p.PingsAnswered)}, other messages {peers.Sum(p => p.OtherMessages)}");

        // ---- get_connections, one call after another ----
        var latencies = new List<TimeSpan>(options.SequentialCalls);
        long responseBytes = 0;
        int compared = 0, mismatches = 0;
        string firstMismatch = "", firstUnlisted = "";
        var before = Bytes(peers);
        for (int i = 0; i < options.SequentialCalls; i++)
        {
            await Task.Delay(SettleAfterCall, ct).ConfigureAwait(false);
            var answer = await rpc.GetAsync(ct).ConfigureAwait(false);
            latencies.Add(answer.Latency);
            responseBytes = answer.ResponseBytes;
            await Task.Delay(SettleAfterCall, ct).ConfigureAwait(false);
            var after = Bytes(peers);
            // A peer's counters are compared only if it moved no byte from a moment before the call to one after it.
            var check = ListingCheck.Compare(answer.Connections, peers,
                p => before[p] == after[p] ? after[p] : null);
            compared += check.CountsCompared;
            mismatches += check.CountMismatches;
            if (!check.AllListedNormal && firstUnlisted.Length == 0) firstUnlisted = $"call {i + 1}: {Describe(check)}";
            if (check.CountMismatches > 0 && firstMismatch.Length == 0) firstMismatch = check.FirstProblem;
            before = after;
        }
        latencies.Sort();
        var p50 = Pct(latencies, 50);
        Say($"get_connections x{latencies.Count} in sequence: p50 {Ms(p50)}, min {Ms(latencies[0])}, max {Ms(latencies[^1])}; " +
            $"answer {responseBytes / 1024.0:0} KiB; counters compared {compared} times, {mismatches} differed");
        if (firstUnlisted.Length > 0) Problem($"a get_connections answer did not list every peer once as normal: {firstUnlisted}");
        if (mismatches > 0) Problem($"{mismatches} byte counters differed from what the peers wrote and read; first: {firstMismatch}");
        if (compared == 0) Problem("no peer stayed quiet around any call: the byte counters were never compared");

        // ---- concurrent kept-alive clients ----
        var poll = await ConcurrentPollers.RunAsync(node.Rpc, options.Clients, options.ClientDuration, ct).ConfigureAwait(false);
        Say($"{options.Clients} kept-alive clients for {poll.Window.TotalSeconds:0} s: {poll.Completed} answers ({poll.RequestsPerSecond:0.0} req/s), " +
            $"{poll.Errors} errors, smallest answer {poll.SmallestAnswer / 1024.0:0} KiB");
        if (poll.Errors > 0) Problem($"{poll.Errors} get_connections calls of the concurrent clients failed; first: {poll.FirstError}");
        if (poll.Completed == 0) Problem("no concurrent get_connections call completed within the window");
        else if (poll.SmallestAnswer < responseBytes * 9 / 10)
            Problem($"a concurrent answer was {poll.SmallestAnswer} bytes, against {responseBytes} for the sequential ones");

        // ---- close ----
        int closedByNode = peers.Count(p => p.Closed.IsCompleted);
        if (closedByNode > 0) Problem($"the node closed {closedByNode} idle connections");
        int decodeFailures = peers.Count(p => p.Failure is not null);
        if (decodeFailures > 0)
            Problem($"{decodeFailures} peers got a message they could not take; first: {peers.First(p => p.Failure is not null).Failure!.Message}");
        var closeClock = Stopwatch.StartNew();
        await fleet.CloseAllAsync().ConfigureAwait(false);
        int listedAfterClose = await WaitUntilNoneListedAsync(rpc, options.Drain, ct).ConfigureAwait(false);
        var drainTime = closeClock.Elapsed;
        Say($"all peers closed: the node lists {listedAfterClose} after {drainTime.TotalSeconds:0.00} s");
        if (listedAfterClose > 0)
            Problem($"{listedAfterClose} connections still listed {options.Drain.TotalSeconds:0} s after every peer closed");
        if (await node.StopAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false) is { } stopped)
            Say($"stopped on SIGTERM in {stopped.TotalSeconds:0.0} s");

        return new NodeFigures
        {
            Kind = kind,
            Round = round,
            Peers = options.Peers,
            IdleRssKiB = idle.RssKiB,
            Handshaken = connect.Connected,
            HandshakesPerSecond = handshakesPerSecond,
            HandshakeP50 = Pct(hs, 50),
            HandshakeP99 = Pct(hs, 99),
            RestRssKiB = restEnd.RssKiB,
            IdleCpuPercent = cpu,
            RestWindow = restClock.Elapsed,
            TimedSyncsInWindow = syncs,
            Threads = restEnd.Threads,
            GetConnectionsP50 = p50,
            GetConnectionsMax = latencies[^1],
            SequentialCalls = latencies.Count,
            ResponseBytes = responseBytes,
            Concurrent = poll,
            CountersCompared = compared,
            CounterMismatches = mismatches,
            ClosedByNode = closedByNode,
            ListedAfterClose = listedAfterClose,
            DrainTime = drainTime,
            Problems = problems,
        };
    }

    private static Dictionary<IdlePeer, (long Wrote, long Read)?> Bytes(List<IdlePeer> peers)
    {
        var bytes = new Dictionary<IdlePeer, (long, long)?>(peers.Count);
        foreach (var p in peers) bytes[p] = (p.BytesSent, p.BytesReceived);
        return bytes;
    }

    private static async Task WaitForRpcAsync(NodeProcess node, ConnectionsRpc rpc, TimeSpan within, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!await rpc.AnswersAsync(ct).ConfigureAwait(false))
        {
            if (node.HasExited) throw new InvalidOperationException($"node pid {node.ProcessId} exited before its RPC answered (see {node.LogPath})");
            if (clock.Elapsed > within) throw new TimeoutException($"node pid {node.ProcessId}: RPC did not answer within {within.TotalSeconds:0} s");
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    }

    private static async Task<ListingCheck> WaitForListingAsync(ConnectionsRpc rpc, IReadOnlyCollection<IdlePeer> peers, TimeSpan within,
        CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var answer = await rpc.GetAsync(ct).ConfigureAwait(false);
            var check = ListingCheck.Compare(answer.Connections, peers, compareCounts: false);
            if (check.AllListedNormal || clock.Elapsed > within) return check;
            await Task.Delay(500, ct).ConfigureAwait(false);
        }
    }

    private static async Task<int> WaitUntilNoneListedAsync(ConnectionsRpc rpc, TimeSpan within, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            int listed = (await rpc.GetAsync(ct).ConfigureAwait(false)).Connections.Count;
            if (listed == 0 || clock.Elapsed > within) return listed;
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    }

    private static string Describe(ListingCheck c) =>
        $"{c.Listed} listed for {c.Peers} peers, {c.Missing} missing, {c.NotNormal} not normal, {c.WrongPeerId} wrong id, " +
        $"{c.Outgoing} outgoing, {c.Unknown} unknown or twice; {c.FirstProblem}";

    internal static TimeSpan Pct(IReadOnlyList<TimeSpan> sorted, int percent) =>
        sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * percent / 100.0) - 1, 0, sorted.Count - 1)];

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0.0} ms";

    private static string Mib(long kib) => $"{kib / 1024.0:0.0} MiB";
}
