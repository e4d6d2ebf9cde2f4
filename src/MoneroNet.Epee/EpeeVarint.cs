using System.Buffers.Binary;

namespace MoneroNet.Epee;

/// <summary>
/// epee's "raw size" integer (counts and lengths): the two low bits of the first byte give the width
/// (00 → 1, 01 → 2, 10 → 4, 11 → 8 bytes), the little-endian integer of that width shifted right by 2 is the value.
/// </summary>
public static class EpeeVarint
{
    /// <summary>Largest encodable value, 2^62 − 1 (epee's writer refuses anything larger).</summary>
    public const ulong MaxValue = (1UL << 62) - 1;

    /// <summary>The longest encoding, in bytes.</summary>
    public const int MaxLength = 8;

    /// <summary>
    /// Decodes a varint at the start of <paramref name="source"/>. Non-minimal widths are accepted, as epee's
    /// reader accepts them. Returns false when the source is shorter than the width its first byte announces.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ulong value, out int bytesRead)
    {
        if (source.IsEmpty) { value = 0; bytesRead = 0; return false; }
        int width = 1 << (source[0] & 3);
        if (source.Length < width) { value = 0; bytesRead = 0; return false; }
        ulong raw = width switch
        {
            1 => source[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(source),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(source),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(source),
        };
        value = raw >> 2;
        bytesRead = width;
        return true;
    }

    /// <summary>Minimal encoded width of <paramref name="value"/> (1, 2, 4 or 8).</summary>
    public static int GetLength(ulong value) => value switch
    {
        <= 63 => 1,
        <= 16_383 => 2,
        <= 1_073_741_823 => 4,
        <= MaxValue => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "epee varints hold at most 2^62 - 1"),
    };

    /// <summary>Writes the minimal encoding; returns the number of bytes written.</summary>
    /// <exception cref="ArgumentOutOfRangeException">value ≥ 2^62.</exception>
    /// <exception cref="ArgumentException">destination too short.</exception>
    public static int Write(Span<byte> destination, ulong value)
    {
        int width = GetLength(value);
        if (destination.Length < width) throw new ArgumentException("destination too short for the varint", nameof(destination));
        ulong raw = value << 2;
        switch (width)
        {
            case 1: destination[0] = (byte)raw; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)(raw | 1)); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)(raw | 2)); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(destination, raw | 3); break;
        }
        return width;
    }
}
