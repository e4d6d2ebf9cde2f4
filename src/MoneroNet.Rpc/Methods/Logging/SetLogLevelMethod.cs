using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods.Logging;

/// <summary>
/// <c>/set_log_level {"level": 0-4}</c>: the node logs as monerod's --log-level of that number would. A level outside
/// 0..4 answers monerod's status "Error: log level not valid" and changes nothing. Refused in restricted mode.
/// </summary>
public sealed class SetLogLevelMethod(INodeControl control) : IRpcMethod
{
    private readonly INodeControl _control = control ?? throw new ArgumentNullException(nameof(control));

    public string Name => "set_log_level";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var level = parameters.GetInt64("level") ?? 0;
        if (level is < 0 or > 4)
            return ValueTask.FromResult(RpcResult.Success(new RpcJsonObject().Set("status", "Error: log level not valid").Set("untrusted", false)));
        if (!_control.SetLogLevel((int)level))
            return ValueTask.FromResult(RpcResult.Success(new RpcJsonObject().Set("status", "Error: logging cannot be changed").Set("untrusted", false)));
        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(new RpcJsonObject())));
    }
}
