using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods.Limits;

/// <summary>
/// <c>/get_limit</c>: the node-wide P2P throttle as <c>limit_down</c> and <c>limit_up</c> in kB/s (docs/PROTOCOL.md
/// §7.7). Allowed in restricted mode, as in monerod.
/// </summary>
public sealed class GetLimitMethod(INodeQuery node) : IRpcMethod
{
    private readonly INodeQuery _node = node ?? throw new ArgumentNullException(nameof(node));

    public string Name => "get_limit";

    public bool AllowedInRestrictedMode => true;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        var limits = _node.GetRateLimits();
        var result = new RpcJsonObject().Set("limit_down", (ulong)limits.DownKBps).Set("limit_up", (ulong)limits.UpKBps);
        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(result)));
    }
}
