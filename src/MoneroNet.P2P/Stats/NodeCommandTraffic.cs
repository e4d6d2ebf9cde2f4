namespace MoneroNet.P2P.Stats;

/// <summary>
/// Every connection's messages and bytes by <see cref="CommandKind"/> and direction since the node started, closed
/// connections included. Many sessions add at once, so each add is one <see cref="Interlocked"/> operation; no lock.
/// </summary>
public sealed class NodeCommandTraffic : ICommandTrafficReader
{
    // Four blocks of Count: messages received, bytes received, messages sent, bytes sent.
    private readonly long[] _counts = new long[4 * CommandKinds.Count];

    internal void AddReceived(CommandKind kind, long messages, long bytes)
    {
        if (messages != 0) Interlocked.Add(ref _counts[(int)kind], messages);
        Interlocked.Add(ref _counts[CommandKinds.Count + (int)kind], bytes);
    }

    internal void AddSent(CommandKind kind, long bytes)
    {
        Interlocked.Increment(ref _counts[2 * CommandKinds.Count + (int)kind]);
        Interlocked.Add(ref _counts[3 * CommandKinds.Count + (int)kind], bytes);
    }

    /// <inheritdoc/>
    public ulong MessagesReceived(CommandKind kind) => (ulong)Volatile.Read(ref _counts[(int)kind]);
    /// <inheritdoc/>
    public ulong BytesReceived(CommandKind kind) => (ulong)Volatile.Read(ref _counts[CommandKinds.Count + (int)kind]);
    /// <inheritdoc/>
    public ulong MessagesSent(CommandKind kind) => (ulong)Volatile.Read(ref _counts[2 * CommandKinds.Count + (int)kind]);
    /// <inheritdoc/>
    public ulong BytesSent(CommandKind kind) => (ulong)Volatile.Read(ref _counts[3 * CommandKinds.Count + (int)kind]);
}
