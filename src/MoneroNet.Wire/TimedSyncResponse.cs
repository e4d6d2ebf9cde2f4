using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>1002 COMMAND_TIMED_SYNC response: <c>{ local_peerlist_new (omitted when empty), payload_data }</c>.</summary>
public sealed class TimedSyncResponse : IWireMessage<TimedSyncResponse>
{
    /// <inheritdoc/>
    public static uint Command => P2PCommands.TimedSync;

    /// <summary>The <c>payload_data</c> section: the sender's chain height, top block and pruning seed.</summary>
    public CoreSyncData PayloadData { get; init; } = new();
    /// <summary>Peers not yet sent on this connection; more than 250 is the P2P layer's reason to close.</summary>
    public IReadOnlyList<PeerlistEntry> LocalPeerlistNew { get; init; } = [];

    /// <inheritdoc/>
    public static TimedSyncResponse FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new TimedSyncResponse
        {
            PayloadData = MessageParts.PayloadData(section),
            LocalPeerlistNew = PeerlistEntry.ListFrom(section),
        };
    }

    /// <inheritdoc/>
    public EpeeSection ToSection()
    {
        // Keys in ordinal order, section sized exactly (see FieldWriter).
        var s = new EpeeSection(1 + FieldWriter.Count(LocalPeerlistNew.Count != 0));
        FieldWriter.ObjectArray(s, PeerlistEntry.ListKey, LocalPeerlistNew, static e => e.ToSection());
        s.Add(MessageParts.PayloadDataKey, EpeeValue.FromSection(PayloadData.ToSection()));
        return s;
    }
}
