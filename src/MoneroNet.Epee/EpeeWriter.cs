using System.Buffers;
using System.Buffers.Binary;

namespace MoneroNet.Epee;

/// <summary>
/// Encodes an <see cref="EpeeSection"/> tree the way epee emits it: header, entries of every section in ascending
/// byte-wise key order, minimal varints, each value with the tag it carries, arrays as <c>tag | 0x80</c>, count,
/// elements. It writes exactly what the tree holds; leaving out default or empty fields is the message layer's job.
/// </summary>
internal static class EpeeWriter
{
    // epee's writer refuses keys of 255 bytes or more (the reader would take 255).
    private const int MaxKeyLength = 254;

    // A deeper tree cannot be read back by epee anyway (its nesting counter stops near 33 levels); the bound only
    // turns an accidental cycle in the tree into an exception instead of a stack overflow.
    private const int MaxNesting = 256;

    public static void Write(EpeeSection root, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(output);
        EpeeHeader.Write(output.GetSpan(EpeeHeader.Length));
        output.Advance(EpeeHeader.Length);
        WriteSection(root, output, 0);
    }

    private static void WriteSection(EpeeSection section, IBufferWriter<byte> output, int nesting)
    {
        CheckNesting(nesting, "a section", nameof(section));
        WriteVarint(output, (ulong)section.Count);
        // Spans, not foreach over IReadOnlyList: that boxes an enumerator per section.
        ReadOnlySpan<KeyValuePair<string, EpeeValue>> entries = SortedEntries(section);
        for (int i = 0; i < entries.Length; i++)
        {
            WriteKey(output, entries[i].Key);
            WriteValue(output, entries[i].Value, nesting);
        }
    }

    // The entries in epee's order: the section's own when already sorted (as the reader and the message layer
    // build them), otherwise a sorted copy.
    private static ReadOnlySpan<KeyValuePair<string, EpeeValue>> SortedEntries(EpeeSection section)
    {
        ReadOnlySpan<KeyValuePair<string, EpeeValue>> entries = section.EntrySpan;
        for (int i = 1; i < entries.Length; i++)
        {
            if (string.CompareOrdinal(entries[i - 1].Key, entries[i].Key) > 0)
            {
                var sorted = entries.ToArray();
                Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                return sorted;
            }
        }
        return entries;
    }

    /// <summary>Throws as the writer does for a key it cannot write (shared with <see cref="EpeeEncodedSize"/>).</summary>
    internal static void CheckKey(string key)
    {
        if (key.Length is 0 or > MaxKeyLength)
            throw new ArgumentException($"key length {key.Length} is outside 1..{MaxKeyLength}", nameof(key));
        for (int i = 0; i < key.Length; i++)
        {
            // Keys are byte strings held one char per byte; a wider char cannot come from the wire.
            if (key[i] > 0xFF) throw new ArgumentException($"key '{key}' has a character above U+00FF", nameof(key));
        }
    }

    /// <summary>Throws as the writer does for a tree nested past its bound (shared with <see cref="EpeeEncodedSize"/>).</summary>
    internal static void CheckNesting(int nesting, string container, string paramName)
    {
        if (nesting > MaxNesting)
            throw new ArgumentException($"tree nested deeper than {MaxNesting} levels ({container} containing itself?)", paramName);
    }

    private static void WriteKey(IBufferWriter<byte> output, string key)
    {
        CheckKey(key);
        Span<byte> span = output.GetSpan(1 + key.Length);
        span[0] = (byte)key.Length;
        for (int i = 0; i < key.Length; i++) span[1 + i] = (byte)key[i];
        output.Advance(1 + key.Length);
    }

    private static void WriteValue(IBufferWriter<byte> output, EpeeValue value, int nesting)
    {
        if (value.Type == EpeeType.Array)
        {
            WriteArray(output, value.AsArray(), nesting);
            return;
        }
        WriteByte(output, (byte)value.Type);
        WritePayload(output, value, nesting);
    }

    private static void WriteArray(IBufferWriter<byte> output, EpeeArray array, int nesting)
    {
        CheckNesting(nesting, "an array", nameof(array));
        WriteByte(output, (byte)((byte)array.ElementType | EpeeTypeFlags.Array));
        WriteVarint(output, (ulong)array.Count);
        if (array.IsPacked)
        {
            // Scalars are held as their wire bytes already.
            output.Write(array.PackedBytes);
            return;
        }
        ReadOnlySpan<EpeeValue> items = array.ItemSpan;
        for (int i = 0; i < items.Length; i++)
        {
            // Arrays of arrays: each element is again tag | 0x80, count, elements (no tag-13 wrapper).
            if (items[i].Type == EpeeType.Array) WriteArray(output, items[i].AsArray(), nesting + 1);
            else WritePayload(output, items[i], nesting);
        }
    }

    // The value without its tag.
    private static void WritePayload(IBufferWriter<byte> output, EpeeValue value, int nesting)
    {
        switch (value.Type)
        {
            case EpeeType.Int64 or EpeeType.UInt64 or EpeeType.Double:
                BinaryPrimitives.WriteUInt64LittleEndian(output.GetSpan(8), value.RawBits);
                output.Advance(8);
                break;
            case EpeeType.Int32 or EpeeType.UInt32:
                BinaryPrimitives.WriteUInt32LittleEndian(output.GetSpan(4), unchecked((uint)value.RawBits));
                output.Advance(4);
                break;
            case EpeeType.Int16 or EpeeType.UInt16:
                BinaryPrimitives.WriteUInt16LittleEndian(output.GetSpan(2), unchecked((ushort)value.RawBits));
                output.Advance(2);
                break;
            case EpeeType.Int8 or EpeeType.UInt8 or EpeeType.Bool:
                WriteByte(output, unchecked((byte)value.RawBits));
                break;
            case EpeeType.String:
                byte[] bytes = value.AsBytes();
                WriteVarint(output, (ulong)bytes.Length);
                output.Write(bytes);
                break;
            case EpeeType.Object:
                WriteSection(value.AsSection(), output, nesting + 1);
                break;
            default:
                throw new ArgumentException($"value of type {value.Type} cannot be written", nameof(value));
        }
    }

    private static void WriteVarint(IBufferWriter<byte> output, ulong value)
    {
        // Ask for the exact width: an output sized by EpeeEncodedSize has no slack at its end.
        int n = EpeeVarint.Write(output.GetSpan(EpeeVarint.GetLength(value)), value);
        output.Advance(n);
    }

    private static void WriteByte(IBufferWriter<byte> output, byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }
}
