using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Methods.Limits;

/// <summary>
/// <c>/set_limit</c> as monerod 0.18's on_set_limit: for each of <c>limit_down</c> then <c>limit_up</c> (kB/s), a
/// positive value becomes the limit, 0 (or absent) keeps it, -1 restores monerod's default (8192 down, 2048 up — not
/// the command line's value), and any other negative value stops there with status "Invalid parameter" and both
/// limits 0 in the answer (a valid limit_down given with it has already been applied, as in monerod). The answer
/// otherwise holds the limits now in force. Refused in restricted mode.
/// </summary>
public sealed class SetLimitMethod(INodeControl control) : IRpcMethod
{
    private const string InvalidParameter = "Invalid parameter";

    private readonly INodeControl _control = control ?? throw new ArgumentNullException(nameof(control));

    public string Name => "set_limit";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        long down = parameters.GetInt64("limit_down") ?? 0;
        long up = parameters.GetInt64("limit_up") ?? 0;

        if (!TryTarget(down, RateLimitsSnapshot.MonerodDefaultDownKBps, out var newDown))
            return Invalid();
        if (newDown is not null)
            _control.SetRateLimits(upKBps: null, downKBps: newDown);
        if (!TryTarget(up, RateLimitsSnapshot.MonerodDefaultUpKBps, out var newUp))
            return Invalid();
        var now = _control.SetRateLimits(upKBps: newUp, downKBps: null);

        var result = new RpcJsonObject().Set("limit_down", now.DownKBps).Set("limit_up", now.UpKBps);
        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(result)));
    }

    /// <returns>False for a negative value other than -1; otherwise the new limit, or null to keep it.</returns>
    private static bool TryTarget(long requested, long monerodDefault, out long? target)
    {
        target = requested switch
        {
            > 0 => requested,
            -1 => monerodDefault,
            _ => null,
        };
        return requested >= -1;
    }

    /// <summary>monerod returns true with only the status set: the limits keep their zero-initialised values.</summary>
    private static ValueTask<RpcResult> Invalid()
    {
        var result = new RpcJsonObject().Set("limit_down", 0L).Set("limit_up", 0L)
            .Set("status", InvalidParameter).Set("untrusted", false);
        return ValueTask.FromResult(RpcResult.Success(result));
    }
}
