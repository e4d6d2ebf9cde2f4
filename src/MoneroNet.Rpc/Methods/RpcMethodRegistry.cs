using MoneroNet.Rpc.Methods.Bans;
using MoneroNet.Rpc.Methods.Chain;
using MoneroNet.Rpc.Methods.Connections;
using MoneroNet.Rpc.Methods.Control;
using MoneroNet.Rpc.Methods.Info;
using MoneroNet.Rpc.Methods.Limits;
using MoneroNet.Rpc.Methods.Logging;
using MoneroNet.Rpc.Methods.Peers;

namespace MoneroNet.Rpc.Methods;

/// <summary>
/// The methods a server answers: JSON-RPC methods by name (under <c>/json_rpc</c>), URI endpoints by their exact
/// request target (e.g. "/get_info"), and binary (epee) endpoints the same way (e.g. "/get_hashes.bin"). Fill it before
/// the server starts; it is only read afterwards.
/// </summary>
public sealed class RpcMethodRegistry
{
    private readonly Dictionary<string, IRpcMethod> _jsonRpc = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IRpcMethod> _uris = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IBinaryRpcMethod> _binary = new(StringComparer.Ordinal);

    /// <summary>The path of the JSON-RPC endpoint; it cannot be taken by a URI endpoint.</summary>
    public const string JsonRpcPath = "/json_rpc";

    /// <summary>
    /// The registry with every method implemented: the reads (get_connections, get_closed_connections,
    /// get_connection_stats, get_info, sync_info, hard_fork_info,
    /// get_bans, banned, /get_peer_list, /get_public_nodes, /get_limit, /get_net_stats, /get_hashes.bin) and, when <paramref name="control"/> is given, the writes
    /// (set_bans, /in_peers, /out_peers, /set_limit, /set_log_level, /set_log_categories).
    /// </summary>
    public static RpcMethodRegistry CreateDefault(INodeQuery node, INodeControl? control, RpcServerFacts server, TimeProvider timeProvider)
    {
        var registry = new RpcMethodRegistry();
        registry.AddJsonRpcMethod(new GetConnectionsMethod(node, timeProvider));
        registry.AddJsonRpcMethod(new GetClosedConnectionsMethod(node));
        registry.AddJsonRpcMethod(new GetConnectionStatsMethod(node));

        var getInfo = new GetInfoMethod(node, server, timeProvider);
        registry.AddJsonRpcMethod(getInfo).AddUriEndpoint("/get_info", getInfo).AddUriEndpoint("/getinfo", getInfo);
        registry.AddJsonRpcMethod(new SyncInfoMethod(node, timeProvider));
        registry.AddJsonRpcMethod(new HardForkInfoMethod(node, timeProvider));
        registry.AddUriEndpoint("/get_net_stats", new GetNetStatsMethod(node));
        registry.AddUriEndpoint("/mining_status", new MiningStatusMethod(node));
        registry.AddUriEndpoint("/get_peer_list", new GetPeerListMethod(node));
        registry.AddUriEndpoint("/get_limit", new GetLimitMethod(node));
        registry.AddUriEndpoint("/get_public_nodes", new GetPublicNodesMethod(node));
        registry.AddJsonRpcMethod(new GetBansMethod(node));
        registry.AddJsonRpcMethod(new BannedMethod(node));
        var getHashes = new GetHashesMethod(node);
        registry.AddBinaryEndpoint("/get_hashes.bin", getHashes).AddBinaryEndpoint("/gethashes.bin", getHashes);
        if (control is not null)
        {
            registry.AddJsonRpcMethod(new SetBansMethod(control));
            registry.AddUriEndpoint("/in_peers", PeerLimitMethod.InPeers(node, control));
            registry.AddUriEndpoint("/out_peers", PeerLimitMethod.OutPeers(node, control));
            registry.AddUriEndpoint("/set_limit", new SetLimitMethod(control));
            registry.AddUriEndpoint("/set_log_level", new SetLogLevelMethod(control));
            registry.AddUriEndpoint("/set_log_categories", new SetLogCategoriesMethod(control));
            registry.AddUriEndpoint("/stop_daemon", new StopDaemonMethod(control));
        }

        return registry;
    }

    public IEnumerable<IRpcMethod> JsonRpcMethods => _jsonRpc.Values;

    public IEnumerable<KeyValuePair<string, IRpcMethod>> UriEndpoints => _uris;

    public IEnumerable<KeyValuePair<string, IBinaryRpcMethod>> BinaryEndpoints => _binary;

    public RpcMethodRegistry AddJsonRpcMethod(IRpcMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!_jsonRpc.TryAdd(method.Name, method))
        {
            throw new ArgumentException($"JSON-RPC method '{method.Name}' is already registered", nameof(method));
        }

        return this;
    }

    /// <param name="path">The whole request target that selects the endpoint, e.g. "/get_info" (matched exactly).</param>
    public RpcMethodRegistry AddUriEndpoint(string path, IRpcMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (string.IsNullOrEmpty(path) || path[0] != '/' || path == JsonRpcPath)
        {
            throw new ArgumentException($"'{path}' cannot be a URI endpoint", nameof(path));
        }

        if (_binary.ContainsKey(path) || !_uris.TryAdd(path, method))
        {
            throw new ArgumentException($"URI endpoint '{path}' is already registered", nameof(path));
        }

        return this;
    }

    /// <param name="path">The whole request target that selects the endpoint, e.g. "/get_hashes.bin" (matched exactly).</param>
    public RpcMethodRegistry AddBinaryEndpoint(string path, IBinaryRpcMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (string.IsNullOrEmpty(path) || path[0] != '/' || path == JsonRpcPath)
        {
            throw new ArgumentException($"'{path}' cannot be a URI endpoint", nameof(path));
        }

        if (_uris.ContainsKey(path) || !_binary.TryAdd(path, method))
        {
            throw new ArgumentException($"URI endpoint '{path}' is already registered", nameof(path));
        }

        return this;
    }

    public bool TryGetJsonRpcMethod(string name, out IRpcMethod method) => _jsonRpc.TryGetValue(name, out method!);

    public bool TryGetUriEndpoint(string target, out IRpcMethod method) => _uris.TryGetValue(target, out method!);

    public bool TryGetBinaryEndpoint(string target, out IBinaryRpcMethod method) => _binary.TryGetValue(target, out method!);
}
