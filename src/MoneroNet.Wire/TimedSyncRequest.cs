using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>1002 COMMAND_TIMED_SYNC request: <c>{ payload_data }</c>.</summary>
public sealed record TimedSyncRequest : IWireMessage<TimedSyncRequest>
{
    /// <inheritdoc/>
    public static uint Command => P2PCommands.TimedSync;

    /// <summary>The <c>payload_data</c> section: the sender's chain height, top block and pruning seed.</summary>
    public CoreSyncData PayloadData { get; init; } = new();

    /// <inheritdoc/>
    public static TimedSyncRequest FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new TimedSyncRequest { PayloadData = MessageParts.PayloadData(section) };
    }

    /// <inheritdoc/>
    public EpeeSection ToSection()
    {
        var s = new EpeeSection(1);
        s.Add(MessageParts.PayloadDataKey, EpeeValue.FromSection(PayloadData.ToSection()));
        return s;
    }
}
