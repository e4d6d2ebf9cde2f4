using System.Net.Sockets;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods.Bans;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Methods.Peers;

/// <summary>
/// <c>/get_peer_list</c>: the white and gray lists as <c>{host, id, ip, last_seen, port, pruning_seed,
/// rpc_credits_per_hash, rpc_port}</c> (the last three left out when 0). <c>public_only</c> (default true) limits
/// them to IPv4/IPv6; banned hosts are skipped unless <c>include_blocked</c> (default false). IPv4 entries carry the
/// packed address in <c>ip</c>; IPv6 entries their address text as host and ip 0; other zones their full address as
/// host and port 0. Refused in restricted mode.
/// </summary>
public sealed class GetPeerListMethod(INodeQuery node) : IRpcMethod
{
    private readonly INodeQuery _node = node ?? throw new ArgumentNullException(nameof(node));

    public string Name => "get_peer_list";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        var publicOnly = parameters.GetBool("public_only") ?? true;
        var includeBlocked = parameters.GetBool("include_blocked") ?? false;
        _ = parameters.GetString("client");
        var lists = _node.GetPeerLists(publicOnly);

        // monerod leaves empty lists out; we print [] on purpose (see EpeeJsonWriter).
        var result = new RpcJsonObject()
            .Set("gray_list", Format(lists.Gray, includeBlocked))
            .Set("white_list", Format(lists.White, includeBlocked));
        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(result)));
    }

    private static RpcJsonArray Format(IReadOnlyList<PeerListEntrySnapshot> entries, bool includeBlocked)
    {
        var array = new RpcJsonArray();
        foreach (var entry in entries)
        {
            if (!includeBlocked && entry.Blocked)
            {
                continue;
            }

            array.Add(Format(entry));
        }

        return array;
    }

    internal static RpcJsonObject Format(PeerListEntrySnapshot entry)
    {
        string host;
        uint ip = 0;
        var port = entry.Port;
        if (entry.Ip is { AddressFamily: AddressFamily.InterNetwork } v4)
        {
            host = v4.ToString();
            ip = PackedIpv4.Pack(v4);
        }
        else if (entry.Ip is { AddressFamily: AddressFamily.InterNetworkV6 } v6)
        {
            host = v6.ToString();
        }
        else
        {
            host = entry.Text ?? "";
            port = 0;
        }

        var result = new RpcJsonObject()
            .Set("host", host)
            .Set("id", entry.PeerId)
            .Set("ip", (ulong)ip)
            .Set("last_seen", unchecked((ulong)entry.LastSeenUnixSeconds))
            .Set("port", (ulong)port);
        if (entry.PruningSeed != 0)
        {
            result.Set("pruning_seed", (ulong)entry.PruningSeed);
        }

        if (entry.RpcCreditsPerHash != 0)
        {
            result.Set("rpc_credits_per_hash", (ulong)entry.RpcCreditsPerHash);
        }

        if (entry.RpcPort != 0)
        {
            result.Set("rpc_port", (ulong)entry.RpcPort);
        }

        return result;
    }
}
