using System.Net;
using MoneroNet.Node.CommandLine;
using MoneroNet.P2P;

namespace MoneroNet.Node.Hosting;

/// <summary>Turns the command line's settings into the P2P layer's options (resolving host names once, at start).</summary>
internal static class P2POptionsFactory
{
    public static P2POptions Create(NodeOptions o) => new()
    {
        Network = o.Network,
        BindAddress = o.P2pBindIp,
        Port = o.P2pBindPort,
        BindAddressV6 = o.P2pUseIpv6 ? o.P2pBindIpv6Address : null,
        PortV6 = o.P2pBindPortIpv6,
        ExclusiveNodes = Resolve(o.ExclusiveNodes),
        PriorityNodes = Resolve(o.PriorityNodes),
        AddPeers = Resolve(o.Peers),
        MaxConnectionsPerIp = o.MaxConnectionsPerIp,
        InPeers = o.MaxInPeers ?? uint.MaxValue,
        OutPeers = o.MaxOutPeers,
        HideMyPort = o.HideMyPort,
        AllowLocalIp = o.AllowLocalIp,
        DataDir = o.DataDir,
        BanListFile = o.BanList,
        Offline = o.Offline,
        SeedNodes = Resolve(o.SeedNodes),
        ExternalPort = o.P2pExternalPort,
        IgnoreIpv4BindFailure = o.P2pIgnoreIpv4,
        PublicRpcPort = o.PublicRpcPort ?? 0,
        LimitRateUpKBps = o.LimitRateUp,
        LimitRateDownKBps = o.LimitRateDown,
    };

    private static List<IPEndPoint> Resolve(IReadOnlyList<PeerAddress> peers)
    {
        var list = new List<IPEndPoint>(peers.Count);
        foreach (var p in peers)
        {
            if (p.Address is { } ip)
            {
                list.Add(new IPEndPoint(ip, p.Port));
                continue;
            }
            // A host name, as monerod accepts: resolved once; an unresolvable name is skipped with the rest kept.
            try
            {
                var addresses = Dns.GetHostAddresses(p.Host);
                if (addresses.Length > 0) list.Add(new IPEndPoint(addresses[0], p.Port));
            }
            catch (System.Net.Sockets.SocketException) { }
        }
        return list;
    }
}
