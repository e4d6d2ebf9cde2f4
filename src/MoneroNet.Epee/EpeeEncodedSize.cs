namespace MoneroNet.Epee;

/// <summary>
/// The exact number of bytes <see cref="EpeeWriter"/> produces for a tree, so that <see cref="EpeeStorage.ToArray(EpeeSection, int)"/>
/// can write straight into one array of that size instead of growing a buffer and copying it. It refuses the same
/// trees, with the same exceptions, as the writer.
/// </summary>
internal static class EpeeEncodedSize
{
    public static long Of(EpeeSection root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return EpeeHeader.Length + Section(root, 0);
    }

    private static long Section(EpeeSection section, int nesting)
    {
        EpeeWriter.CheckNesting(nesting, "a section", nameof(section));
        ReadOnlySpan<KeyValuePair<string, EpeeValue>> entries = section.EntrySpan;
        long size = EpeeVarint.GetLength((ulong)entries.Length);
        for (int i = 0; i < entries.Length; i++)
        {
            string key = entries[i].Key;
            EpeeWriter.CheckKey(key);
            size += 1 + key.Length + Value(entries[i].Value, nesting);
        }
        return size;
    }

    // Tag included.
    private static long Value(EpeeValue value, int nesting) =>
        value.Type == EpeeType.Array ? Array(value.AsArray(), nesting) : 1 + Payload(value, nesting);

    private static long Array(EpeeArray array, int nesting)
    {
        EpeeWriter.CheckNesting(nesting, "an array", nameof(array));
        if (array.IsPacked) return 1 + EpeeVarint.GetLength((ulong)array.Count) + array.PackedBytes.Length;
        ReadOnlySpan<EpeeValue> items = array.ItemSpan;
        long size = 1 + EpeeVarint.GetLength((ulong)items.Length);
        for (int i = 0; i < items.Length; i++)
            size += items[i].Type == EpeeType.Array ? Array(items[i].AsArray(), nesting + 1) : Payload(items[i], nesting);
        return size;
    }

    // The value without its tag.
    private static long Payload(EpeeValue value, int nesting) => value.Type switch
    {
        EpeeType.Int64 or EpeeType.UInt64 or EpeeType.Double => 8,
        EpeeType.Int32 or EpeeType.UInt32 => 4,
        EpeeType.Int16 or EpeeType.UInt16 => 2,
        EpeeType.Int8 or EpeeType.UInt8 or EpeeType.Bool => 1,
        EpeeType.String => EpeeVarint.GetLength((ulong)value.AsBytes().Length) + value.AsBytes().Length,
        EpeeType.Object => Section(value.AsSection(), nesting + 1),
        _ => throw new ArgumentException($"value of type {value.Type} cannot be written", nameof(value)),
    };
}
