using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods;

/// <summary>
/// JSON-RPC <c>get_connections</c>: one <c>connection_info</c> per open P2P connection, plus the response base.
/// Takes no parameters (monerod ignores any it is given). Refused in restricted mode.
/// </summary>
public sealed class GetConnectionsMethod(INodeQuery node, TimeProvider timeProvider) : IRpcMethod
{
    private readonly INodeQuery _node = node ?? throw new ArgumentNullException(nameof(node));
    private readonly TimeProvider _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    public string Name => "get_connections";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var snapshots = _node.GetConnections();
        var connections = new RpcJsonArray(snapshots.Count);
        foreach (var connection in snapshots)
        {
            connections.Add(ConnectionInfoFormatter.Format(connection, now));
        }

        // monerod leaves "connections" out when there are none; we print [] on purpose (see EpeeJsonWriter).
        var result = RpcResponseBase.WithStatusOk(new RpcJsonObject().Set("connections", connections));
        return ValueTask.FromResult(RpcResult.Success(result));
    }
}
