namespace MoneroNet.Rpc.Node;

/// <summary>Process-wide P2P traffic counters (completed socket reads and writes), as <c>/get_net_stats</c> reports them.</summary>
public sealed record NetStatsSnapshot
{
    public required long StartedUnixSeconds { get; init; }
    public required ulong TotalBytesIn { get; init; }
    public required ulong TotalBytesOut { get; init; }
    public required ulong TotalPacketsIn { get; init; }
    public required ulong TotalPacketsOut { get; init; }
}
