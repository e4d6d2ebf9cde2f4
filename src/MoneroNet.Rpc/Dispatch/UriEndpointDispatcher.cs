using System.Diagnostics;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;
using MoneroNet.Rpc.Metrics;
using Microsoft.Extensions.Logging;

namespace MoneroNet.Rpc.Dispatch;

/// <summary>
/// Answers a URI endpoint (<c>/get_info</c>, <c>/get_peer_list</c> …) as monerod's <c>MAP_URI_AUTO_JON2</c> does:
/// the whole body is the request object; unparsable JSON or a parameter of the wrong type → 400 "Bad request" with an
/// empty body; a failed handler → 500; otherwise the result object itself is the body. With
/// <paramref name="metrics"/>, each request reached through its path is counted and timed under that path.
/// </summary>
public sealed class UriEndpointDispatcher(ILogger logger, RpcRequestMetrics? metrics = null)
{
    /// <summary>Answers the endpoint registered at <paramref name="path"/>, counted under that path.</summary>
    public async ValueTask<RpcReply> DispatchAsync(string path, IRpcMethod method, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var reply = await DispatchAsync(method, body, cancellationToken).ConfigureAwait(false);
        metrics?.Record(path, start);
        return reply;
    }

    public async ValueTask<RpcReply> DispatchAsync(IRpcMethod method, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var request = EpeeJsonReader.Parse(body.Span);
        if (request is null)
        {
            return RpcReply.BadRequest;
        }

        RpcResult result;
        try
        {
            result = await method.InvokeAsync(new RpcParams(request), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcInvalidParamsException e)
        {
            RpcLog.UriInvalidParams(logger, method.Name, e.Message);
            return RpcReply.BadRequest;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            RpcLog.UriMethodFailed(logger, method.Name, e);
            return RpcReply.InternalServerError(RpcReply.JsonContentType);
        }

        if (!result.IsSuccess)
        {
            return RpcReply.InternalServerError(RpcReply.JsonContentType);
        }

        try
        {
            return RpcReply.Json(result.WriteResult);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A result that writes itself reads the node while it is printed, so it can fail here.
            RpcLog.UriMethodFailed(logger, method.Name, e);
            return RpcReply.InternalServerError(RpcReply.JsonContentType);
        }
    }
}
