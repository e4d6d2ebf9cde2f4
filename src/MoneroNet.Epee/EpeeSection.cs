using System.Runtime.InteropServices;

namespace MoneroNet.Epee;

/// <summary>
/// An object (section) of portable storage: named entries. Keys are raw bytes on the wire; they are held as
/// Latin-1 strings (one char per byte) so that ordinal string order equals epee's byte-wise key order and no key
/// is altered by a decode/encode round trip. Entries keep the order they were read or added in; the writer sorts.
/// </summary>
public sealed class EpeeSection : IEquatable<EpeeSection>
{
    // Protocol sections hold a handful of keys, where a linear scan is fastest and allocation-free. A hostile or
    // bulky section (thousands of keys) would make Add quadratic, so above this size a key → index map is built
    // lazily and then kept in step with the list.
    private const int IndexThreshold = 16;

    private readonly List<KeyValuePair<string, EpeeValue>> _entries;
    private Dictionary<string, int>? _index;

    /// <summary>An empty section with room for <paramref name="capacity"/> entries.</summary>
    public EpeeSection(int capacity = 0) => _entries = new List<KeyValuePair<string, EpeeValue>>(capacity);

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;
    /// <summary>The entries in insertion order (the writer puts them in ordinal key order, as epee's map does).</summary>
    public IReadOnlyList<KeyValuePair<string, EpeeValue>> Entries => _entries;

    // The entries without an interface enumerator, for the writer (which walks every section of a tree).
    internal ReadOnlySpan<KeyValuePair<string, EpeeValue>> EntrySpan => CollectionsMarshal.AsSpan(_entries);

    /// <summary>Adds an entry; a duplicate key is refused (epee rejects "duplicate key" payloads).</summary>
    public void Add(string key, EpeeValue value)
    {
        if (!TryAdd(key, value)) throw new ArgumentException($"duplicate key: {key}", nameof(key));
    }

    /// <summary>Adds an entry unless the key is already present; returns false (and changes nothing) then.</summary>
    public bool TryAdd(string key, EpeeValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (IndexOf(key) >= 0) return false;
        Append(key, value);
        return true;
    }

    /// <summary>Adds or replaces an entry.</summary>
    public void Set(string key, EpeeValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        int i = IndexOf(key);
        if (i >= 0) _entries[i] = new(key, value);
        else Append(key, value);
    }

    /// <summary>Removes the entry named <paramref name="key"/>; false when there was none.</summary>
    public bool Remove(string key)
    {
        int i = IndexOf(key);
        if (i < 0) return false;
        _entries.RemoveAt(i);
        // Indices after i shifted; rebuilding on the next lookup is simpler than patching and removal is rare.
        _index = null;
        return true;
    }

    /// <summary>Whether an entry is named <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>The value named <paramref name="key"/>, when there is one.</summary>
    public bool TryGetValue(string key, out EpeeValue value)
    {
        int i = IndexOf(key);
        if (i < 0) { value = default; return false; }
        value = _entries[i].Value;
        return true;
    }

    /// <summary>The value named <paramref name="key"/>; throws <see cref="KeyNotFoundException"/> when there is none.</summary>
    public EpeeValue this[string key] =>
        TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"no key '{key}' in section");

    private void Append(string key, EpeeValue value)
    {
        _index?.Add(key, _entries.Count);
        _entries.Add(new(key, value));
    }

    private int IndexOf(string key)
    {
        if (_entries.Count > IndexThreshold)
        {
            _index ??= BuildIndex();
            return _index.TryGetValue(key, out int i) ? i : -1;
        }
        for (int i = 0; i < _entries.Count; i++)
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal)) return i;
        return -1;
    }

    private Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(_entries.Count, StringComparer.Ordinal);
        for (int i = 0; i < _entries.Count; i++) index.Add(_entries[i].Key, i);
        return index;
    }

    /// <summary>Order-insensitive structural equality (the wire order is a writer concern).</summary>
    public bool Equals(EpeeSection? other)
    {
        if (other is null || other.Count != Count) return false;
        foreach (var (k, v) in _entries)
            if (!other.TryGetValue(k, out var ov) || !v.Equals(ov)) return false;
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EpeeSection);
    /// <inheritdoc/>
    public override int GetHashCode() => Count;
}
