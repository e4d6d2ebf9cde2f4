using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary><c>basic_node_data</c>, the <c>node_data</c> of handshakes (docs/PROTOCOL.md §3.1).</summary>
public sealed record BasicNodeData
{
    /// <summary>The <c>network_id</c> field (docs/PROTOCOL.md §3).</summary>
    public NetworkId NetworkId { get; init; }
    /// <summary>Advertised listening port; 0 = do not ping back / do not add me.</summary>
    public uint MyPort { get; init; }
    /// <summary>Restricted RPC port for <c>--public-node</c>; 0 = none (omitted on the wire).</summary>
    public ushort RpcPort { get; init; }
    /// <summary>The <c>rpc_credits_per_hash</c> field (docs/PROTOCOL.md §3).</summary>
    public uint RpcCreditsPerHash { get; init; }
    /// <summary>The <c>peer_id</c> field (docs/PROTOCOL.md §3).</summary>
    public ulong PeerId { get; init; }
    /// <summary>Bit set of support flags; <see cref="NetworkConstants.SupportFlagFluffyBlocks"/> is the only one defined.</summary>
    public uint SupportFlags { get; init; }

    /// <summary>Reads the fields under <paramref name="prefix"/> (a nested section's key path, "" for the root) as monerod loads them: unknown keys ignored, missing ones default.</summary>
    public static BasicNodeData FromSection(EpeeSection section, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(section);
        return new BasicNodeData
        {
            NetworkId = FieldReader.PodBlob(section, "network_id", prefix, NetworkId.Size) is { } id ? new NetworkId(id) : NetworkId.Zero,
            PeerId = FieldReader.UInt64(section, "peer_id", prefix),
            MyPort = FieldReader.UInt32(section, "my_port", prefix),
            RpcPort = FieldReader.UInt16(section, "rpc_port", prefix),
            RpcCreditsPerHash = FieldReader.UInt32(section, "rpc_credits_per_hash", prefix),
            SupportFlags = FieldReader.UInt32(section, "support_flags", prefix),
        };
    }

    /// <summary>The fields as an epee section, with the keys and type tags monerod writes.</summary>
    public EpeeSection ToSection()
    {
        // Keys in ordinal order, section sized exactly (see FieldWriter).
        var s = new EpeeSection(3 + FieldWriter.Count(RpcCreditsPerHash != 0) + FieldWriter.Count(RpcPort != 0)
            + FieldWriter.Count(SupportFlags != 0));
        s.Add("my_port", EpeeValue.FromUInt32(MyPort));
        s.Add("network_id", EpeeValue.FromBytes(NetworkId.ToArray()));
        s.Add("peer_id", EpeeValue.FromUInt64(PeerId));
        FieldWriter.OptionalUInt32(s, "rpc_credits_per_hash", RpcCreditsPerHash);
        FieldWriter.OptionalUInt16(s, "rpc_port", RpcPort);
        FieldWriter.OptionalUInt32(s, "support_flags", SupportFlags);
        return s;
    }
}
