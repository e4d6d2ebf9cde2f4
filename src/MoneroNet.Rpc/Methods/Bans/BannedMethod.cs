using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods.Bans;

/// <summary>
/// JSON-RPC <c>banned</c>: whether <c>address</c> is banned (by a host ban or a subnet holding it) and for how many
/// more seconds. Its answer has only <c>banned</c>, <c>seconds</c> and <c>status</c> — no <c>untrusted</c>, as in
/// monerod. An address that is no IP → −1 "Unsupported host type". Refused in restricted mode.
/// </summary>
public sealed class BannedMethod(INodeQuery node) : IRpcMethod
{
    private readonly INodeQuery _node = node ?? throw new ArgumentNullException(nameof(node));

    public string Name => "banned";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        var text = parameters.GetString("address") ?? "";
        if (!BanHostParser.TryParseHost(text, out var address))
        {
            return ValueTask.FromResult(RpcResult.Error(RpcErrorCodes.WrongParam, "Unsupported host type"));
        }

        var banned = _node.IsBanned(address, out var seconds) && seconds > 0;
        var result = new RpcJsonObject()
            .Set("banned", banned)
            .Set("seconds", banned ? (ulong)Math.Min(seconds, uint.MaxValue) : 0UL)
            .Set("status", RpcResponseBase.StatusOk);
        return ValueTask.FromResult(RpcResult.Success(result));
    }
}
