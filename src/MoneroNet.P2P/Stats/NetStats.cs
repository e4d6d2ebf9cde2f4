namespace MoneroNet.P2P.Stats;

/// <summary>
/// Process-wide P2P traffic totals since the node started, what the 0.18 binary's get_net_stats reports (P2P sockets
/// only, PROTOCOL.md §8): bytes and completed socket reads/writes in each direction, summed over every connection —
/// handshaked or not, back-pings included — at the same point each connection's own counters are updated.
/// </summary>
public sealed class NetStats
{
    private long _bytesIn;
    private long _bytesOut;
    private long _packetsIn;
    private long _packetsOut;

    /// <summary>Bytes received on every connection since start (get_net_stats).</summary>
    public ulong TotalBytesIn => (ulong)Interlocked.Read(ref _bytesIn);
    /// <summary>Bytes sent on every connection since start.</summary>
    public ulong TotalBytesOut => (ulong)Interlocked.Read(ref _bytesOut);
    /// <summary>Levin packets received since start.</summary>
    public ulong TotalPacketsIn => (ulong)Interlocked.Read(ref _packetsIn);
    /// <summary>Levin packets sent since start.</summary>
    public ulong TotalPacketsOut => (ulong)Interlocked.Read(ref _packetsOut);

    internal void OnReceived(int bytes)
    {
        Interlocked.Add(ref _bytesIn, bytes);
        Interlocked.Increment(ref _packetsIn);
    }

    internal void OnSent(int bytes)
    {
        Interlocked.Add(ref _bytesOut, bytes);
        Interlocked.Increment(ref _packetsOut);
    }
}
