using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>
/// Adds fields the way monerod's keyvalue_serialization stores them: KV_SERIALIZE_OPT fields are left out when
/// equal to their default, empty containers are left out. The writer sorts any section that is out of key order,
/// but that costs a copy per section, so the message types add their keys in ordinal order and size each section
/// to the entries it gets (<see cref="Count"/>).
/// </summary>
internal static class FieldWriter
{
    /// <summary>1 for a value that will be written (non-zero / true), else 0: sums to an exact section capacity.</summary>
    public static int Count(bool written) => written ? 1 : 0;

    public static void OptionalUInt32(EpeeSection s, string key, uint value)
    {
        if (value != 0) s.Add(key, EpeeValue.FromUInt32(value));
    }

    public static void OptionalUInt16(EpeeSection s, string key, ushort value)
    {
        if (value != 0) s.Add(key, EpeeValue.FromUInt16(value));
    }

    public static void OptionalUInt8(EpeeSection s, string key, byte value)
    {
        if (value != 0) s.Add(key, EpeeValue.FromUInt8(value));
    }

    public static void OptionalUInt64(EpeeSection s, string key, ulong value)
    {
        if (value != 0) s.Add(key, EpeeValue.FromUInt64(value));
    }

    public static void OptionalInt64(EpeeSection s, string key, long value)
    {
        if (value != 0) s.Add(key, EpeeValue.FromInt64(value));
    }

    public static void Hash(EpeeSection s, string key, Hash32 value) => s.Add(key, EpeeValue.FromBytes(value.ToArray()));

    /// <summary>KV_SERIALIZE_CONTAINER_POD_AS_BLOB: one string of all hashes back to back; nothing when empty.</summary>
    public static void HashList(EpeeSection s, string key, IReadOnlyList<Hash32> hashes)
    {
        if (hashes.Count == 0) return;
        var blob = new byte[hashes.Count * Hash32.Size];
        for (int i = 0; i < hashes.Count; i++) hashes[i].CopyTo(blob.AsSpan(i * Hash32.Size));
        s.Add(key, EpeeValue.FromBytes(blob));
    }

    /// <summary>A container of strings (tag 0x8a); nothing when empty.</summary>
    public static void StringArray(EpeeSection s, string key, IReadOnlyList<byte[]> items)
    {
        if (items.Count == 0) return;
        var array = new EpeeArray(EpeeType.String, items.Count);
        for (int i = 0; i < items.Count; i++) array.Add(EpeeValue.FromBytes(items[i]));
        s.Add(key, EpeeValue.FromArray(array));
    }

    /// <summary>A container of structs (tag 0x8c); nothing when empty.</summary>
    public static void ObjectArray<T>(EpeeSection s, string key, IReadOnlyList<T> items, Func<T, EpeeSection> toSection)
    {
        if (items.Count == 0) return;
        var array = new EpeeArray(EpeeType.Object, items.Count);
        // By index: foreach over an IReadOnlyList boxes its enumerator.
        for (int i = 0; i < items.Count; i++) array.Add(EpeeValue.FromSection(toSection(items[i])));
        s.Add(key, EpeeValue.FromArray(array));
    }
}
