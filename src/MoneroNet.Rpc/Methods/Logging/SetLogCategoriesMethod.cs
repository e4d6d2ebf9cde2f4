using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods.Logging;

/// <summary>
/// <c>/set_log_categories {"categories": "..."}</c>: monerod's category text (a level 0-4, <c>+cats</c> to add,
/// <c>-cats</c> to remove, or categories to replace; "" logs nothing); the answer's <c>categories</c> are those now in
/// force. Refused in restricted mode.
/// </summary>
public sealed class SetLogCategoriesMethod(INodeControl control) : IRpcMethod
{
    private readonly INodeControl _control = control ?? throw new ArgumentNullException(nameof(control));

    public string Name => "set_log_categories";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (_control.SetLogCategories(parameters.GetString("categories") ?? "") is not { } now)
            return ValueTask.FromResult(RpcResult.Success(new RpcJsonObject().Set("status", "Error: logging cannot be changed").Set("untrusted", false)));
        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(new RpcJsonObject().Set("categories", now))));
    }
}
