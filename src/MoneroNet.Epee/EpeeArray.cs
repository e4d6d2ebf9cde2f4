namespace MoneroNet.Epee;

/// <summary>
/// A homogeneous array (tag <c>ElementType | 0x80</c>): every element has the element type, no per-element tag
/// on the wire. Arrays of arrays are not supported by epee and are refused by the reader.
/// </summary>
public sealed class EpeeArray : IEquatable<EpeeArray>
{
    private readonly List<EpeeValue> _items;

    public EpeeArray(EpeeType elementType, int capacity = 0)
    {
        if (elementType is < EpeeType.Int64 or > EpeeType.Object)
            throw new ArgumentOutOfRangeException(nameof(elementType), elementType, "arrays hold scalars, strings or objects");
        ElementType = elementType;
        _items = new List<EpeeValue>(capacity);
    }

    public EpeeType ElementType { get; }
    public int Count => _items.Count;
    public EpeeValue this[int index] => _items[index];
    public IReadOnlyList<EpeeValue> Items => _items;

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
