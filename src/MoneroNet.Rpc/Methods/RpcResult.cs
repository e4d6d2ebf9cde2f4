using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods;

/// <summary>What a method returns: a result object, or a JSON-RPC error (monerod's method-specific codes −1 … −21).</summary>
public sealed class RpcResult
{
    private RpcResult(RpcJsonObject? result, long errorCode, string? errorMessage)
    {
        Result = result;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
    }

    /// <summary>The <c>result</c> object; null for an error.</summary>
    public RpcJsonObject? Result { get; }

    public long ErrorCode { get; }

    public string? ErrorMessage { get; }

    public bool IsSuccess => Result is not null;

    public static RpcResult Success(RpcJsonObject result) => new(result ?? throw new ArgumentNullException(nameof(result)), 0, null);

    /// <summary>
    /// A method failure. JSON-RPC answers it as <c>{"error": {"code", "message"}}</c> with HTTP 200; a URI endpoint
    /// answers HTTP 500 with an empty body, as monerod does when a URI handler returns false.
    /// </summary>
    public static RpcResult Error(long code, string message) => new(null, code, message ?? throw new ArgumentNullException(nameof(message)));
}
