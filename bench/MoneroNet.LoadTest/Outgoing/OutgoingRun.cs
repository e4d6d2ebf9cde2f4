using System.Diagnostics;
using MoneroNet.LoadTest.Compare;
using MoneroNet.Wire;

namespace MoneroNet.LoadTest.Outgoing;

/// <summary>
/// Outgoing scale (issue 10 part 5), measured: N listening test peers (<see cref="ListeningFleet"/>), a fresh MoneroNet
/// given all of them as exclusive nodes (plus the bench's closed 127.0.0.1:1, which keeps failing) and
/// <c>--out-peers L</c>; then how long until get_connections lists min(L, N) outgoing normal connections, the most
/// connections ever open at once at the listeners (never above L), how many addresses were dialled twice, and whether
/// that holds for a while. Exit 0 when the target was reached in time and the limit was never passed.
/// </summary>
public sealed class OutgoingRun(OutgoingOptions options, Action<string> output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task<bool> RunAsync(CancellationToken ct)
    {
        ulong fileLimit = FileLimit.Ensure(2 * (ulong)options.Peers + 1024);
        Say($"{options.Peers} listening peers, --out-peers {options.Limit}; open-file limit {fileLimit}; load average {CompareRun.LoadAverage()}");
        var listening = _clock.Elapsed;
        await using var fleet = ListeningFleet.Start(options.Peers, 20, NetworkType.Testnet, options.Backlog);
        Say($"listening on 127.20.x.y:{fleet.Port}");
        var args = new List<string> { "--log-level", "0", "--out-peers", options.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var e in fleet.EndPoints) args.AddRange(["--add-exclusive-node", e.ToString()]);
        var listenedBeforeStart = _clock.Elapsed - listening;
        var started = Stopwatch.StartNew();
        await using var node = NodeProcess.Start(new LoadTestOptions { NodeDll = options.NodeDll }.ResolveNodeDll(), maxConnectionsPerIp: 1, args);
        Say($"node pid {node.ProcessId}, output {node.LogPath}");
        using var rpc = new ConnectionsRpc(node.Rpc);
        while (!await rpc.AnswersAsync(ct))
        {
            if (node.HasExited) throw new InvalidOperationException($"the node exited before its RPC answered (see {node.LogPath})");
            if (started.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the node's RPC did not answer within 60 s");
            await Task.Delay(100, ct);
        }
        var rpcUp = started.Elapsed;
        Say($"RPC answers {rpcUp.TotalSeconds:0.00} s after the start; open at the listeners then: {fleet.Open}");

        int maxListed = 0, maxOutgoing = 0;
        TimeSpan? reached = null;
        var milestones = new SortedDictionary<int, TimeSpan>();
        int[] marks = [options.Target / 10, options.Target / 2, options.Target * 9 / 10];
        while (started.Elapsed < rpcUp + options.Within && reached is null)
        {
            var answer = await rpc.GetAsync(ct);
            int outgoing = answer.Connections.Count(c => !c.Incoming && c.State == "normal");
            maxListed = Math.Max(maxListed, answer.Connections.Count);
            maxOutgoing = Math.Max(maxOutgoing, answer.Connections.Count(c => !c.Incoming));
            foreach (int m in marks) if (outgoing >= m && !milestones.ContainsKey(m)) milestones[m] = started.Elapsed;
            if (outgoing >= options.Target) reached = started.Elapsed;
            else await Task.Delay(250, ct);
        }
        Say(reached is { } r
            ? $"{options.Target} outgoing normal {r.TotalSeconds:0.00} s after the start ({(r - rpcUp).TotalSeconds:0.00} s after the RPC answered)"
            : $"NOT reached: {options.Target} outgoing normal within {options.Within.TotalSeconds:0} s of the RPC answering");
        Say("milestones: " + string.Join(", ", milestones.Select(m => $"{m.Key} at {m.Value.TotalSeconds:0.00} s")));
        Say($"at the listeners (times since they began listening; the node started {listenedBeforeStart.TotalSeconds:0.00} s after that): " +
            $"first connection {fleet.FirstAccept?.TotalSeconds:0.00} s, latest handshake answered {fleet.LastHandshake?.TotalSeconds:0.00} s; {fleet.Accepted} accepted, {fleet.Handshakes} handshakes answered, {fleet.Open} open, at most {fleet.PeakOpen} open at once, " +
            $"{fleet.RedialledAddresses} addresses connected more than once");

        var hold = Stopwatch.StartNew();
        int lowest = int.MaxValue;
        while (hold.Elapsed < options.Hold)
        {
            var answer = await rpc.GetAsync(ct);
            int outgoing = answer.Connections.Count(c => !c.Incoming && c.State == "normal");
            lowest = Math.Min(lowest, outgoing);
            maxListed = Math.Max(maxListed, answer.Connections.Count);
            maxOutgoing = Math.Max(maxOutgoing, answer.Connections.Count(c => !c.Incoming));
            await Task.Delay(500, ct);
        }
        var sample = ProcessSample.Take(node.ProcessId);
        Say($"held {options.Hold.TotalSeconds:0} s: outgoing normal never below {(lowest == int.MaxValue ? 0 : lowest)}; node listed at most {maxListed} " +
            $"({maxOutgoing} outgoing); at the listeners at most {fleet.PeakOpen} open at once, {fleet.Accepted} accepted in all, " +
            $"{fleet.RedialledAddresses} addresses connected more than once; node RSS {sample.RssKiB / 1024.0:0.0} MiB, threads {sample.Threads}, " +
            $"CPU so far {sample.CpuTicks / (double)ProcessSample.TicksPerSecond:0.0} s; load average {CompareRun.LoadAverage()}");
        await node.StopAsync(TimeSpan.FromSeconds(30));
        bool passed = reached is not null && fleet.PeakOpen <= options.Limit && maxOutgoing <= options.Limit;
        if (fleet.PeakOpen > options.Limit || maxOutgoing > options.Limit)
            Say($"LIMIT PASSED: {Math.Max(fleet.PeakOpen, maxOutgoing)} open against --out-peers {options.Limit}");
        Say(passed ? "PASSED" : "FAILED");
        return passed;
    }

    private void Say(string line) => output($"[{_clock.Elapsed.TotalSeconds,7:0.0}s] {line}");
}
