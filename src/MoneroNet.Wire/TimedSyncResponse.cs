using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>1002 COMMAND_TIMED_SYNC response: <c>{ local_peerlist_new (omitted when empty), payload_data }</c>.</summary>
public sealed class TimedSyncResponse : IWireMessage<TimedSyncResponse>
{
    public static uint Command => P2PCommands.TimedSync;

    public CoreSyncData PayloadData { get; init; } = new();
    /// <summary>Peers not yet sent on this connection; more than 250 is the P2P layer's reason to close.</summary>
    public IReadOnlyList<PeerlistEntry> LocalPeerlistNew { get; init; } = [];

    public static TimedSyncResponse FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new TimedSyncResponse
        {
            PayloadData = MessageParts.PayloadData(section),
            LocalPeerlistNew = PeerlistEntry.ListFrom(section),
        };
    }

    public EpeeSection ToSection()
    {
        // Keys in ordinal order, section sized exactly (see FieldWriter).
        var s = new EpeeSection(1 + FieldWriter.Count(LocalPeerlistNew.Count != 0));
        FieldWriter.ObjectArray(s, PeerlistEntry.ListKey, LocalPeerlistNew, static e => e.ToSection());
        s.Add(MessageParts.PayloadDataKey, EpeeValue.FromSection(PayloadData.ToSection()));
        return s;
    }
}
