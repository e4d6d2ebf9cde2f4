using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods.Info;

/// <summary>
/// JSON-RPC <c>sync_info</c>: chain height, target height, the next needed pruning seed, every connection as
/// <c>{info: connection_info}</c>, and the block queue — always empty here, since MoneroNet downloads no blocks
/// (<c>spans</c> [] and <c>overview</c> "[]"). Refused in restricted mode.
/// </summary>
public sealed class SyncInfoMethod(INodeQuery node, TimeProvider timeProvider) : IRpcMethod
{
    private readonly INodeQuery _node = node ?? throw new ArgumentNullException(nameof(node));
    private readonly TimeProvider _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    public string Name => "sync_info";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        _ = parameters.GetString("client");
        var info = _node.GetNodeInfo();
        var connections = _node.GetConnections();
        var now = _time.GetUtcNow().ToUnixTimeSeconds();

        var peers = new RpcJsonArray();
        foreach (var connection in connections)
        {
            peers.Add(new RpcJsonObject().Set("info", ConnectionInfoFormatter.Format(connection, now)));
        }

        // monerod leaves empty "peers" and "spans" out; we print [] on purpose (see EpeeJsonWriter).
        var result = new RpcJsonObject()
            .Set("credits", 0UL)
            .Set("height", info.ChainHeight)
            .Set("next_needed_pruning_seed", (ulong)SyncState.NextNeededPruningSeed(info, connections))
            .Set("overview", "[]")
            .Set("peers", peers)
            .Set("spans", new RpcJsonArray())
            .Set("target_height", SyncState.TargetHeight(info))
            .Set("top_hash", "");
        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(result)));
    }
}
