using Microsoft.Extensions.Logging;
using MoneroNet.Rpc.Dispatch;
using MoneroNet.Rpc.Http;
using MoneroNet.Rpc.Methods;

namespace MoneroNet.Rpc.Hosting;

/// <summary>
/// The daemon RPC's methods answered in the process, without HTTP: what the node's own console prompt calls, as
/// monerod's prompt calls its core_rpc_server directly. Always unrestricted and without login (the prompt is the
/// operator at the node's terminal), the same registry and dispatchers as an RPC server otherwise, so the prompt's
/// answers are byte for byte the RPC's.
/// </summary>
public sealed class InProcessRpc
{
    private readonly RpcMethodRegistry _registry;
    private readonly JsonRpcDispatcher _jsonRpc;
    private readonly UriEndpointDispatcher _uris;

    public InProcessRpc(INodeQuery node, INodeControl control, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(logger);
        _registry = RpcMethodRegistry.CreateDefault(node, control, new RpcServerFacts(false, new RpcConnectionCounter()), timeProvider);
        _jsonRpc = new JsonRpcDispatcher(_registry, restricted: false, logger);
        _uris = new UriEndpointDispatcher(logger);
    }

    /// <summary>POSTs a JSON body to <paramref name="path"/> ("/json_rpc" or a URI endpoint); 404 for any other path.</summary>
    public async Task<(int StatusCode, byte[] Body)> PostAsync(string path, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        RpcReply reply;
        if (path == RpcMethodRegistry.JsonRpcPath)
            reply = await _jsonRpc.DispatchAsync(body, cancellationToken).ConfigureAwait(false);
        else if (_registry.TryGetUriEndpoint(path, out var method))
            reply = await _uris.DispatchAsync(path, method, body, cancellationToken).ConfigureAwait(false);
        else
            return (404, []);
        try
        {
            return (reply.StatusCode, reply.Body);
        }
        finally
        {
            reply.ReleaseJsonBody();
        }
    }
}
