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
        var s = new EpeeSection(2);
        s.Add(MessageParts.PayloadDataKey, EpeeValue.FromSection(PayloadData.ToSection()));
        FieldWriter.ObjectArray(s, PeerlistEntry.ListKey, LocalPeerlistNew, static e => e.ToSection());
        return s;
    }
}
