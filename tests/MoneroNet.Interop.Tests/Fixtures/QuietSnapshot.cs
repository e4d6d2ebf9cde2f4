namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// Takes get_connections of several daemons at a moment when none of them moves a byte, so byte counters read at
/// slightly different instants can be compared exactly. Every end is sampled, then again after
/// <c>quiet</c>; the snapshot counts only when each end's connections (ids, counters, states, heights) are unchanged.
/// Then every end was idle over an interval that overlaps all the others, and no message can have been in flight
/// unless it took longer than <c>quiet</c> on loopback. A timed sync (every ~60 s per node) or any other traffic in
/// between simply makes the round repeat.
/// </summary>
public static class QuietSnapshot
{
    public static readonly TimeSpan DefaultQuiet = TimeSpan.FromMilliseconds(500);

    public static async Task<IReadOnlyList<IReadOnlyList<ConnectionInfo>>> TakeAsync(IReadOnlyList<MonerodRpc> ends,
        TimeSpan within, CancellationToken ct, TimeSpan? quiet = null)
    {
        string last = "no round completed";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(within);
        try
        {
            while (true)
            {
                var first = await SampleAllAsync(ends, deadline.Token);
                await Task.Delay(quiet ?? DefaultQuiet, deadline.Token);
                var second = await SampleAllAsync(ends, deadline.Token);
                if (first.Zip(second).All(pair => SameTraffic(pair.First, pair.Second))) return second;
                last = string.Join("\n", second.Select((list, i) => $"end {i}: " + string.Join("; ", list)));
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"no quiet moment within {within.TotalSeconds:0} s; last round:\n{last}");
        }
    }

    private static async Task<List<IReadOnlyList<ConnectionInfo>>> SampleAllAsync(IReadOnlyList<MonerodRpc> ends,
        CancellationToken ct)
    {
        var samples = new List<IReadOnlyList<ConnectionInfo>>(ends.Count);
        foreach (var end in ends) samples.Add(await end.GetConnectionsAsync(ct)); // one after another, in order
        return samples;
    }

    private static bool SameTraffic(IReadOnlyList<ConnectionInfo> a, IReadOnlyList<ConnectionInfo> b) =>
        a.Count == b.Count && a.OrderBy(c => c.ConnectionId).Zip(b.OrderBy(c => c.ConnectionId)).All(p =>
            p.First.ConnectionId == p.Second.ConnectionId && p.First.RecvCount == p.Second.RecvCount &&
            p.First.SendCount == p.Second.SendCount && p.First.State == p.Second.State &&
            p.First.PeerId == p.Second.PeerId && p.First.Height == p.Second.Height);
}
