using System.Diagnostics;
using MoneroNet.Epee;
using MoneroNet.Rpc.Methods;
using MoneroNet.Rpc.Metrics;
using MoneroNet.Wire;
using Microsoft.Extensions.Logging;

namespace MoneroNet.Rpc.Dispatch;

/// <summary>
/// Answers a binary endpoint (<c>/get_hashes.bin</c> …) as monerod's <c>MAP_URI_AUTO_BIN2</c> does (docs/PROTOCOL.md
/// §7.8): a body that is not portable storage, or a field of an inconvertible type → 400 "Bad request" with an empty
/// body; a failed handler → 500; otherwise the response tree, epee-encoded, with status 200.
/// </summary>
/// <remarks>
/// monerod reads request bodies without the object/field/string budgets of its P2P reader; here the 196 608 budgets of
/// epee's own <c>.bin</c> client apply (<see cref="EpeeLimits.Rpc"/>), so that a 1 MiB body of empty objects cannot
/// make a tree of a million nodes. No real request comes near them. With <paramref name="metrics"/>, each request
/// reached through its path is counted and timed under that path.
/// </remarks>
public sealed class BinaryEndpointDispatcher(ILogger logger, RpcRequestMetrics? metrics = null)
{
    /// <summary>Answers the endpoint registered at <paramref name="path"/>, counted under that path.</summary>
    public async ValueTask<(RpcReply Reply, int HostFailScore)> DispatchAsync(
        string path, IBinaryRpcMethod method, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var answer = await DispatchAsync(method, body, cancellationToken).ConfigureAwait(false);
        metrics?.Record(path, start);
        return answer;
    }

    /// <returns>The answer, and what to add to the caller's RPC fail score.</returns>
    public async ValueTask<(RpcReply Reply, int HostFailScore)> DispatchAsync(
        IBinaryRpcMethod method, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!EpeeStorage.TryRead(body.Span, EpeeLimits.Rpc, out var request, out var error))
        {
            RpcLog.BinaryBodyRefused(logger, method.Name, error!.Message);
            return (RpcReply.BadRequest, 0);
        }

        BinaryRpcResult result;
        try
        {
            result = await method.InvokeAsync(request!, cancellationToken).ConfigureAwait(false);
        }
        catch (WireFormatException e)
        {
            RpcLog.BinaryBodyRefused(logger, method.Name, e.Message);
            return (RpcReply.BadRequest, 0);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            RpcLog.UriMethodFailed(logger, method.Name, e);
            return (RpcReply.InternalServerError(RpcReply.TextContentType), 0);
        }

        return (RpcReply.Binary(EpeeStorage.ToArray(result.Response)), result.HostFailScore);
    }
}
