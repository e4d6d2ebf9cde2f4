using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Node;
using MoneroNet.Rpc;

namespace MoneroNet.Node.Hosting;

/// <summary>The RPC layer's view of the node: snapshots of the P2P connection registry, taken on demand.</summary>
internal sealed class P2PNodeQuery(P2PNode node) : INodeQuery
{
    public IReadOnlyList<ConnectionSnapshot> GetConnections()
    {
        var list = new List<ConnectionSnapshot>(node.Connections.Count);
        foreach (var session in node.Connections.All) list.Add(Snapshot(session));
        return list;
    }

    internal static ConnectionSnapshot Snapshot(PeerSession s)
    {
        var stats = s.Stats;
        var address = s.Address;
        var ip = s.RemoteEndPoint.Address;
        return new ConnectionSnapshot
        {
            Incoming = s.Incoming,
            AddressType = address.TypeId,
            Address = address.ToString(),
            Host = address.HostString(),
            Port = address.Port,
            IsLocalIp = !System.Net.IPAddress.IsLoopback(ip) && P2PNode.IsLocalAddress(ip),
            IsLoopback = System.Net.IPAddress.IsLoopback(ip),
            ConnectionId = s.ConnectionId.ToByteArray(bigEndian: true), // the dashed text without dashes, as monerod prints it
            PeerId = s.PeerId,
            SupportFlags = s.SupportFlags,
            RpcPort = s.RpcPort,
            RpcCreditsPerHash = s.RpcCreditsPerHash,
            PruningSeed = s.PruningSeed,
            State = s.State.ToMonerodString(),
            StartedUnixSeconds = stats.StartedUnixSeconds,
            LastRecvUnixSeconds = stats.LastRecvUnixSeconds,
            LastSendUnixSeconds = stats.LastSendUnixSeconds,
            RecvCount = stats.RecvCount,
            SendCount = stats.SendCount,
            CurrentDownloadBytesPerSecond = stats.CurrentDownloadBytesPerSecond,
            CurrentUploadBytesPerSecond = stats.CurrentUploadBytesPerSecond,
            Height = s.Height,
        };
    }
}
