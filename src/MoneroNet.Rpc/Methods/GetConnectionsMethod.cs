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
        var snapshots = _node.GetConnections();
        var connections = new RpcJsonArray(snapshots.Count);
        foreach (var connection in snapshots)
        {
            connections.Add(extended
                ? ConnectionFactsFormatter.FormatExtended(connection, now)
                : ConnectionInfoFormatter.Format(connection, now));
        }

        // monerod leaves "connections" out when there are none; we print [] on purpose (see EpeeJsonWriter).
        var result = RpcResponseBase.WithStatusOk(new RpcJsonObject().Set("connections", connections));
        return ValueTask.FromResult(RpcResult.Success(result));
    }
}
