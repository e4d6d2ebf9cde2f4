using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>
/// Loads typed fields from a section with epee's keyvalue_serialization rules (docs/PROTOCOL.md §1.5–1.6):
/// a missing key leaves the field at its default; any integer tag is range-checked into the field's type;
/// inconvertible types throw <see cref="WireFormatException"/>; POD blobs of the wrong length are left zero;
/// a nested object or object array of the wrong shape is ignored (epee's open_section/get_first_section
/// return nothing), while a non-empty scalar array of the wrong element type throws.
/// The <see cref="FieldPath"/> argument is the path of the enclosing section ("" for the root, "node_data." …); it
/// only names a field in an error, so it is joined with the key only when one is thrown.
/// </summary>
internal static class FieldReader
{
    public static ulong UInt64(EpeeSection s, string key, FieldPath path, ulong missing = 0)
    {
        if (!s.TryGetValue(key, out var v)) return missing;
        if (v.Type == EpeeType.String) return DigitsToUInt64(v.AsBytes(), path, key);
        return Convert(v, path, key, static x => x.AsUInt64());
    }

    public static uint UInt32(EpeeSection s, string key, FieldPath path, uint missing = 0) =>
        s.TryGetValue(key, out var v) ? Convert(v, path, key, static x => x.AsUInt32()) : missing;

    public static ushort UInt16(EpeeSection s, string key, FieldPath path, ushort missing = 0) =>
        s.TryGetValue(key, out var v) ? Convert(v, path, key, static x => x.AsUInt16()) : missing;

    public static byte UInt8(EpeeSection s, string key, FieldPath path, byte missing = 0) =>
        s.TryGetValue(key, out var v) ? Convert(v, path, key, static x => x.AsUInt8()) : missing;

    public static long Int64(EpeeSection s, string key, FieldPath path, long missing = 0) =>
        s.TryGetValue(key, out var v) ? Convert(v, path, key, static x => x.AsInt64()) : missing;

    /// <summary>Bools take only the BOOL tag: epee's converters never turn integers into bools.</summary>
    public static bool Bool(EpeeSection s, string key, FieldPath path, bool missing = false)
    {
        if (!s.TryGetValue(key, out var v)) return missing;
        if (v.Type != EpeeType.Bool) throw Mismatch(path.Field(key), v, "a bool");
        return v.AsBool();
    }

    /// <summary>A <c>std::string</c> field (text or binary blob); null when missing.</summary>
    public static byte[]? Bytes(EpeeSection s, string key, FieldPath path)
    {
        if (!s.TryGetValue(key, out var v)) return null;
        if (v.Type != EpeeType.String) throw Mismatch(path.Field(key), v, "a string");
        return v.AsBytes();
    }

    /// <summary>A POD-as-blob field: the string must have exactly <paramref name="size"/> bytes, else null (field left zero).</summary>
    public static byte[]? PodBlob(EpeeSection s, string key, FieldPath path, int size)
    {
        byte[]? blob = Bytes(s, key, path);
        return blob is not null && blob.Length == size ? blob : null;
    }

    public static Hash32 Hash(EpeeSection s, string key, FieldPath path) =>
        PodBlob(s, key, path, Hash32.Size) is { } b ? new Hash32(b) : Hash32.Zero;

    /// <summary>
    /// A container of hashes as one blob (KV_SERIALIZE_CONTAINER_POD_AS_BLOB); a length that is not a multiple of
    /// 32 leaves the list empty, as epee does.
    /// </summary>
    public static IReadOnlyList<Hash32> HashList(EpeeSection s, string key, FieldPath path)
    {
        byte[]? blob = Bytes(s, key, path);
        if (blob is null || blob.Length == 0 || blob.Length % Hash32.Size != 0) return [];
        var hashes = new Hash32[blob.Length / Hash32.Size];
        for (int i = 0; i < hashes.Length; i++) hashes[i] = new Hash32(blob.AsSpan(i * Hash32.Size, Hash32.Size));
        return hashes;
    }

    /// <summary>A nested struct: null when missing or not an object (epee then leaves the struct at its defaults).</summary>
    public static EpeeSection? Object(EpeeSection s, string key) =>
        s.TryGetValue(key, out var v) && v.Type == EpeeType.Object ? v.AsSection() : null;

    /// <summary>The elements of an array of objects; empty when missing or when the value is not an object array.</summary>
    public static IReadOnlyList<EpeeValue> ObjectArray(EpeeSection s, string key) =>
        s.TryGetValue(key, out var v) && v.Type == EpeeType.Array && v.AsArray().ElementType == EpeeType.Object
            ? v.AsArray().Items
            : [];

    /// <summary>
    /// A container of strings (tx blobs). Missing, not an array, or an empty array → empty; a non-empty array of
    /// another element type is a conversion error, as in epee's get_first_value.
    /// </summary>
    public static IReadOnlyList<byte[]> StringArray(EpeeSection s, string key, FieldPath path)
    {
        if (!s.TryGetValue(key, out var v) || v.Type != EpeeType.Array) return [];
        var array = v.AsArray();
        if (array.Count == 0) return [];
        if (array.ElementType != EpeeType.String)
            throw new WireFormatException(path.Field(key), $"array of {array.ElementType} where an array of strings is expected");
        var items = new byte[array.Count][];
        for (int i = 0; i < items.Length; i++) items[i] = array[i].AsBytes();
        return items;
    }

    private static T Convert<T>(EpeeValue v, FieldPath path, string key, Func<EpeeValue, T> convert)
    {
        if (!v.IsInteger) throw Mismatch(path.Field(key), v, "an integer");
        try
        {
            return convert(v);
        }
        catch (EpeeConversionException e)
        {
            throw new WireFormatException(path.Field(key), e.Message, e);
        }
    }

    // epee accepts an all-digit string for a uint64 field (a MyMonero compatibility conversion). Its ISO-8601
    // timestamp variant depends on the host's local time zone and is not reproduced: such a string is refused.
    private static ulong DigitsToUInt64(byte[] text, FieldPath path, string key)
    {
        if (text.Length == 0) throw new WireFormatException(path.Field(key), "empty string where an integer is expected");
        ulong value = 0;
        foreach (byte c in text)
        {
            if (c is < (byte)'0' or > (byte)'9') throw new WireFormatException(path.Field(key), "string where an integer is expected");
            ulong digit = (ulong)(c - '0');
            if (value > (ulong.MaxValue - digit) / 10) throw new WireFormatException(path.Field(key), "numeric string exceeds uint64");
            value = value * 10 + digit;
        }
        return value;
    }

    private static WireFormatException Mismatch(string field, EpeeValue v, string expected) =>
        new(field, $"{DescribeType(v)} where {expected} is expected");

    private static string DescribeType(EpeeValue v) =>
        v.Type == EpeeType.Array ? $"array of {v.AsArray().ElementType}" : v.Type.ToString();
}
