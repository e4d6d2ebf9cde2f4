using System.Buffers.Binary;

namespace MoneroNet.Wire;

/// <summary>
/// A 32-byte hash (block id, tx id, prunable hash) in the byte order Monero stores and displays it.
/// Chosen over <c>byte[]</c> so that hashes are immutable values with equality and no allocation; on the wire it
/// is a POD-as-blob STRING of exactly 32 bytes. <see cref="ToString"/> is lowercase hex, as monerod prints hashes.
/// </summary>
public readonly struct Hash32 : IEquatable<Hash32>
{
    /// <summary>The length in bytes.</summary>
    public const int Size = 32;

    // Four words read little-endian from the bytes; only used for storage and equality, never for ordering.
    private readonly ulong _w0, _w1, _w2, _w3;

    /// <summary>Copies exactly <see cref="Size"/> bytes.</summary>
    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new ArgumentException($"a hash is {Size} bytes, got {bytes.Length}", nameof(bytes));
        _w0 = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        _w1 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        _w2 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]);
        _w3 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]);
    }

    /// <summary>The all-zero hash (epee's <c>null_hash</c>), also what a wrong-length blob loads as.</summary>
    public static Hash32 Zero => default;

    /// <summary>All bytes zero (the default value).</summary>
    public bool IsZero => (_w0 | _w1 | _w2 | _w3) == 0;

    /// <summary>Writes the bytes to <paramref name="destination"/>, which must hold at least <see cref="Size"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size) throw new ArgumentException("destination too short", nameof(destination));
        BinaryPrimitives.WriteUInt64LittleEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], _w2);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], _w3);
    }

    /// <summary>The bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Parses 64 hex digits (either case).</summary>
    public static Hash32 Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != Size * 2) throw new FormatException($"a hash is {Size * 2} hex digits, got {hex.Length}");
        return new Hash32(Convert.FromHexString(hex));
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <inheritdoc/>
    public bool Equals(Hash32 other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Hash32 h && Equals(h);
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_w0, _w1, _w2, _w3);
    /// <summary>Same bytes.</summary>
    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);
    /// <summary>Different bytes.</summary>
    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);
}
