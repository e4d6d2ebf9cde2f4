namespace MoneroNet.Rpc.Dispatch;

/// <summary>The JSON-RPC 2.0 envelope errors monerod answers with (docs/PROTOCOL.md §7.4).</summary>
public static class JsonRpcErrorCodes
{
    public const long ParseError = -32700;
    public const long InvalidRequest = -32600;
    public const long MethodNotFound = -32601;
    public const long InvalidParams = -32602;
    public const long InternalError = -32603;

    public const string ParseErrorMessage = "Parse error";
    public const string InvalidRequestMessage = "Invalid Request";
    public const string MethodNotFoundMessage = "Method not found";
    public const string InvalidParamsMessage = "Invalid params";
    public const string InternalErrorMessage = "Internal error";
}
