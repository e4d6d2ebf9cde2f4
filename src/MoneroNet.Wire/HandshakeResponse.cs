using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>1001 COMMAND_HANDSHAKE response: <c>{ local_peerlist_new (omitted when empty), node_data, payload_data }</c>.</summary>
public sealed class HandshakeResponse : IWireMessage<HandshakeResponse>
{
    /// <inheritdoc/>
    public static uint Command => P2PCommands.Handshake;

    /// <summary>The <c>node_data</c> section: network id, peer id, ports, support flags.</summary>
    public BasicNodeData NodeData { get; init; } = new();
    /// <summary>The <c>payload_data</c> section: the sender's chain height, top block and pruning seed.</summary>
    public CoreSyncData PayloadData { get; init; } = new();
    /// <summary>Peers offered by the responder; more than 250 is the P2P layer's reason to fail the handshake.</summary>
    public IReadOnlyList<PeerlistEntry> LocalPeerlistNew { get; init; } = [];

    /// <inheritdoc/>
    public static HandshakeResponse FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new HandshakeResponse
        {
            NodeData = MessageParts.NodeData(section),
            PayloadData = MessageParts.PayloadData(section),
            LocalPeerlistNew = PeerlistEntry.ListFrom(section),
        };
    }

    /// <inheritdoc/>
    public EpeeSection ToSection()
    {
        // Keys in ordinal order, section sized exactly (see FieldWriter).
        var s = new EpeeSection(2 + FieldWriter.Count(LocalPeerlistNew.Count != 0));
        FieldWriter.ObjectArray(s, PeerlistEntry.ListKey, LocalPeerlistNew, static e => e.ToSection());
        s.Add(MessageParts.NodeDataKey, EpeeValue.FromSection(NodeData.ToSection()));
        s.Add(MessageParts.PayloadDataKey, EpeeValue.FromSection(PayloadData.ToSection()));
        return s;
    }
}
