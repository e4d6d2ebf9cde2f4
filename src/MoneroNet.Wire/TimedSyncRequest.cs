using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>1002 COMMAND_TIMED_SYNC request: <c>{ payload_data }</c>.</summary>
public sealed record TimedSyncRequest : IWireMessage<TimedSyncRequest>
{
    public static uint Command => P2PCommands.TimedSync;

    public CoreSyncData PayloadData { get; init; } = new();

    public static TimedSyncRequest FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new TimedSyncRequest { PayloadData = MessageParts.PayloadData(section) };
    }

    public EpeeSection ToSection()
    {
        var s = new EpeeSection(1);
        s.Add(MessageParts.PayloadDataKey, EpeeValue.FromSection(PayloadData.ToSection()));
        return s;
    }
}
