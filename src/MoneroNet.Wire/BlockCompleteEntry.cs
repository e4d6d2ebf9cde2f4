using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>
/// <c>block_complete_entry</c>: a block blob with its transactions. Not pruned: <c>txs</c> is an array of tx
/// blobs; pruned: an array of <c>{ blob, prunable_hash }</c> objects. The blobs are kept opaque (this layer does not
/// parse blocks or transactions).
/// </summary>
public sealed class BlockCompleteEntry
{
    /// <summary>The <c>pruned</c> field (docs/PROTOCOL.md §3).</summary>
    public bool Pruned { get; init; }
    /// <summary>The <c>block</c> field (docs/PROTOCOL.md §3).</summary>
    public byte[] Block { get; init; } = [];
    /// <summary>Only sent for pruned blocks; 0 is omitted on the wire.</summary>
    public ulong BlockWeight { get; init; }
    /// <summary>The <c>txs</c> field (docs/PROTOCOL.md §3).</summary>
    public IReadOnlyList<TxBlobEntry> Txs { get; init; } = [];

    /// <summary>Reads the fields under <paramref name="prefix"/> (a nested section's key path, "" for the root) as monerod loads them: unknown keys ignored, missing ones default.</summary>
    public static BlockCompleteEntry FromSection(EpeeSection section, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(section);
        bool pruned = FieldReader.Bool(section, "pruned", prefix);
        return new BlockCompleteEntry
        {
            Pruned = pruned,
            Block = FieldReader.Bytes(section, "block", prefix) ?? [],
            BlockWeight = FieldReader.UInt64(section, "block_weight", prefix),
            Txs = pruned ? PrunedTxs(section, prefix) : FieldReader.StringArray(section, "txs", prefix).Select(b => new TxBlobEntry(b, Hash32.Zero)).ToArray(),
        };
    }

    /// <summary>The fields as an epee section, with the keys and type tags monerod writes.</summary>
    public EpeeSection ToSection()
    {
        // Keys in ordinal order (see FieldWriter).
        var s = new EpeeSection(4);
        s.Add("block", EpeeValue.FromBytes(Block));
        FieldWriter.OptionalUInt64(s, "block_weight", BlockWeight);
        if (Pruned) s.Add("pruned", EpeeValue.FromBool(true));
        if (Pruned)
        {
            FieldWriter.ObjectArray(s, "txs", Txs, static tx =>
            {
                var e = new EpeeSection(2);
                e.Add("blob", EpeeValue.FromBytes(tx.Blob));
                FieldWriter.Hash(e, "prunable_hash", tx.PrunableHash);
                return e;
            });
        }
        else
        {
            FieldWriter.StringArray(s, "txs", Txs.Select(static tx => tx.Blob).ToArray());
        }
        return s;
    }

    private static TxBlobEntry[] PrunedTxs(EpeeSection section, string prefix)
    {
        var items = FieldReader.ObjectArray(section, "txs");
        var txs = new TxBlobEntry[items.Count];
        for (int i = 0; i < txs.Length; i++)
        {
            var e = items[i].AsSection();
            FieldPath at = FieldPath.Element(prefix + "txs", i);
            txs[i] = new TxBlobEntry(FieldReader.Bytes(e, "blob", at) ?? [], FieldReader.Hash(e, "prunable_hash", at));
        }
        return txs;
    }
}
