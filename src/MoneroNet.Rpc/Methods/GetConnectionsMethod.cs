using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods;

/// <summary>
/// JSON-RPC <c>get_connections</c>: one <c>connection_info</c> per open P2P connection, plus the response base.
/// monerod takes no parameters and ignores any it is given; MoneroNet adds MoneroNet's per-connection facts
/// (<see cref="ConnectionFactsFormatter"/>) when <c>"extended": true</c> is given, so a client may send it to either
/// node. Any other value of <c>extended</c> is ignored as monerod ignores it. Refused in restricted mode.
/// </summary>
public sealed class GetConnectionsMethod(INodeQuery node, TimeProvider timeProvider) : IRpcMethod
{
    private readonly INodeQuery _node = node ?? throw new ArgumentNullException(nameof(node));
    private readonly TimeProvider _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    public string Name => "get_connections";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var extended = parameters.Values["extended"] is RpcJsonBool { Value: true };
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        return ValueTask.FromResult(RpcResult.Success(new ConnectionsResult(_node, extended, now)));
    }

    /// <summary>
    /// The result, written when the answer is printed: each connection goes from the node's visitor straight into the
    /// writer (<see cref="ConnectionInfoWriter"/>), so no list of snapshots and no tree is built.
    /// </summary>
    private sealed class ConnectionsResult(INodeQuery node, bool extended, long now) : IJsonResult
    {
        public void WriteTo(MonerodJsonWriter writer)
        {
            writer.WriteStartObject();
            // monerod leaves "connections" out when there are none; we print [] on purpose (see MonerodJsonWriter).
            writer.WritePropertyName("connections"u8);
            writer.WriteStartArray();
            node.ForEachConnection(extended, connection => ConnectionInfoWriter.Write(writer, connection, now, extended));
            writer.WriteEndArray();
            // rpc_response_base (RpcResponseBase): status "OK", untrusted false.
            writer.WriteString("status"u8, RpcResponseBase.StatusOkUtf8);
            writer.WriteBoolean("untrusted"u8, false);
            writer.WriteEndObject();
        }
    }
}
