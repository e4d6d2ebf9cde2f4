using System.Diagnostics;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;
using MoneroNet.Rpc.Metrics;
using Microsoft.Extensions.Logging;

namespace MoneroNet.Rpc.Dispatch;

/// <summary>
/// Answers a <c>/json_rpc</c> body the way monerod 0.18's JSON-RPC map does (<c>http_server_handlers_map2.h</c>,
/// docs/PROTOCOL.md §7.4):
/// <list type="bullet">
/// <item>unparsable body → -32700, id 0; no <c>method</c> (also an empty or truncated body) → -32600, id 0;</item>
/// <item><c>method</c> not a string → HTTP 500, empty body, connection closed;</item>
/// <item>unknown method, or one refused in restricted mode → -32601 echoing the request's id as it came
///   (<c>""</c> when there is none);</item>
/// <item>a <c>jsonrpc</c> field that is not a string → -32602, id 0 (monerod fails loading before it reaches the id);
///   a parameter of the wrong type → -32602 echoing the id;</item>
/// <item>success and method errors echo the id, with a missing or null id written as 0.</item>
/// </list>
/// A <c>params</c> value that is not an object is ignored, as monerod does. With <paramref name="metrics"/>, each
/// request is counted and timed under its method's name, or under <see cref="RpcRequestMetrics.Unknown"/> when it
/// names no method this server answers (or none at all).
/// </summary>
public sealed class JsonRpcDispatcher(RpcMethodRegistry registry, bool restricted, ILogger logger, RpcRequestMetrics? metrics = null)
{
    private static readonly RpcJsonValue ZeroId = new RpcJsonUnsigned(0);

    public async ValueTask<RpcReply> DispatchAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var (reply, method) = await AnswerAsync(body, cancellationToken).ConfigureAwait(false);
        metrics?.Record(method, start);
        return reply;
    }

    /// <returns>The answer, and the name of the method it ran (<see cref="RpcRequestMetrics.Unknown"/> for none).</returns>
    private async ValueTask<(RpcReply Reply, string Method)> AnswerAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        const string unknown = RpcRequestMetrics.Unknown;
        var request = EpeeJsonReader.Parse(body.Span);
        if (request is null)
        {
            return (Error(JsonRpcErrorCodes.ParseError, JsonRpcErrorCodes.ParseErrorMessage, ZeroId), unknown);
        }

        var methodValue = request["method"];
        if (methodValue is null)
        {
            return (Error(JsonRpcErrorCodes.InvalidRequest, JsonRpcErrorCodes.InvalidRequestMessage, ZeroId), unknown);
        }

        if (methodValue is not RpcJsonString methodName)
        {
            return (RpcReply.InternalServerError(RpcReply.JsonContentType), unknown);
        }

        if (!registry.TryGetJsonRpcMethod(methodName.Value, out var method)
            || (restricted && !method.AllowedInRestrictedMode))
        {
            return (Error(JsonRpcErrorCodes.MethodNotFound, JsonRpcErrorCodes.MethodNotFoundMessage, request["id"] ?? new RpcJsonString("")), unknown);
        }

        if (request["jsonrpc"] is { } version and not RpcJsonString)
        {
            RpcLog.JsonRpcVersionNotString(logger, methodName.Value, version.KindName);
            return (Error(JsonRpcErrorCodes.InvalidParams, JsonRpcErrorCodes.InvalidParamsMessage, ZeroId), method.Name);
        }

        var id = request["id"] ?? ZeroId;
        var parameters = request["params"] is RpcJsonObject paramsObject ? new RpcParams(paramsObject) : RpcParams.Empty;

        RpcResult result;
        try
        {
            result = await method.InvokeAsync(parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcInvalidParamsException e)
        {
            RpcLog.JsonRpcInvalidParams(logger, method.Name, e.Message);
            return (Error(JsonRpcErrorCodes.InvalidParams, JsonRpcErrorCodes.InvalidParamsMessage, id), method.Name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            RpcLog.JsonRpcMethodFailed(logger, method.Name, e);
            return (Error(JsonRpcErrorCodes.InternalError, JsonRpcErrorCodes.InternalErrorMessage, id), method.Name);
        }

        if (!result.IsSuccess)
        {
            return (Error(result.ErrorCode, result.ErrorMessage!, id), method.Name);
        }

        try
        {
            // {"id", "jsonrpc", "result"}: the names in byte order, the result written straight after its name.
            return (RpcReply.Json(writer =>
            {
                writer.WriteStartObject();
                writer.WritePropertyName("id"u8);
                writer.WriteValue(id);
                writer.WriteString("jsonrpc"u8, "2.0"u8);
                writer.WritePropertyName("result"u8);
                result.WriteResult(writer);
                writer.WriteEndObject();
            }), method.Name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A result that writes itself reads the node while it is printed, so it can fail here.
            RpcLog.JsonRpcMethodFailed(logger, method.Name, e);
            return (Error(JsonRpcErrorCodes.InternalError, JsonRpcErrorCodes.InternalErrorMessage, id), method.Name);
        }
    }

    private static RpcReply Error(long code, string message, RpcJsonValue id)
    {
        return RpcReply.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("error"u8);
            writer.WriteStartObject();
            writer.WriteNumber("code"u8, code);
            writer.WriteString("message"u8, message);
            writer.WriteEndObject();
            writer.WritePropertyName("id"u8);
            writer.WriteValue(id);
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            writer.WriteEndObject();
        });
    }
}
