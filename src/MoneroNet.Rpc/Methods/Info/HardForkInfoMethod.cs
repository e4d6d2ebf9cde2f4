using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods.Chain;

namespace MoneroNet.Rpc.Methods.Info;

/// <summary>
/// JSON-RPC <c>hard_fork_info</c> for a chain of only the genesis block: the version in force, and for the asked
/// <c>version</c> (default: the next fork's) whether it is enabled, the votes for it in the one-block window, the
/// threshold, its earliest height and the newest version voted for. Allowed in restricted mode.
/// </summary>
public sealed class HardForkInfoMethod(INodeQuery node, TimeProvider timeProvider) : IRpcMethod
{
    private readonly INodeQuery _node = node ?? throw new ArgumentNullException(nameof(node));
    private readonly TimeProvider _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    public string Name => "hard_fork_info";

    public bool AllowedInRestrictedMode => true;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        var requested = parameters.GetByte("version") ?? 0;
        _ = parameters.GetString("client");
        var network = _node.GetNodeInfo().Network;
        var version = requested > 0 ? requested : GenesisChain.NextVersion(network);
        var current = GenesisChain.CurrentVersion(network);

        var result = new RpcJsonObject()
            .Set("credits", 0UL)
            .Set("earliest_height", GenesisChain.EarliestHeight(network, version))
            .Set("enabled", current >= version)
            .Set("state", (ulong)GenesisChain.State(network, _time.GetUtcNow().ToUnixTimeSeconds()))
            .Set("threshold", (ulong)GenesisChain.Threshold)
            .Set("top_hash", "")
            .Set("version", (ulong)current)
            .Set("votes", (ulong)GenesisChain.Votes(version))
            .Set("voting", (ulong)GenesisChain.VotingVersion(network))
            .Set("window", (ulong)GenesisChain.Window);
        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(result)));
    }
}
