using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>1001 COMMAND_HANDSHAKE request: <c>{ node_data, payload_data }</c>.</summary>
public sealed record HandshakeRequest : IWireMessage<HandshakeRequest>
{
    /// <inheritdoc/>
    public static uint Command => P2PCommands.Handshake;

    /// <summary>The <c>node_data</c> section: network id, peer id, ports, support flags.</summary>
    public BasicNodeData NodeData { get; init; } = new();
    /// <summary>The <c>payload_data</c> section: the sender's chain height, top block and pruning seed.</summary>
    public CoreSyncData PayloadData { get; init; } = new();

    /// <inheritdoc/>
    public static HandshakeRequest FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new HandshakeRequest
        {
            NodeData = MessageParts.NodeData(section),
            PayloadData = MessageParts.PayloadData(section),
        };
    }

    /// <inheritdoc/>
    public EpeeSection ToSection()
    {
        var s = new EpeeSection(2);
        s.Add(MessageParts.NodeDataKey, EpeeValue.FromSection(NodeData.ToSection()));
        s.Add(MessageParts.PayloadDataKey, EpeeValue.FromSection(PayloadData.ToSection()));
        return s;
    }
}
