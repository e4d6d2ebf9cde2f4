using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods.Connections;

/// <summary>
/// JSON-RPC <c>get_closed_connections</c> (MoneroNet only, docs/OBSERVABILITY.md "RPC methods"): the most recently
/// closed connections, newest first, each with every field get_connections gave it (the extended facts included) as of
/// its close — <c>live_time</c>, <c>recv_idle_time</c> and the averages are computed at the close time, not now — plus
/// <c>close_reason</c> (snake case), <c>close_detail</c> (the close log line's text) and <c>closed_at</c> (unix
/// seconds). <c>"count"</c>: how many, 1 to <see cref="MaxCount"/>, <see cref="DefaultCount"/> when absent; any other
/// value is -32602 Invalid params, as monerod answers a parameter it cannot use. Refused in restricted mode.
/// </summary>
public sealed class GetClosedConnectionsMethod(INodeQuery node) : IRpcMethod
{
    /// <summary>The node keeps this many (its ring's size); a larger count is refused rather than cut silently.</summary>
    public const int MaxCount = 1000;

    /// <summary>The count when none is given: a screenful of recent closes, not the whole ring.</summary>
    public const int DefaultCount = 100;

    private readonly INodeQuery _node = node ?? throw new ArgumentNullException(nameof(node));

    public string Name => "get_closed_connections";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var count = parameters.GetUInt64("count") ?? DefaultCount;
        if (count is 0 or > MaxCount)
        {
            throw new RpcInvalidParamsException($"parameter 'count': {count} is not within 1 to {MaxCount}");
        }

        var closed = _node.GetClosedConnections((int)count);
        var entries = new RpcJsonArray(closed.Count);
        foreach (var c in closed.Take((int)count))
        {
            entries.Add(ConnectionFactsFormatter.FormatExtended(c.Connection, c.ClosedUnixSeconds)
                .Set("close_detail", c.CloseDetail)
                .Set("close_reason", c.CloseReason)
                .Set("closed_at", (ulong)Math.Max(0, c.ClosedUnixSeconds)));
        }

        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(
            new RpcJsonObject().Set("connections", entries))));
    }
}
