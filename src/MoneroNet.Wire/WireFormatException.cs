namespace MoneroNet.Wire;

/// <summary>
/// A portable-storage tree could not be loaded into a message the way monerod would refuse it: a field of an
/// inconvertible type or an integer out of the field's range. monerod rejects the whole message then
/// (request → response with return code −1; notification → dropped). <see cref="Field"/> is the dotted key path.
/// </summary>
public sealed class WireFormatException : Exception
{
    /// <summary>A failure to load <paramref name="field"/> (a dotted key path), with why and the conversion error if any.</summary>
    public WireFormatException(string field, string message, Exception? inner = null)
        : base($"{field}: {message}", inner) => Field = field;

    /// <summary>Dotted key path of the offending field, e.g. <c>node_data.my_port</c>.</summary>
    public string Field { get; }
}
