using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods.Control;

/// <summary>
/// <c>/stop_daemon</c>, as monerod's: asks the node to stop and answers <c>{"status": "OK"}</c> at once; the node then
/// closes every connection and its RPC servers as on SIGTERM (docs/PROTOCOL.md §7.7). A node that cannot be stopped
/// this way answers status "Error: the node cannot be stopped over RPC". Refused in restricted mode, as monerod.
/// </summary>
public sealed class StopDaemonMethod(INodeControl control) : IRpcMethod
{
    private readonly INodeControl _control = control ?? throw new ArgumentNullException(nameof(control));

    public string Name => "stop_daemon";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_control.RequestStop()
            ? RpcResult.Success(RpcResponseBase.WithStatusOk(new RpcJsonObject()))
            : RpcResult.Success(new RpcJsonObject().Set("status", "Error: the node cannot be stopped over RPC").Set("untrusted", false)));
}
