using MoneroNet.Epee;
using MoneroNet.Wire;
using MoneroNet.Wire.Rpc;

namespace MoneroNet.Rpc.Methods.Chain;

/// <summary>
/// <c>/get_hashes.bin</c> and <c>/gethashes.bin</c> (docs/PROTOCOL.md §7.8) over MoneroNet's chain, which is its genesis
/// block alone: monerod's <c>find_blockchain_supplement</c> fails unless the caller's list is non-empty and ends with
/// our genesis hash, and then answers <c>Failed</c> and charges the caller RPC fail score 1; otherwise the split point
/// is the genesis block and the answer is that one hash, start height 0, current height 1.
/// </summary>
internal sealed class GetHashesMethod(INodeQuery node) : IBinaryRpcMethod
{
    public string Name => "get_hashes";

    /// <summary>monerod registers it without the restricted check.</summary>
    public bool AllowedInRestrictedMode => true;

    public ValueTask<BinaryRpcResult> InvokeAsync(EpeeSection request, CancellationToken cancellationToken)
    {
        var query = GetHashesRequest.FromSection(request);
        var info = node.GetNodeInfo();
        // MoneroNet's top block is its genesis block (ChainHeight 1).
        var genesis = Hash32.Parse(info.TopBlockHash);
        if (query.BlockIds.Count == 0 || query.BlockIds[^1] != genesis)
        {
            // The split point is not found: start_height keeps the request's value, current_height stays 0.
            var failed = new GetHashesResponse { Status = "Failed", StartHeight = query.StartHeight };
            return ValueTask.FromResult(new BinaryRpcResult(failed.ToSection(), HostFailScore: 1));
        }

        var answer = new GetHashesResponse
        {
            Status = "OK",
            BlockIds = [genesis],
            StartHeight = 0,
            CurrentHeight = info.ChainHeight,
        };
        return ValueTask.FromResult(new BinaryRpcResult(answer.ToSection()));
    }
}
