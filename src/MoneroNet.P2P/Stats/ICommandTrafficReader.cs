namespace MoneroNet.P2P.Stats;

/// <summary>
/// Reads messages and bytes by <see cref="CommandKind"/> and direction: one connection's
/// (<see cref="CommandTrafficCounters"/>) or the node's (<see cref="NodeCommandTraffic"/>), so whoever reports them
/// maps both with one loop.
/// </summary>
public interface ICommandTrafficReader
{
    /// <summary>Messages of <paramref name="kind"/> received.</summary>
    ulong MessagesReceived(CommandKind kind);
    /// <summary>Bytes of <paramref name="kind"/> received, Levin headers included.</summary>
    ulong BytesReceived(CommandKind kind);
    /// <summary>Messages of <paramref name="kind"/> sent.</summary>
    ulong MessagesSent(CommandKind kind);
    /// <summary>Bytes of <paramref name="kind"/> sent, Levin headers included.</summary>
    ulong BytesSent(CommandKind kind);
}
