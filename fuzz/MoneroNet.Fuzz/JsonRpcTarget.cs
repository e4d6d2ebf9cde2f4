using MoneroNet.Rpc.Dispatch;
using MoneroNet.Rpc.Http;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;

namespace MoneroNet.Fuzz;

/// <summary>
/// The JSON-RPC request reader (<see cref="EpeeJsonReader"/>) and the request handling of the dispatchers: the input
/// is a request body. It is parsed (null is the documented rejection) and a parsed request is printed back; then it is
/// dispatched as a <c>/json_rpc</c> body and as the body of every URI endpoint, over every real method of a fixed
/// node (unrestricted, so the admin methods run too), and each reply body is printed. The dispatchers turn a handler's
/// exception into −32603 or HTTP 500 and log it at Error: such a log is a finding here, as is any exception.
/// </summary>
internal static class JsonRpcTarget
{
    private static readonly FailOnErrorLogger Logger = new();
    private static readonly FuzzNode Node = new();
    private static readonly RpcMethodRegistry Registry = RpcMethodRegistry.CreateDefault(
        Node, Node, new RpcServerFacts(Restricted: false, new RpcConnectionCounter()), TimeProvider.System);
    private static readonly JsonRpcDispatcher JsonRpc = new(Registry, restricted: false, Logger);
    private static readonly UriEndpointDispatcher Uris = new(Logger);

    public static void Run(byte[] data)
    {
        if (EpeeJsonReader.Parse(data) is { } request)
        {
            _ = EpeeJsonWriter.Write(request);
        }

        var reply = JsonRpc.DispatchAsync(data, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _ = reply.Body;
        Logger.ThrowIfFailed();

        foreach (var (_, method) in Registry.UriEndpoints)
        {
            reply = Uris.DispatchAsync(method, data, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            _ = reply.Body;
            Logger.ThrowIfFailed();
        }
    }
}
