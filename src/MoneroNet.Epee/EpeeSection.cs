namespace MoneroNet.Epee;

/// <summary>
/// An object (section) of portable storage: named entries. Keys are raw bytes on the wire; they are held as
/// Latin-1 strings (one char per byte) so that ordinal string order equals epee's byte-wise key order and no key
/// is altered by a decode/encode round trip. Entries keep the order they were read or added in; the writer sorts.
/// </summary>
public sealed class EpeeSection : IEquatable<EpeeSection>
{
    private readonly List<KeyValuePair<string, EpeeValue>> _entries;

    public EpeeSection(int capacity = 0) => _entries = new List<KeyValuePair<string, EpeeValue>>(capacity);

    public int Count => _entries.Count;
    public IReadOnlyList<KeyValuePair<string, EpeeValue>> Entries => _entries;

    /// <summary>Adds an entry; a duplicate key is refused (epee rejects "duplicate key" payloads).</summary>
    public void Add(string key, EpeeValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (IndexOf(key) >= 0) throw new ArgumentException($"duplicate key: {key}", nameof(key));
        _entries.Add(new(key, value));
    }

    /// <summary>Adds or replaces an entry.</summary>
    public void Set(string key, EpeeValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        int i = IndexOf(key);
        if (i >= 0) _entries[i] = new(key, value);
        else _entries.Add(new(key, value));
    }

    public bool Remove(string key)
    {
        int i = IndexOf(key);
        if (i < 0) return false;
        _entries.RemoveAt(i);
        return true;
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out EpeeValue value)
    {
        int i = IndexOf(key);
        if (i < 0) { value = default; return false; }
        value = _entries[i].Value;
        return true;
    }

    public EpeeValue this[string key] =>
        TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"no key '{key}' in section");

    // Sections are small (a handful of keys), so a linear scan beats hashing and allocates nothing.
    private int IndexOf(string key)
    {
        for (int i = 0; i < _entries.Count; i++)
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>Order-insensitive structural equality (the wire order is a writer concern).</summary>
    public bool Equals(EpeeSection? other)
    {
        if (other is null || other.Count != Count) return false;
        foreach (var (k, v) in _entries)
            if (!other.TryGetValue(k, out var ov) || !v.Equals(ov)) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as EpeeSection);
    public override int GetHashCode() => Count;
}
