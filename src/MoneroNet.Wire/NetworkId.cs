using System.Buffers.Binary;

namespace MoneroNet.Wire;

/// <summary>
/// The 16-byte network id (a boost uuid sent as raw bytes, POD-as-blob). <see cref="ToString"/> is lowercase hex
/// of the bytes in wire order, e.g. <c>1230f171610441611731008216a1a111</c> for testnet.
/// </summary>
public readonly struct NetworkId : IEquatable<NetworkId>
{
    /// <summary>The length in bytes.</summary>
    public const int Size = 16;

    private readonly ulong _w0, _w1;

    /// <summary>The id made of exactly <see cref="Size"/> bytes.</summary>
    public NetworkId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new ArgumentException($"a network id is {Size} bytes, got {bytes.Length}", nameof(bytes));
        _w0 = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        _w1 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
    }

    /// <summary>All zero: what a missing or wrong-length <c>network_id</c> loads as.</summary>
    public static NetworkId Zero => default;

    /// <summary>All bytes zero (the default value).</summary>
    public bool IsZero => (_w0 | _w1) == 0;

    /// <summary>Writes the bytes to <paramref name="destination"/>, which must hold at least <see cref="Size"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size) throw new ArgumentException("destination too short", nameof(destination));
        BinaryPrimitives.WriteUInt64LittleEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], _w1);
    }

    /// <summary>The bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>An id from its hex form (as <see cref="ToString"/> prints it).</summary>
    public static NetworkId Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != Size * 2) throw new FormatException($"a network id is {Size * 2} hex digits, got {hex.Length}");
        return new NetworkId(Convert.FromHexString(hex));
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <inheritdoc/>
    public bool Equals(NetworkId other) => _w0 == other._w0 && _w1 == other._w1;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NetworkId n && Equals(n);
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_w0, _w1);
    /// <summary>Same bytes.</summary>
    public static bool operator ==(NetworkId left, NetworkId right) => left.Equals(right);
    /// <summary>Different bytes.</summary>
    public static bool operator !=(NetworkId left, NetworkId right) => !left.Equals(right);
}
