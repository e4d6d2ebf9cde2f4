namespace MoneroNet.Rpc.Methods;

/// <summary>
/// One daemon RPC method. The same handler can be registered as a JSON-RPC method (under <see cref="Name"/>) and/or
/// as a URI endpoint such as <c>/get_info</c> (see <see cref="RpcMethodRegistry"/>).
/// </summary>
public interface IRpcMethod
{
    /// <summary>The JSON-RPC method name, e.g. "get_connections".</summary>
    string Name { get; }

    /// <summary>
    /// False when monerod registers the method with <c>!m_restricted</c>: a restricted server then answers
    /// -32601 Method not found (JSON-RPC) or 404 (URI), exactly as for an unknown method.
    /// </summary>
    bool AllowedInRestrictedMode { get; }

    /// <summary>
    /// Runs the method. Read every parameter before acting: a parameter of the wrong type throws
    /// <see cref="RpcInvalidParamsException"/> (→ -32602, or 400 on a URI endpoint) and monerod rejects such a
    /// request before its handler runs.
    /// </summary>
    ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken);
}
