using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;
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
/// A <c>params</c> value that is not an object is ignored, as monerod does.
/// </summary>
public sealed class JsonRpcDispatcher(RpcMethodRegistry registry, bool restricted, ILogger logger)
{
    private static readonly RpcJsonValue ZeroId = new RpcJsonUnsigned(0);

    public async ValueTask<RpcReply> DispatchAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var request = EpeeJsonReader.Parse(body.Span);
        if (request is null)
        {
            return Error(JsonRpcErrorCodes.ParseError, JsonRpcErrorCodes.ParseErrorMessage, ZeroId);
        }

        var methodValue = request["method"];
        if (methodValue is null)
        {
            return Error(JsonRpcErrorCodes.InvalidRequest, JsonRpcErrorCodes.InvalidRequestMessage, ZeroId);
        }

        if (methodValue is not RpcJsonString methodName)
        {
            return RpcReply.InternalServerError(RpcReply.JsonContentType);
        }

        if (!registry.TryGetJsonRpcMethod(methodName.Value, out var method)
            || (restricted && !method.AllowedInRestrictedMode))
        {
            return Error(JsonRpcErrorCodes.MethodNotFound, JsonRpcErrorCodes.MethodNotFoundMessage, request["id"] ?? new RpcJsonString(""));
        }

        if (request["jsonrpc"] is { } version and not RpcJsonString)
        {
            RpcLog.JsonRpcVersionNotString(logger, methodName.Value, version.KindName);
            return Error(JsonRpcErrorCodes.InvalidParams, JsonRpcErrorCodes.InvalidParamsMessage, ZeroId);
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
            return Error(JsonRpcErrorCodes.InvalidParams, JsonRpcErrorCodes.InvalidParamsMessage, id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            RpcLog.JsonRpcMethodFailed(logger, method.Name, e);
            return Error(JsonRpcErrorCodes.InternalError, JsonRpcErrorCodes.InternalErrorMessage, id);
        }

        if (!result.IsSuccess)
        {
            return Error(result.ErrorCode, result.ErrorMessage!, id);
        }

        var envelope = new RpcJsonObject()
            .Set("id", id)
            .Set("jsonrpc", "2.0")
            .Set("result", result.Result!);
        return RpcReply.Json(envelope);
    }

    private static RpcReply Error(long code, string message, RpcJsonValue id)
    {
        var error = new RpcJsonObject()
            .Set("code", code)
            .Set("message", message);
        var envelope = new RpcJsonObject()
            .Set("error", error)
            .Set("id", id)
            .Set("jsonrpc", "2.0");
        return RpcReply.Json(envelope);
    }
}
