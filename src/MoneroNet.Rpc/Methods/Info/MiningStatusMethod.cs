using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods.Chain;

namespace MoneroNet.Rpc.Methods.Info;

/// <summary>
/// <c>/mining_status</c>: MoneroNet never mines, so it answers as an idle monerod does (not active, no background
/// mining, no address), with the block target, next difficulty and PoW name of its genesis-only chain.
/// monerod's console `status` command asks for it. Refused in restricted mode, as in 0.18.
/// </summary>
public sealed class MiningStatusMethod(INodeQuery node) : IRpcMethod
{
    private readonly INodeQuery _node = node ?? throw new ArgumentNullException(nameof(node));

    public string Name => "mining_status";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        var network = _node.GetNodeInfo().Network;
        var result = new RpcJsonObject()
            .Set("active", false)
            .Set("address", "")
            .Set("bg_idle_threshold", (ulong)0)
            .Set("bg_ignore_battery", false)
            .Set("bg_min_idle_seconds", (ulong)0)
            .Set("bg_target", (ulong)0)
            .Set("block_reward", (ulong)0)
            .Set("block_target", GenesisChain.DifficultyTarget(network))
            .Set("is_background_mining_enabled", false)
            .Set("pow_algorithm", PowAlgorithm(GenesisChain.CurrentVersion(network)))
            .Set("speed", (ulong)0)
            .Set("threads_count", (ulong)0);
        Difficulty.Set(result, "difficulty", "wide_difficulty", "difficulty_top64", GenesisChain.NextDifficulty);
        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(result)));
    }

    /// <summary>monerod's name of the proof of work of a hard-fork version (core_rpc_server.cpp on_mining_status).</summary>
    public static string PowAlgorithm(byte majorVersion) => (majorVersion >= 7 ? majorVersion - 6 : 0) switch
    {
        0 => "Cryptonight",
        1 => "CNv1 (Cryptonight variant 1)",
        2 or 3 => "CNv2 (Cryptonight variant 2)",
        4 or 5 => "CNv4 (Cryptonight variant 4)",
        _ => "RandomX",
    };
}
