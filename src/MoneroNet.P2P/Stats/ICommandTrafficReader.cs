namespace MoneroNet.P2P.Stats;

/// <summary>
/// Reads messages and bytes by <see cref="CommandKind"/> and direction: one connection's
/// (<see cref="CommandTrafficCounters"/>) or the node's (<see cref="NodeCommandTraffic"/>), so whoever reports them
/// maps both with one loop.
/// </summary>
public interface ICommandTrafficReader
{
    ulong MessagesReceived(CommandKind kind);
    ulong BytesReceived(CommandKind kind);
    ulong MessagesSent(CommandKind kind);
    ulong BytesSent(CommandKind kind);
}
