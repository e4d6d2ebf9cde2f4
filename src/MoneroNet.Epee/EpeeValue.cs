namespace MoneroNet.Epee;

/// <summary>
/// One value of a portable-storage tree: a scalar of one of the type tags, a byte string, an object
/// (<see cref="EpeeSection"/>) or an array (<see cref="EpeeArray"/>). Integers keep the tag they were read
/// with so that a decoded message re-encodes to identical bytes; the <c>As…</c> accessors convert between
/// integer widths with epee's range checks (portable_storage_val_converters.h).
/// </summary>
public readonly struct EpeeValue : IEquatable<EpeeValue>
{
    private readonly ulong _bits;
    private readonly object? _ref;

    private EpeeValue(EpeeType type, ulong bits, object? reference)
    {
        Type = type;
        _bits = bits;
        _ref = reference;
    }

    /// <summary>The type tag (for arrays: <see cref="EpeeType.Array"/>; see <see cref="EpeeArray.ElementType"/>).</summary>
    public EpeeType Type { get; }

    /// <summary>One of the eight integer tags.</summary>
    public bool IsInteger => Type is >= EpeeType.Int64 and <= EpeeType.UInt8;
    /// <summary>One of the four signed integer tags.</summary>
    public bool IsSigned => Type is >= EpeeType.Int64 and <= EpeeType.Int8;

    /// <summary>An int64 value.</summary>
    public static EpeeValue FromInt64(long v) => new(EpeeType.Int64, unchecked((ulong)v), null);
    /// <summary>An int32 value.</summary>
    public static EpeeValue FromInt32(int v) => new(EpeeType.Int32, unchecked((ulong)(long)v), null);
    /// <summary>An int16 value.</summary>
    public static EpeeValue FromInt16(short v) => new(EpeeType.Int16, unchecked((ulong)(long)v), null);
    /// <summary>An int8 value.</summary>
    public static EpeeValue FromInt8(sbyte v) => new(EpeeType.Int8, unchecked((ulong)(long)v), null);
    /// <summary>A uint64 value.</summary>
    public static EpeeValue FromUInt64(ulong v) => new(EpeeType.UInt64, v, null);
    /// <summary>A uint32 value.</summary>
    public static EpeeValue FromUInt32(uint v) => new(EpeeType.UInt32, v, null);
    /// <summary>A uint16 value.</summary>
    public static EpeeValue FromUInt16(ushort v) => new(EpeeType.UInt16, v, null);
    /// <summary>A uint8 value.</summary>
    public static EpeeValue FromUInt8(byte v) => new(EpeeType.UInt8, v, null);
    /// <summary>A double value.</summary>
    public static EpeeValue FromDouble(double v) => new(EpeeType.Double, unchecked((ulong)BitConverter.DoubleToInt64Bits(v)), null);
    /// <summary>A bool value.</summary>
    public static EpeeValue FromBool(bool v) => new(EpeeType.Bool, v ? 1UL : 0UL, null);
    /// <summary>A STRING value: arbitrary bytes (text, blob, POD-as-blob hash). The array is not copied.</summary>
    public static EpeeValue FromBytes(byte[] v) => new(EpeeType.String, 0, v ?? throw new ArgumentNullException(nameof(v)));
    /// <summary>A STRING value holding the UTF-8 bytes of <paramref name="v"/>.</summary>
    public static EpeeValue FromString(string v) => FromBytes(System.Text.Encoding.UTF8.GetBytes(v));
    /// <summary>An OBJECT value (a nested section, not copied).</summary>
    public static EpeeValue FromSection(EpeeSection v) => new(EpeeType.Object, 0, v ?? throw new ArgumentNullException(nameof(v)));
    /// <summary>An array value (not copied).</summary>
    public static EpeeValue FromArray(EpeeArray v) => new(EpeeType.Array, 0, v ?? throw new ArgumentNullException(nameof(v)));

    /// <summary>The raw 64 bits of an integer (sign-extended for signed tags), double or bool.</summary>
    public ulong RawBits => _bits;

    /// <summary>Integer as i64; throws <see cref="EpeeConversionException"/> when not an integer or out of range.</summary>
    public long AsInt64()
    {
        RequireInteger();
        if (!IsSigned && _bits > long.MaxValue) throw new EpeeConversionException($"{Type} value {_bits} does not fit in an int64");
        return unchecked((long)_bits);
    }

    /// <summary>Integer as u64; a negative value is refused as epee refuses it.</summary>
    public ulong AsUInt64()
    {
        RequireInteger();
        if (IsSigned && unchecked((long)_bits) < 0) throw new EpeeConversionException($"negative {Type} value {unchecked((long)_bits)} for an unsigned field");
        return _bits;
    }

    /// <summary>An integer of any tag that fits a uint32 (epee's load-time coercion, docs/PROTOCOL.md §1.6).</summary>
    public uint AsUInt32() => CheckedUInt32(AsUInt64(), uint.MaxValue, "uint32");
    /// <summary>An integer of any tag that fits a uint16.</summary>
    public ushort AsUInt16() => (ushort)CheckedUInt32(AsUInt64(), ushort.MaxValue, "uint16");
    /// <summary>An integer of any tag that fits a uint8.</summary>
    public byte AsUInt8() => (byte)CheckedUInt32(AsUInt64(), byte.MaxValue, "uint8");

    /// <summary>An integer of any tag that fits an int32.</summary>
    public int AsInt32()
    {
        long v = AsInt64();
        if (v is < int.MinValue or > int.MaxValue) throw new EpeeConversionException($"value {v} does not fit in an int32");
        return (int)v;
    }

    /// <summary>A double; throws <see cref="EpeeConversionException"/> for any other tag.</summary>
    public double AsDouble() => Type == EpeeType.Double
        ? BitConverter.Int64BitsToDouble(unchecked((long)_bits))
        : throw new EpeeConversionException($"{Type} is not a double");

    /// <summary>A bool; throws <see cref="EpeeConversionException"/> for any other tag.</summary>
    public bool AsBool() => Type == EpeeType.Bool ? _bits != 0 : throw new EpeeConversionException($"{Type} is not a bool");

    /// <summary>The bytes of a STRING value (not copied).</summary>
    public byte[] AsBytes() => Type == EpeeType.String ? (byte[])_ref! : throw new EpeeConversionException($"{Type} is not a string");

    /// <summary>A STRING value decoded as UTF-8.</summary>
    public string AsUtf8String() => System.Text.Encoding.UTF8.GetString(AsBytes());

    /// <summary>The section of an OBJECT value.</summary>
    public EpeeSection AsSection() => Type == EpeeType.Object ? (EpeeSection)_ref! : throw new EpeeConversionException($"{Type} is not an object");

    /// <summary>The array of an array value.</summary>
    public EpeeArray AsArray() => Type == EpeeType.Array ? (EpeeArray)_ref! : throw new EpeeConversionException($"{Type} is not an array");

    private void RequireInteger()
    {
        if (!IsInteger) throw new EpeeConversionException($"{Type} is not an integer");
    }

    private static uint CheckedUInt32(ulong v, uint max, string name) =>
        v <= max ? (uint)v : throw new EpeeConversionException($"value {v} does not fit in a {name}");

    /// <summary>Same type and same content.</summary>
    public bool Equals(EpeeValue other)
    {
        if (Type != other.Type || _bits != other._bits) return false;
        return Type switch
        {
            EpeeType.String => ((byte[])_ref!).AsSpan().SequenceEqual((byte[])other._ref!),
            EpeeType.Object => ((EpeeSection)_ref!).Equals((EpeeSection)other._ref!),
            EpeeType.Array => ((EpeeArray)_ref!).Equals((EpeeArray)other._ref!),
            _ => true,
        };
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EpeeValue v && Equals(v);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, _bits);

    /// <summary>Same type and same content.</summary>
    public static bool operator ==(EpeeValue left, EpeeValue right) => left.Equals(right);

    /// <summary>Different type or content.</summary>
    public static bool operator !=(EpeeValue left, EpeeValue right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Type switch
    {
        EpeeType.String => $"String({AsBytes().Length})",
        EpeeType.Object => $"Object({AsSection().Count})",
        EpeeType.Array => $"Array<{AsArray().ElementType}>({AsArray().Count})",
        EpeeType.Double => AsDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
        EpeeType.Bool => AsBool() ? "true" : "false",
        _ => IsSigned ? $"{Type} {unchecked((long)_bits)}" : $"{Type} {_bits}",
    };
}

/// <summary>A value could not be converted to the requested type (epee would reject the whole message).</summary>
public sealed class EpeeConversionException(string message) : Exception(message);
