using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods.Chain;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Methods.Info;

/// <summary>
/// <c>get_info</c> (JSON-RPC, <c>/get_info</c>, <c>/getinfo</c>) with every field of monerod 0.18, answered truthfully
/// for MoneroNet, which holds only the genesis block: height 1, its hash and cumulative difficulty, next difficulty
/// 1, no transactions, an empty pool, no database (size 0) and free space of the data directory's disk. A restricted
/// server hides node details as monerod does (docs/PROTOCOL.md §7.5). <c>version</c> is MoneroNet's own version.
/// </summary>
public sealed class GetInfoMethod(INodeQuery node, RpcServerFacts server, TimeProvider timeProvider) : IRpcMethod
{
    /// <summary>MoneroNet's version as get_info reports it (the assembly version, "0.1.0").</summary>
    public static readonly string Version = typeof(GetInfoMethod).Assembly.GetName().Version is { } v
        ? $"{v.Major}.{v.Minor}.{v.Build}"
        : "0.0.0";

    private readonly INodeQuery _node = node ?? throw new ArgumentNullException(nameof(node));
    private readonly RpcServerFacts _server = server ?? throw new ArgumentNullException(nameof(server));
    private readonly TimeProvider _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    public string Name => "get_info";

    public bool AllowedInRestrictedMode => true;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        _ = parameters.GetString("client"); // rpc_request_base: read, unused (no RPC payment)
        var info = _node.GetNodeInfo();
        var restricted = _server.Restricted;
        var network = info.Network;
        var now = _time.GetUtcNow().ToUnixTimeSeconds();

        var result = new RpcJsonObject()
            .Set("adjusted_time", (ulong)Math.Max(0, now)) // fewer blocks than the timestamp window: the current time
            .Set("alt_blocks_count", 0UL)
            .Set("block_size_limit", GenesisChain.BlockWeightLimit(network))
            .Set("block_size_median", GenesisChain.BlockWeightMedian(network))
            .Set("block_weight_limit", GenesisChain.BlockWeightLimit(network))
            .Set("block_weight_median", GenesisChain.BlockWeightMedian(network))
            .Set("bootstrap_daemon_address", "")
            .Set("busy_syncing", false)
            .Set("credits", 0UL)
            .Set("database_size", 0UL)
            .Set("free_space", restricted ? ulong.MaxValue : info.FreeSpaceBytes)
            .Set("grey_peerlist_size", restricted ? 0 : info.GrayPeerlistSize)
            .Set("height", info.ChainHeight)
            .Set("height_without_bootstrap", restricted ? 0 : info.ChainHeight)
            .Set("incoming_connections_count", restricted ? 0 : info.IncomingConnections)
            .Set("mainnet", network == NodeNetwork.Mainnet)
            .Set("nettype", NetTypeName(network))
            .Set("offline", info.Offline)
            .Set("outgoing_connections_count", restricted ? 0 : info.OutgoingConnections)
            .Set("restricted", restricted)
            .Set("rpc_connections_count", restricted ? 0 : (ulong)_server.Connections.Open)
            .Set("stagenet", network == NodeNetwork.Stagenet)
            .Set("start_time", restricted ? 0 : (ulong)Math.Max(0, info.StartedUnixSeconds))
            .Set("synchronized", info.Synchronized)
            .Set("target", GenesisChain.DifficultyTarget(network))
            .Set("target_height", SyncState.TargetHeight(info))
            .Set("testnet", network == NodeNetwork.Testnet)
            .Set("top_block_hash", info.TopBlockHash)
            .Set("top_hash", "")
            .Set("tx_count", GenesisChain.TransactionCount)
            .Set("tx_pool_size", 0UL)
            .Set("update_available", false)
            .Set("version", restricted ? "" : Version)
            .Set("was_bootstrap_ever_used", false)
            .Set("white_peerlist_size", restricted ? 0 : info.WhitePeerlistSize);
        Difficulty.Set(result, "difficulty", "wide_difficulty", "difficulty_top64", GenesisChain.NextDifficulty);
        Difficulty.Set(result, "cumulative_difficulty", "wide_cumulative_difficulty", "cumulative_difficulty_top64", info.CumulativeDifficulty);
        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(result)));
    }

    internal static string NetTypeName(NodeNetwork network) => network switch
    {
        NodeNetwork.Mainnet => "mainnet",
        NodeNetwork.Testnet => "testnet",
        NodeNetwork.Stagenet => "stagenet",
        _ => "fakechain",
    };
}
