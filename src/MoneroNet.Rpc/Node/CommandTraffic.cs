namespace MoneroNet.Rpc.Node;

/// <summary>
/// Messages and bytes (Levin header included) of each <see cref="TrafficCommand"/>, received and sent. Each array is
/// <see cref="TrafficCommands.Count"/> long and indexed by <see cref="TrafficCommand"/>.
/// </summary>
public sealed record CommandTraffic
{
    public required ulong[] MessagesReceived { get; init; }
    public required ulong[] BytesReceived { get; init; }
    public required ulong[] MessagesSent { get; init; }
    public required ulong[] BytesSent { get; init; }

    /// <summary>No traffic at all.</summary>
    public static CommandTraffic Empty() => new()
    {
        MessagesReceived = new ulong[TrafficCommands.Count],
        BytesReceived = new ulong[TrafficCommands.Count],
        MessagesSent = new ulong[TrafficCommands.Count],
        BytesSent = new ulong[TrafficCommands.Count],
    };
}
