using System.Runtime.InteropServices;

namespace MoneroNet.Epee;

/// <summary>
/// A homogeneous array (tag <c>ElementType | 0x80</c>): every element has the element type, no per-element tag
/// on the wire. An element type of <see cref="EpeeType.Array"/> (tag 0x8d, arrays of arrays) exists only so that
/// the empty form, which epee reads, survives a round trip: epee's reader refuses any non-empty array of arrays.
/// </summary>
public sealed class EpeeArray : IEquatable<EpeeArray>
{
    private readonly List<EpeeValue> _items;

    public EpeeArray(EpeeType elementType, int capacity = 0)
    {
        if (elementType is < EpeeType.Int64 or > EpeeType.Array)
            throw new ArgumentOutOfRangeException(nameof(elementType), elementType, "arrays hold scalars, strings, objects or arrays");
        ElementType = elementType;
        _items = new List<EpeeValue>(capacity);
    }

    public EpeeType ElementType { get; }
    public int Count => _items.Count;
    public EpeeValue this[int index] => _items[index];
    public IReadOnlyList<EpeeValue> Items => _items;

    // The elements without an interface enumerator, for the writer.
    internal ReadOnlySpan<EpeeValue> ItemSpan => CollectionsMarshal.AsSpan(_items);

    public void Add(EpeeValue value)
    {
        if (value.Type != ElementType)
            throw new ArgumentException($"array of {ElementType} cannot hold a {value.Type}", nameof(value));
        _items.Add(value);
    }

    public bool Equals(EpeeArray? other)
    {
        if (other is null || other.ElementType != ElementType || other.Count != Count) return false;
        for (int i = 0; i < _items.Count; i++)
            if (!_items[i].Equals(other._items[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as EpeeArray);
    public override int GetHashCode() => HashCode.Combine(ElementType, Count);
}
