using MoneroNet.Epee;

namespace MoneroNet.Rpc.Methods;

/// <summary>
/// One daemon RPC endpoint whose request and response bodies are epee portable storage (monerod's
/// <c>MAP_URI_AUTO_BIN2</c>, the <c>.bin</c> URIs; docs/PROTOCOL.md §7.8). Registered by exact request target with
/// <see cref="RpcMethodRegistry.AddBinaryEndpoint"/>.
/// </summary>
public interface IBinaryRpcMethod
{
    /// <summary>A name for logs, e.g. "get_hashes".</summary>
    string Name { get; }

    /// <summary>False when a restricted server answers 404 for it.</summary>
    bool AllowedInRestrictedMode { get; }

    /// <summary>
    /// Runs the method on the parsed request tree. A field of an inconvertible type throws
    /// <see cref="Wire.WireFormatException"/>, which the server answers 400 "Bad request" as monerod does.
    /// </summary>
    ValueTask<BinaryRpcResult> InvokeAsync(EpeeSection request, CancellationToken cancellationToken);
}

/// <summary>What a <see cref="IBinaryRpcMethod"/> answers.</summary>
/// <param name="Response">The response tree, sent with status 200.</param>
/// <param name="HostFailScore">
/// What to add to the caller's RPC fail score (monerod's <c>add_host_fail</c>, docs/PROTOCOL.md §7.8); 0 for none.
/// </param>
public sealed record BinaryRpcResult(EpeeSection Response, int HostFailScore = 0);
