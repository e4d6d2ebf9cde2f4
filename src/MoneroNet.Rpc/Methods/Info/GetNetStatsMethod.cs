using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods.Info;

/// <summary>
/// <c>/get_net_stats</c>: the node's start time and its P2P byte and packet totals (RPC traffic is not counted, as in
/// the 0.18 binary). Refused in restricted mode.
/// </summary>
public sealed class GetNetStatsMethod(INodeQuery node) : IRpcMethod
{
    private readonly INodeQuery _node = node ?? throw new ArgumentNullException(nameof(node));

    public string Name => "get_net_stats";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        var stats = _node.GetNetStats();
        var result = new RpcJsonObject()
            .Set("start_time", (ulong)Math.Max(0, stats.StartedUnixSeconds))
            .Set("total_bytes_in", stats.TotalBytesIn)
            .Set("total_bytes_out", stats.TotalBytesOut)
            .Set("total_packets_in", stats.TotalPacketsIn)
            .Set("total_packets_out", stats.TotalPacketsOut);
        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(result)));
    }
}
