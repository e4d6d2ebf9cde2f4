using MoneroNet.Node.CommandLine;

namespace MoneroNet.Node.Hosting;

/// <summary>
/// The open-file limit shared out so that no side can starve the others: each RPC server keeps what its connection
/// caps allow (--rpc-max-connections plus the loopback slots beyond it, RpcAdmission.LoopbackReserve), outgoing P2P keeps --out-peers plus the
/// exclusive and priority nodes, and <see cref="FilesAndRuntime"/> descriptors stay for files, logs, listen sockets
/// and the runtime; incoming P2P gets the rest. A flood of incoming peers is then refused at accept before it can
/// take the descriptors the RPC, the peer-list save or the log needs (the RPC is capped the same way by its own caps).
/// </summary>
public static class DescriptorBudget
{
    /// <summary>Kept for files (logs, peer-list state, ban list, certificates), listen sockets, epoll and the runtime.</summary>
    public const long FilesAndRuntime = 256;

    /// <summary>Descriptors each RPC server may hold: its total cap plus the loopback reserve beyond it.</summary>
    public static long PerRpcServer(NodeOptions options) => options.RpcMaxConnections + (long)Rpc.Http.RpcAdmission.LoopbackReserve;

    /// <summary>What is kept away from incoming P2P.</summary>
    public static long Reserved(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int rpcServers = options.RpcRestrictedBindPort is null ? 1 : 2;
        return rpcServers * PerRpcServer(options) + options.MaxOutPeers + options.ExclusiveNodes.Count
            + options.PriorityNodes.Count + FilesAndRuntime
            // Each --tx-proxy zone's outgoing connections hold one socket each (to the proxy).
            + options.TxProxies.Sum(p => Math.Min(p.MaxConnections, 4096));
    }

    /// <summary>Incoming P2P connections the soft open-file limit leaves (unlimited when the limit is unknown).</summary>
    public static long IncomingPeers(ulong? softLimit, NodeOptions options)
    {
        if (softLimit is not { } limit || limit >= long.MaxValue) return long.MaxValue;
        return Math.Max(0, (long)limit - Reserved(options));
    }
}
