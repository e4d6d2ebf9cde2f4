using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods;

/// <summary>What a method returns: a result object, or a JSON-RPC error (monerod's method-specific codes −1 … −21).</summary>
public sealed class RpcResult
{
    private RpcResult(RpcJsonObject? result, long errorCode, string? errorMessage, IJsonResult? written = null)
    {
        Result = result;
        Written = written;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
    }

    /// <summary>The <c>result</c> object as a tree; null for an error or a result that writes itself (<see cref="Written"/>).</summary>
    public RpcJsonObject? Result { get; }

    /// <summary>A <c>result</c> object that writes itself into the response; null for a tree or an error.</summary>
    public IJsonResult? Written { get; }

    public long ErrorCode { get; }

    public string? ErrorMessage { get; }

    public bool IsSuccess => Result is not null || Written is not null;

    public static RpcResult Success(RpcJsonObject result) => new(result ?? throw new ArgumentNullException(nameof(result)), 0, null);

    /// <summary>A success whose result object is written by <paramref name="result"/> when the answer is printed.</summary>
    public static RpcResult Success(IJsonResult result) => new(null, 0, null, result ?? throw new ArgumentNullException(nameof(result)));

    /// <summary>Writes the result object of a success.</summary>
    public void WriteResult(MonerodJsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Written is { } written)
        {
            written.WriteTo(writer);
        }
        else
        {
            writer.WriteValue(Result ?? throw new InvalidOperationException("an error has no result"));
        }
    }

    /// <summary>
    /// A method failure. JSON-RPC answers it as <c>{"error": {"code", "message"}}</c> with HTTP 200; a URI endpoint
    /// answers HTTP 500 with an empty body, as monerod does when a URI handler returns false.
    /// </summary>
    public static RpcResult Error(long code, string message) => new(null, code, message ?? throw new ArgumentNullException(nameof(message)));
}
