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

    public bool IsInteger => Type is >= EpeeType.Int64 and <= EpeeType.UInt8;
    public bool IsSigned => Type is >= EpeeType.Int64 and <= EpeeType.Int8;

    public static EpeeValue FromInt64(long v) => new(EpeeType.Int64, unchecked((ulong)v), null);
    public static EpeeValue FromInt32(int v) => new(EpeeType.Int32, unchecked((ulong)(long)v), null);
    public static EpeeValue FromInt16(short v) => new(EpeeType.Int16, unchecked((ulong)(long)v), null);
    public static EpeeValue FromInt8(sbyte v) => new(EpeeType.Int8, unchecked((ulong)(long)v), null);
    public static EpeeValue FromUInt64(ulong v) => new(EpeeType.UInt64, v, null);
    public static EpeeValue FromUInt32(uint v) => new(EpeeType.UInt32, v, null);
    public static EpeeValue FromUInt16(ushort v) => new(EpeeType.UInt16, v, null);
    public static EpeeValue FromUInt8(byte v) => new(EpeeType.UInt8, v, null);
    public static EpeeValue FromDouble(double v) => new(EpeeType.Double, unchecked((ulong)BitConverter.DoubleToInt64Bits(v)), null);
    public static EpeeValue FromBool(bool v) => new(EpeeType.Bool, v ? 1UL : 0UL, null);
    /// <summary>A STRING value: arbitrary bytes (text, blob, POD-as-blob hash). The array is not copied.</summary>
    public static EpeeValue FromBytes(byte[] v) => new(EpeeType.String, 0, v ?? throw new ArgumentNullException(nameof(v)));
    public static EpeeValue FromString(string v) => FromBytes(System.Text.Encoding.UTF8.GetBytes(v));
    public static EpeeValue FromSection(EpeeSection v) => new(EpeeType.Object, 0, v ?? throw new ArgumentNullException(nameof(v)));
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

    public uint AsUInt32() => CheckedUInt32(AsUInt64(), uint.MaxValue, "uint32");
    public ushort AsUInt16() => (ushort)CheckedUInt32(AsUInt64(), ushort.MaxValue, "uint16");
    public byte AsUInt8() => (byte)CheckedUInt32(AsUInt64(), byte.MaxValue, "uint8");

    public int AsInt32()
    {
        long v = AsInt64();
        if (v is < int.MinValue or > int.MaxValue) throw new EpeeConversionException($"value {v} does not fit in an int32");
        return (int)v;
    }

    public double AsDouble() => Type == EpeeType.Double
        ? BitConverter.Int64BitsToDouble(unchecked((long)_bits))
        : throw new EpeeConversionException($"{Type} is not a double");

    public bool AsBool() => Type == EpeeType.Bool ? _bits != 0 : throw new EpeeConversionException($"{Type} is not a bool");

    public byte[] AsBytes() => Type == EpeeType.String ? (byte[])_ref! : throw new EpeeConversionException($"{Type} is not a string");

    public string AsUtf8String() => System.Text.Encoding.UTF8.GetString(AsBytes());

    public EpeeSection AsSection() => Type == EpeeType.Object ? (EpeeSection)_ref! : throw new EpeeConversionException($"{Type} is not an object");

    public EpeeArray AsArray() => Type == EpeeType.Array ? (EpeeArray)_ref! : throw new EpeeConversionException($"{Type} is not an array");

    private void RequireInteger()
    {
        if (!IsInteger) throw new EpeeConversionException($"{Type} is not an integer");
    }

    private static uint CheckedUInt32(ulong v, uint max, string name) =>
        v <= max ? (uint)v : throw new EpeeConversionException($"value {v} does not fit in a {name}");

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

    public override bool Equals(object? obj) => obj is EpeeValue v && Equals(v);

    public override int GetHashCode() => HashCode.Combine(Type, _bits);

    public static bool operator ==(EpeeValue left, EpeeValue right) => left.Equals(right);

    public static bool operator !=(EpeeValue left, EpeeValue right) => !left.Equals(right);

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
