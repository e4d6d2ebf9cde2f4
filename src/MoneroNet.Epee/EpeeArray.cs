using System.Buffers.Binary;
using System.Collections;
using System.Runtime.InteropServices;

namespace MoneroNet.Epee;

/// <summary>
/// A homogeneous array (tag <c>ElementType | 0x80</c>): every element has the element type, no per-element tag
/// on the wire. An element type of <see cref="EpeeType.Array"/> (tag 0x8d, arrays of arrays) exists only so that
/// the empty form, which epee reads, survives a round trip: epee's reader refuses any non-empty array of arrays.
/// </summary>
/// <remarks>
/// Arrays of scalars (integers, doubles, bools) are held packed, as their little-endian wire bytes in one array,
/// and each element is rebuilt as an <see cref="EpeeValue"/> when it is read. A peer can declare one element per
/// byte it sends; a 24-byte value an element would turn a 100 MB array of u8 into 2.4 GB. Strings, objects and
/// arrays are held one value an element: their number is bounded by <see cref="EpeeLimits"/>.
/// </remarks>
public sealed class EpeeArray : IEquatable<EpeeArray>
{
    private readonly List<EpeeValue>? _items;
    private readonly int _width;
    private byte[] _packed;
    private int _count;
    private PackedView? _view;

    /// <summary>An empty array of <paramref name="elementType"/> elements (scalars are held packed, as on the wire).</summary>
    public EpeeArray(EpeeType elementType, int capacity = 0)
    {
        if (elementType is < EpeeType.Int64 or > EpeeType.Array)
            throw new ArgumentOutOfRangeException(nameof(elementType), elementType, "arrays hold scalars, strings, objects or arrays");
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ElementType = elementType;
        _width = ScalarWidth(elementType);
        if (_width == 0)
        {
            _items = new List<EpeeValue>(capacity);
            _packed = [];
        }
        else
        {
            _packed = capacity == 0 ? [] : new byte[checked(capacity * _width)];
        }
    }

    private EpeeArray(EpeeType elementType, byte[] packed, int count)
    {
        ElementType = elementType;
        _width = ScalarWidth(elementType);
        _packed = packed;
        _count = count;
    }

    /// <summary>
    /// A scalar array over its wire bytes (<paramref name="count"/> elements of the element's width), copied once.
    /// The caller has checked the bytes (bools are 0 or 1).
    /// </summary>
    internal static EpeeArray FromPacked(EpeeType elementType, ReadOnlySpan<byte> wireBytes, int count) =>
        new(elementType, wireBytes.ToArray(), count);

    /// <summary>The type tag every element has (epee arrays are homogeneous).</summary>
    public EpeeType ElementType { get; }
    /// <summary>The number of elements.</summary>
    public int Count => _items?.Count ?? _count;
    /// <summary>The element at <paramref name="index"/>.</summary>
    public EpeeValue this[int index] => _items is not null ? _items[index] : PackedAt(index);

    /// <summary>The elements; for a scalar array a view that builds each value as it is read.</summary>
    public IReadOnlyList<EpeeValue> Items => _items is not null ? _items : _view ??= new PackedView(this);

    /// <summary>True when the elements are scalars held as their wire bytes (<see cref="PackedBytes"/>).</summary>
    public bool IsPacked => _items is null;

    /// <summary>The little-endian wire bytes of a scalar array (empty for other arrays).</summary>
    public ReadOnlySpan<byte> PackedBytes => _packed.AsSpan(0, _count * _width);

    // The elements of a non-scalar array without an interface enumerator, for the writer.
    internal ReadOnlySpan<EpeeValue> ItemSpan => _items is null ? [] : CollectionsMarshal.AsSpan(_items);

    /// <summary>Appends <paramref name="value"/>, which must be of <see cref="ElementType"/>.</summary>
    public void Add(EpeeValue value)
    {
        if (value.Type != ElementType)
            throw new ArgumentException($"array of {ElementType} cannot hold a {value.Type}", nameof(value));
        if (_items is not null)
        {
            _items.Add(value);
            return;
        }
        int at = _count * _width;
        if (at + _width > _packed.Length)
            Array.Resize(ref _packed, Math.Max(_width * 4, (int)Math.Min(Array.MaxLength, 2L * _packed.Length)));
        Span<byte> slot = _packed.AsSpan(at, _width);
        switch (_width)
        {
            case 8: BinaryPrimitives.WriteUInt64LittleEndian(slot, value.RawBits); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(slot, unchecked((uint)value.RawBits)); break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(slot, unchecked((ushort)value.RawBits)); break;
            default: slot[0] = unchecked((byte)value.RawBits); break;
        }
        _count++;
    }

    /// <summary>Bytes one element of a scalar type takes on the wire; 0 for strings, objects and arrays.</summary>
    internal static int ScalarWidth(EpeeType type) => type switch
    {
        EpeeType.Int64 or EpeeType.UInt64 or EpeeType.Double => 8,
        EpeeType.Int32 or EpeeType.UInt32 => 4,
        EpeeType.Int16 or EpeeType.UInt16 => 2,
        EpeeType.Int8 or EpeeType.UInt8 or EpeeType.Bool => 1,
        _ => 0,
    };

    private EpeeValue PackedAt(int index)
    {
        if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index), index, $"array has {_count} elements");
        ReadOnlySpan<byte> b = _packed.AsSpan(index * _width, _width);
        return ElementType switch
        {
            EpeeType.Int64 => EpeeValue.FromInt64(BinaryPrimitives.ReadInt64LittleEndian(b)),
            EpeeType.Int32 => EpeeValue.FromInt32(BinaryPrimitives.ReadInt32LittleEndian(b)),
            EpeeType.Int16 => EpeeValue.FromInt16(BinaryPrimitives.ReadInt16LittleEndian(b)),
            EpeeType.Int8 => EpeeValue.FromInt8(unchecked((sbyte)b[0])),
            EpeeType.UInt64 => EpeeValue.FromUInt64(BinaryPrimitives.ReadUInt64LittleEndian(b)),
            EpeeType.UInt32 => EpeeValue.FromUInt32(BinaryPrimitives.ReadUInt32LittleEndian(b)),
            EpeeType.UInt16 => EpeeValue.FromUInt16(BinaryPrimitives.ReadUInt16LittleEndian(b)),
            EpeeType.UInt8 => EpeeValue.FromUInt8(b[0]),
            EpeeType.Double => EpeeValue.FromDouble(BinaryPrimitives.ReadDoubleLittleEndian(b)),
            _ => EpeeValue.FromBool(b[0] != 0),
        };
    }

    /// <summary>Same element type and the same elements in the same order.</summary>
    public bool Equals(EpeeArray? other)
    {
        if (other is null || other.ElementType != ElementType || other.Count != Count) return false;
        if (_items is null) return PackedBytes.SequenceEqual(other.PackedBytes);
        for (int i = 0; i < _items.Count; i++)
            if (!_items[i].Equals(other._items![i])) return false;
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EpeeArray);
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ElementType, Count);

    /// <summary>A scalar array seen as values, without materialising them.</summary>
    private sealed class PackedView(EpeeArray array) : IReadOnlyList<EpeeValue>
    {
        public EpeeValue this[int index] => array.PackedAt(index);
        public int Count => array._count;

        public IEnumerator<EpeeValue> GetEnumerator()
        {
            for (int i = 0; i < array._count; i++) yield return array.PackedAt(i);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
