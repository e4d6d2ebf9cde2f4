using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>Loading of the nested structs several P2P messages share (a missing or non-object part loads as defaults).</summary>
internal static class MessageParts
{
    public const string NodeDataKey = "node_data";
    public const string PayloadDataKey = "payload_data";

    public static BasicNodeData NodeData(EpeeSection body) =>
        FieldReader.Object(body, NodeDataKey) is { } s ? BasicNodeData.FromSection(s, NodeDataKey + ".") : new BasicNodeData();

    public static CoreSyncData PayloadData(EpeeSection body) =>
        FieldReader.Object(body, PayloadDataKey) is { } s ? CoreSyncData.FromSection(s, PayloadDataKey + ".") : new CoreSyncData();
}
