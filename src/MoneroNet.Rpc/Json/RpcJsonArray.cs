namespace MoneroNet.Rpc.Json;

/// <summary>
/// An epee array. Epee arrays are homogeneous (all objects, all strings, all numbers or all booleans) and never
/// contain arrays; <see cref="Add"/> enforces both so that the writer can only print what monerod could.
/// </summary>
public sealed class RpcJsonArray : RpcJsonValue
{
    private readonly List<RpcJsonValue> _items;

    public RpcJsonArray()
    {
        _items = [];
    }

    /// <param name="capacity">How many elements the array will hold, when the caller knows.</param>
    public RpcJsonArray(int capacity)
    {
        _items = new List<RpcJsonValue>(capacity);
    }

    public RpcJsonArray(IEnumerable<RpcJsonValue> items)
        : this()
    {
        foreach (var item in items)
        {
            Add(item);
        }
    }

    public override string KindName => "array";

    public IReadOnlyList<RpcJsonValue> Items => _items;

    public int Count => _items.Count;

    /// <summary>True when the elements are objects (printed in the <c>[{ … },{ … }]</c> layout).</summary>
    public bool HoldsObjects => _items.Count > 0 && _items[0] is RpcJsonObject;

    public RpcJsonArray Add(RpcJsonValue item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item is RpcJsonArray)
        {
            throw new ArgumentException("epee has no arrays of arrays", nameof(item));
        }

        if (_items.Count > 0 && ElementFamily(_items[0]) != ElementFamily(item))
        {
            throw new ArgumentException(
                $"epee arrays are homogeneous: cannot add a {item.KindName} to an array of {_items[0].KindName}", nameof(item));
        }

        _items.Add(item);
        return this;
    }

    /// <summary>Numbers of different kinds still share one array family; epee's JSON reader is stricter (see its reader).</summary>
    private static int ElementFamily(RpcJsonValue value) => value switch
    {
        RpcJsonObject => 0,
        RpcJsonString => 1,
        RpcJsonBool => 2,
        _ => 3,
    };
}
