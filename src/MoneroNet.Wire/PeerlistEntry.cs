using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary><c>peerlist_entry</c>, an element of <c>local_peerlist_new</c> (docs/PROTOCOL.md §3.1, §3.7).</summary>
public sealed record PeerlistEntry
{
    /// <summary>Key of the peer list in handshake and timed-sync responses.</summary>
    public const string ListKey = "local_peerlist_new";

    /// <summary>The peer's address; <see cref="NetworkAddress.Invalid"/> when it did not load (monerod then rejects the whole list).</summary>
    public NetworkAddress Address { get; init; } = NetworkAddress.Invalid;
    /// <summary>The <c>id</c> field (docs/PROTOCOL.md §3).</summary>
    public ulong Id { get; init; }
    /// <summary>Unix time; monerod zeroes it before sending, and 0 is omitted on the wire.</summary>
    public long LastSeen { get; init; }
    /// <summary>The <c>pruning_seed</c> field (docs/PROTOCOL.md §3).</summary>
    public uint PruningSeed { get; init; }
    /// <summary>The <c>rpc_port</c> field (docs/PROTOCOL.md §3).</summary>
    public ushort RpcPort { get; init; }
    /// <summary>The <c>rpc_credits_per_hash</c> field (docs/PROTOCOL.md §3).</summary>
    public uint RpcCreditsPerHash { get; init; }

    /// <summary>Reads the fields under <paramref name="prefix"/> (a nested section's key path, "" for the root) as monerod loads them: unknown keys ignored, missing ones default.</summary>
    public static PeerlistEntry FromSection(EpeeSection section, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(section);
        return Load(section, FieldPath.Of(prefix));
    }

    private static PeerlistEntry Load(EpeeSection section, FieldPath path) => new()
    {
        Address = FieldReader.Object(section, "adr") is { } adr ? NetworkAddress.Load(adr, path.Append("adr.")) : NetworkAddress.Invalid,
        Id = FieldReader.UInt64(section, "id", path),
        LastSeen = FieldReader.Int64(section, "last_seen", path),
        PruningSeed = FieldReader.UInt32(section, "pruning_seed", path),
        RpcPort = FieldReader.UInt16(section, "rpc_port", path),
        RpcCreditsPerHash = FieldReader.UInt32(section, "rpc_credits_per_hash", path),
    };

    /// <summary>The fields as an epee section, with the keys and type tags monerod writes.</summary>
    public EpeeSection ToSection()
    {
        // Keys in ordinal order, section sized exactly (see FieldWriter).
        var s = new EpeeSection(2 + FieldWriter.Count(LastSeen != 0) + FieldWriter.Count(PruningSeed != 0)
            + FieldWriter.Count(RpcCreditsPerHash != 0) + FieldWriter.Count(RpcPort != 0));
        s.Add("adr", EpeeValue.FromSection(Address.ToSection()));
        s.Add("id", EpeeValue.FromUInt64(Id));
        FieldWriter.OptionalInt64(s, "last_seen", LastSeen);
        FieldWriter.OptionalUInt32(s, "pruning_seed", PruningSeed);
        FieldWriter.OptionalUInt32(s, "rpc_credits_per_hash", RpcCreditsPerHash);
        FieldWriter.OptionalUInt16(s, "rpc_port", RpcPort);
        return s;
    }

    /// <summary>
    /// How many entries the <c>local_peerlist_new</c> of a response body holds, read from the array header without
    /// decoding any entry, so the P2P layer can refuse an oversized list (&gt; 250) before loading it.
    /// 0 when absent or not an object array (epee then loads an empty list).
    /// </summary>
    public static int CountIn(EpeeSection responseBody)
    {
        ArgumentNullException.ThrowIfNull(responseBody);
        return FieldReader.ObjectArray(responseBody, ListKey).Count;
    }

    internal static IReadOnlyList<PeerlistEntry> ListFrom(EpeeSection body)
    {
        var items = FieldReader.ObjectArray(body, ListKey);
        if (items.Count == 0) return [];
        var entries = new PeerlistEntry[items.Count];
        for (int i = 0; i < entries.Length; i++)
            entries[i] = Load(items[i].AsSection(), FieldPath.Element(ListKey, i));
        return entries;
    }
}
