using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>1001 COMMAND_HANDSHAKE request: <c>{ node_data, payload_data }</c>.</summary>
public sealed record HandshakeRequest : IWireMessage<HandshakeRequest>
{
    public static uint Command => P2PCommands.Handshake;

    public BasicNodeData NodeData { get; init; } = new();
    public CoreSyncData PayloadData { get; init; } = new();

    public static HandshakeRequest FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new HandshakeRequest
        {
            NodeData = MessageParts.NodeData(section),
            PayloadData = MessageParts.PayloadData(section),
        };
    }

    public EpeeSection ToSection()
    {
        var s = new EpeeSection(2);
        s.Add(MessageParts.NodeDataKey, EpeeValue.FromSection(NodeData.ToSection()));
        s.Add(MessageParts.PayloadDataKey, EpeeValue.FromSection(PayloadData.ToSection()));
        return s;
    }
}
