using System.Net.Sockets;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Methods.Peers;

/// <summary>
/// <c>/get_public_nodes</c> as monerod 0.18's on_get_public_nodes: the public-zone peer-list entries that advertised
/// an RPC port (peers running with --public-node), as <c>{host, last_seen, rpc_credits_per_hash, rpc_port}</c>; the
/// white list unless <c>white</c> is false, the gray list when <c>gray</c> is true, banned hosts only with
/// <c>include_blocked</c> (docs/PROTOCOL.md §7.7). Allowed in restricted mode — it is what wallets ask a public node.
/// </summary>
public sealed class GetPublicNodesMethod(INodeQuery node) : IRpcMethod
{
    private readonly INodeQuery _node = node ?? throw new ArgumentNullException(nameof(node));

    public string Name => "get_public_nodes";

    public bool AllowedInRestrictedMode => true;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        var gray = parameters.GetBool("gray") ?? false;
        var white = parameters.GetBool("white") ?? true;
        var includeBlocked = parameters.GetBool("include_blocked") ?? false;
        var lists = _node.GetPeerLists(publicOnly: true);

        // monerod leaves empty lists out; we print [] as for /get_peer_list (see EpeeJsonWriter).
        var result = new RpcJsonObject()
            .Set("gray", gray ? Collect(lists.Gray, includeBlocked) : new RpcJsonArray())
            .Set("white", white ? Collect(lists.White, includeBlocked) : new RpcJsonArray());
        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(result)));
    }

    private static RpcJsonArray Collect(IReadOnlyList<PeerListEntrySnapshot> entries, bool includeBlocked)
    {
        var array = new RpcJsonArray();
        foreach (var entry in entries)
        {
            if (entry.RpcPort == 0 || (entry.Blocked && !includeBlocked) || entry.Ip is not { } ip)
                continue;
            array.Add(new RpcJsonObject()
                .Set("host", ip.AddressFamily == AddressFamily.InterNetwork || ip.AddressFamily == AddressFamily.InterNetworkV6 ? ip.ToString() : entry.Text ?? "")
                .Set("last_seen", unchecked((ulong)entry.LastSeenUnixSeconds))
                .Set("rpc_credits_per_hash", (ulong)entry.RpcCreditsPerHash)
                .Set("rpc_port", (ulong)entry.RpcPort));
        }
        return array;
    }
}
