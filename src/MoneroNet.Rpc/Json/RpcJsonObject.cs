namespace MoneroNet.Rpc.Json;

/// <summary>
/// An epee section: named values kept in ascending UTF-8 byte order of their names, which is the order monerod
/// prints them in. Setting an existing name replaces its value.
/// </summary>
/// <remarks>
/// Entries live in a sorted list while they arrive in order, as every result the methods build does: a list entry
/// costs 16 bytes where a sorted-tree node costs about 50, which matters for get_connections' 25 fields times
/// thousands of connections. A small object also takes out-of-order names by insertion; the first out-of-order name
/// into a larger one moves the entries to a tree, so a request object with many names in reverse order still costs
/// O(n log n) rather than O(n²).
/// </remarks>
public sealed class RpcJsonObject : RpcJsonValue
{
    /// <summary>Above this many entries an out-of-order name switches the object to a tree.</summary>
    private const int ListInsertLimit = 64;

    private List<KeyValuePair<string, RpcJsonValue>>? _list;
    private SortedDictionary<string, RpcJsonValue>? _tree;

    public RpcJsonObject()
    {
        _list = [];
    }

    /// <param name="capacity">How many entries the object will hold, when the caller knows.</param>
    public RpcJsonObject(int capacity)
    {
        _list = new List<KeyValuePair<string, RpcJsonValue>>(capacity);
    }

    public override string KindName => "object";

    public int Count => _tree?.Count ?? _list!.Count;

    /// <summary>The entries in output order.</summary>
    public IEnumerable<KeyValuePair<string, RpcJsonValue>> Entries => (IEnumerable<KeyValuePair<string, RpcJsonValue>>?)_tree ?? _list!;

    public RpcJsonValue? this[string name] => TryGet(name, out var value) ? value : null;

    /// <summary>
    /// The entries in output order, by index, for the writer. An object in tree form is moved back to a list here:
    /// it is about to be printed, after which it is rarely changed.
    /// </summary>
    internal List<KeyValuePair<string, RpcJsonValue>> OrderedEntries
    {
        get
        {
            if (_tree is not null)
            {
                _list = new List<KeyValuePair<string, RpcJsonValue>>(_tree);
                _tree = null;
            }

            return _list!;
        }
    }

    public bool TryGet(string name, out RpcJsonValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_tree is not null)
        {
            return _tree.TryGetValue(name, out value!);
        }

        var index = IndexOf(name);
        value = index >= 0 ? _list![index].Value : null!;
        return index >= 0;
    }

    public RpcJsonObject Set(string name, RpcJsonValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (_tree is not null)
        {
            _tree[name] = value;
            return this;
        }

        var list = _list!;
        if (list.Count == 0 || Utf8OrdinalComparer.Instance.Compare(list[^1].Key, name) < 0)
        {
            list.Add(new(name, value));
            return this;
        }

        var index = IndexOf(name);
        if (index >= 0)
        {
            list[index] = new(name, value);
        }
        else if (list.Count < ListInsertLimit)
        {
            list.Insert(~index, new(name, value));
        }
        else
        {
            _tree = new SortedDictionary<string, RpcJsonValue>(Utf8OrdinalComparer.Instance);
            foreach (var (key, existing) in list)
            {
                _tree.Add(key, existing);
            }

            _tree.Add(name, value);
            _list = null;
        }

        return this;
    }

    public RpcJsonObject Set(string name, string value) => Set(name, new RpcJsonString(value));

    public RpcJsonObject Set(string name, ulong value) => Set(name, RpcJsonUnsigned.Of(value));

    public RpcJsonObject Set(string name, long value) => Set(name, new RpcJsonSigned(value));

    public RpcJsonObject Set(string name, bool value) => Set(name, value ? RpcJsonBool.True : RpcJsonBool.False);

    public RpcJsonObject Set(string name, double value) => Set(name, new RpcJsonDouble(value));

    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_tree is not null)
        {
            return _tree.Remove(name);
        }

        var index = IndexOf(name);
        if (index < 0)
        {
            return false;
        }

        _list!.RemoveAt(index);
        return true;
    }

    /// <summary>The list index of <paramref name="name"/>, or the complement of where it would go.</summary>
    private int IndexOf(string name)
    {
        var list = _list!;
        int low = 0, high = list.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = Utf8OrdinalComparer.Instance.Compare(list[middle].Key, name);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }
}
