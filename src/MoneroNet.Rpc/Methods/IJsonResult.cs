using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods;

/// <summary>
/// A method's <c>result</c> object that writes itself straight into the response with the forward-only writer,
/// reading the node as it goes, instead of building a tree first (get_connections at 10,000 peers).
/// </summary>
public interface IJsonResult
{
    /// <summary>Writes the whole result object (its opening and closing brackets included).</summary>
    void WriteTo(MonerodJsonWriter writer);
}
