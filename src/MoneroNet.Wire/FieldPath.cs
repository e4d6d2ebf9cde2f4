namespace MoneroNet.Wire;

/// <summary>
/// The dotted path of a section being loaded ("", "node_data.", "local_peerlist_new[3].adr.addr." …), held in
/// parts and joined only when a <see cref="WireFormatException"/> needs it: loading a 250-entry peer list would
/// otherwise build several path strings per entry that no one ever reads.
/// </summary>
/// <remarks>
/// Rendered as <c>head</c>, then <c>[index].</c> when an index is set, then the appended segments. Two segments
/// are held as they are (a peer entry's <c>adr.</c> and <c>addr.</c>); a third joins the path eagerly, which only
/// paths deeper than any P2P message reach.
/// </remarks>
internal readonly struct FieldPath
{
    private readonly string? _head;
    // Index + 1, so that default(FieldPath) is the root path with no index.
    private readonly int _indexPlusOne;
    private readonly string? _first;
    private readonly string? _second;

    private FieldPath(string? head, int index, string? first, string? second)
    {
        _head = head;
        _indexPlusOne = index + 1;
        _first = first;
        _second = second;
    }

    /// <summary>The root section's path (fields are named by their bare key).</summary>
    public static FieldPath Root => default;

    /// <summary>An already joined prefix, as the public <c>FromSection(section, prefix)</c> overloads take it.</summary>
    public static FieldPath Of(string prefix) => new(prefix ?? "", -1, null, null);

    /// <summary>Element <paramref name="index"/> of the object array <paramref name="listPath"/> (<c>list[i].</c>).</summary>
    public static FieldPath Element(string listPath, int index) => new(listPath, index, null, null);

    public static implicit operator FieldPath(string prefix) => Of(prefix);

    /// <summary>This path followed by <paramref name="segment"/> (which ends in a dot, e.g. <c>"adr."</c>).</summary>
    public FieldPath Append(string segment)
    {
        if (_first is null) return new(_head, _indexPlusOne - 1, segment, null);
        if (_second is null) return new(_head, _indexPlusOne - 1, _first, segment);
        return Of(ToString() + segment);
    }

    /// <summary>The full name of field <paramref name="key"/> of this section.</summary>
    public string Field(string key) => ToString() + key;

    public override string ToString()
    {
        string head = _head ?? "";
        string indexed = _indexPlusOne == 0 ? head : $"{head}[{_indexPlusOne - 1}].";
        return string.Concat(indexed, _first, _second);
    }
}
