namespace MoneroNet.LoadTest.Compare;

/// <summary>
/// One node's figures in one round of a side-by-side run, and the behaviour checks behind them. <see cref="Problems"/>
/// holds only broken behaviour (a peer not handshaken or not listed normal, wrong counters, a failed RPC call, a
/// connection the node closed, one still listed after the close); a slow figure is never a problem.
/// </summary>
public sealed record NodeFigures
{
    public required NodeKind Kind { get; init; }
    public required int Round { get; init; }
    public required int Peers { get; init; }

    /// <summary>VmRSS of the fresh node 3 s after its RPC first answered, before any peer.</summary>
    public long IdleRssKiB { get; init; }
    public int Handshaken { get; init; }
    public double HandshakesPerSecond { get; init; }
    public TimeSpan HandshakeP50 { get; init; }
    public TimeSpan HandshakeP99 { get; init; }
    /// <summary>VmRSS at the end of the idle window, all peers connected.</summary>
    public long RestRssKiB { get; init; }
    public double RssPerConnectionKiB => Peers == 0 ? 0 : (RestRssKiB - IdleRssKiB) / (double)Peers;
    /// <summary>(Δutime + Δstime) / Δwall over the idle window, as a percentage of one core.</summary>
    public double IdleCpuPercent { get; init; }
    public TimeSpan RestWindow { get; init; }
    public int TimedSyncsInWindow { get; init; }
    public int Threads { get; init; }
    public TimeSpan GetConnectionsP50 { get; init; }
    public TimeSpan GetConnectionsMax { get; init; }
    public int SequentialCalls { get; init; }
    public long ResponseBytes { get; init; }
    public PollResult? Concurrent { get; init; }
    /// <summary>Listed peers whose byte counters were compared (summed over the sequential calls), and how many differed.</summary>
    public int CountersCompared { get; init; }
    public int CounterMismatches { get; init; }
    public int ClosedByNode { get; init; }
    public int ListedAfterClose { get; init; }
    /// <summary>From the peers' close until get_connections listed none (or the drain bound, when some stayed listed).</summary>
    public TimeSpan DrainTime { get; init; }
    public IReadOnlyList<string> Problems { get; init; } = [];

    public bool Passed => Problems.Count == 0;
}
