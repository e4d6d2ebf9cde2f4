namespace MoneroNet.Rpc.Json;

/// <summary>
/// An epee section: named values kept in ascending UTF-8 byte order of their names, which is the order monerod
/// prints them in. Setting an existing name replaces its value.
/// </summary>
public sealed class EpeeObject : EpeeValue
{
    private readonly SortedDictionary<string, EpeeValue> _entries = new(Utf8OrdinalComparer.Instance);

    public override string KindName => "object";

    public int Count => _entries.Count;

    /// <summary>The entries in output order.</summary>
    public IEnumerable<KeyValuePair<string, EpeeValue>> Entries => _entries;

    public EpeeValue? this[string name] => _entries.GetValueOrDefault(name);

    public bool TryGet(string name, out EpeeValue value) => _entries.TryGetValue(name, out value!);

    public EpeeObject Set(string name, EpeeValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        _entries[name] = value;
        return this;
    }

    public EpeeObject Set(string name, string value) => Set(name, new EpeeString(value));

    public EpeeObject Set(string name, ulong value) => Set(name, new EpeeUnsigned(value));

    public EpeeObject Set(string name, long value) => Set(name, new EpeeSigned(value));

    public EpeeObject Set(string name, bool value) => Set(name, value ? EpeeBool.True : EpeeBool.False);

    public EpeeObject Set(string name, double value) => Set(name, new EpeeDouble(value));

    public bool Remove(string name) => _entries.Remove(name);
}
