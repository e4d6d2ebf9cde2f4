namespace MoneroNet.Epee.Tests;

/// <summary>
/// Hand-assembles portable-storage bytes, including forms epee never writes (unsorted keys, wide varints, bad
/// tags), to probe the reader.
/// </summary>
internal sealed class RawPayload
{
    private readonly List<byte> _bytes = new();

    public static RawPayload WithHeader() => new RawPayload().Bytes(0x01, 0x11, 0x01, 0x01, 0x01, 0x01, 0x02, 0x01, 0x01);

    public int Length => _bytes.Count;

    public RawPayload Bytes(params byte[] bytes) { _bytes.AddRange(bytes); return this; }

    public RawPayload Repeat(byte b, int count) { for (int i = 0; i < count; i++) _bytes.Add(b); return this; }

    /// <summary>A varint of the given width (1, 2, 4 or 8), minimal or not.</summary>
    public RawPayload Varint(ulong value, int width = 0)
    {
        if (width == 0) width = EpeeVarint.GetLength(value);
        int mark = width switch { 1 => 0, 2 => 1, 4 => 2, 8 => 3, _ => throw new ArgumentOutOfRangeException(nameof(width)) };
        ulong raw = (value << 2) | (uint)mark;
        for (int i = 0; i < width; i++) _bytes.Add((byte)(raw >> (8 * i)));
        return this;
    }

    public RawPayload Key(string key)
    {
        _bytes.Add((byte)key.Length);
        foreach (char c in key) _bytes.Add((byte)c);
        return this;
    }

    public RawPayload Tag(EpeeType type) { _bytes.Add((byte)type); return this; }

    public RawPayload ArrayTag(EpeeType element) { _bytes.Add((byte)((byte)element | EpeeTypeFlags.Array)); return this; }

    public RawPayload U8Entry(string key, byte value) => Key(key).Tag(EpeeType.UInt8).Bytes(value);

    public RawPayload StringEntry(string key, byte[] value) => Key(key).Tag(EpeeType.String).Varint((ulong)value.Length).Bytes(value);

    public byte[] ToArray() => _bytes.ToArray();
}
