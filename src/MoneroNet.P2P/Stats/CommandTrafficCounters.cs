namespace MoneroNet.P2P.Stats;

/// <summary>
/// One connection's messages and bytes (Levin header included) by <see cref="CommandKind"/> and direction, kept on
/// the connection as StackExchange.Redis keeps its counters. Each direction has one writer — the read loop counts
/// what it parsed, the send drain what it flushed — so a write is a plain add published with
/// <c>Volatile.Write</c>: no lock, no allocation per message. Readers (the RPC) read with
/// <c>Volatile.Read</c>. Every add also feeds the node-wide <see cref="NodeCommandTraffic"/>.
/// </summary>
/// <remarks>
/// The invariant (docs/OBSERVABILITY.md, "Per-connection facts"): whenever no packet is partly received or sent, the
/// received bytes of all kinds sum to the connection's recv_count and the sent bytes to its send_count.
/// </remarks>
public sealed class CommandTrafficCounters : ICommandTrafficReader
{
    private readonly long[] _counts = new long[4 * CommandKinds.Count];
    private readonly NodeCommandTraffic? _totals;

    /// <summary>Counters of their own, not added to any node-wide total.</summary>
    public CommandTrafficCounters() { }

    internal CommandTrafficCounters(NodeCommandTraffic totals) => _totals = totals;

    /// <summary>Read loop only: one received message of <paramref name="kind"/>, <paramref name="bytes"/> on the wire.</summary>
    public void OnMessageReceived(CommandKind kind, long bytes) => AddReceived(kind, 1, bytes);

    /// <summary>
    /// Read loop only: bytes that carried no message of their own (dummy and fragment packets, garbage left when the
    /// connection ended), counted as <see cref="CommandKind.Other"/> bytes.
    /// </summary>
    public void OnUnframedBytesReceived(long bytes)
    {
        if (bytes > 0) AddReceived(CommandKind.Other, 0, bytes);
    }

    /// <summary>Send drain only: one message of <paramref name="kind"/>, <paramref name="bytes"/> on the socket.</summary>
    public void OnMessageSent(CommandKind kind, long bytes)
    {
        int m = 2 * CommandKinds.Count + (int)kind, b = 3 * CommandKinds.Count + (int)kind;
        Volatile.Write(ref _counts[m], _counts[m] + 1);
        Volatile.Write(ref _counts[b], _counts[b] + bytes);
        _totals?.AddSent(kind, bytes);
    }

    private void AddReceived(CommandKind kind, long messages, long bytes)
    {
        int m = (int)kind, b = CommandKinds.Count + (int)kind;
        if (messages != 0) Volatile.Write(ref _counts[m], _counts[m] + messages);
        Volatile.Write(ref _counts[b], _counts[b] + bytes);
        _totals?.AddReceived(kind, messages, bytes);
    }

    /// <inheritdoc/>
    public ulong MessagesReceived(CommandKind kind) => (ulong)Volatile.Read(ref _counts[(int)kind]);
    /// <inheritdoc/>
    public ulong BytesReceived(CommandKind kind) => (ulong)Volatile.Read(ref _counts[CommandKinds.Count + (int)kind]);
    /// <inheritdoc/>
    public ulong MessagesSent(CommandKind kind) => (ulong)Volatile.Read(ref _counts[2 * CommandKinds.Count + (int)kind]);
    /// <inheritdoc/>
    public ulong BytesSent(CommandKind kind) => (ulong)Volatile.Read(ref _counts[3 * CommandKinds.Count + (int)kind]);

    /// <summary>Received bytes of every kind together (equals recv_count when no packet is partly received).</summary>
    public ulong TotalBytesReceived()
    {
        ulong sum = 0;
        for (int i = 0; i < CommandKinds.Count; i++) sum += BytesReceived((CommandKind)i);
        return sum;
    }

    /// <summary>Sent bytes of every kind together (equals send_count when no packet is partly sent).</summary>
    public ulong TotalBytesSent()
    {
        ulong sum = 0;
        for (int i = 0; i < CommandKinds.Count; i++) sum += BytesSent((CommandKind)i);
        return sum;
    }
}
