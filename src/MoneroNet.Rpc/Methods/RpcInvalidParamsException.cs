namespace MoneroNet.Rpc.Methods;

/// <summary>A request parameter has a type monerod cannot convert to the field's type (→ -32602 Invalid params).</summary>
public sealed class RpcInvalidParamsException(string message) : Exception(message);
