using System.Net;
using Microsoft.Extensions.Logging;
using MoneroNet.Node.CommandLine;
using MoneroNet.P2P;

namespace MoneroNet.Node.Hosting;

/// <summary>Turns the command line's settings into the P2P layer's options (resolving host names once, at start).</summary>
internal static class P2POptionsFactory
{
    /// <summary>
    /// The P2P options of <paramref name="o"/>. <paramref name="log"/> hears of each host-name peer refused behind
    /// --proxy; <paramref name="resolve"/> is the DNS look-up (tests count its calls; the system resolver otherwise).
    /// </summary>
    public static P2POptions Create(NodeOptions o, ILogger? log = null, Func<string, IPAddress[]>? resolve = null)
    {
        var lookUp = resolve ?? Dns.GetHostAddresses;
        List<IPEndPoint> Peers(IReadOnlyList<PeerAddress> peers, string flag) => Resolve(peers, MayResolve(o), lookUp,
            host => { if (log is not null) NodeLog.HostNameRefusedBehindProxy(log, flag, host); });
        return new()
        {
            Network = o.Network,
            BindAddress = o.P2pBindIp,
            Port = o.P2pBindPort,
            BindAddressV6 = o.P2pUseIpv6 ? o.P2pBindIpv6Address : null,
            PortV6 = o.P2pBindPortIpv6,
            ExclusiveNodes = Peers(o.ExclusiveNodes, "add-exclusive-node"),
            PriorityNodes = Peers(o.PriorityNodes, "add-priority-node"),
            AddPeers = Peers(o.Peers, "add-peer"),
            PublicProxy = o.Proxy,
            AnonymousExclusiveNodes = Anonymity(o.ExclusiveNodes),
            AnonymousPriorityNodes = Anonymity(o.PriorityNodes),
            AnonymousAddPeers = Anonymity(o.Peers),
            TxProxies = o.TxProxies,
            AnonymousInbounds = o.AnonymousInbounds,
            MaxConnectionsPerIp = o.MaxConnectionsPerIp,
            InPeers = o.MaxInPeers ?? uint.MaxValue,
            OutPeers = o.MaxOutPeers,
            HideMyPort = o.HideMyPort,
            AllowLocalIp = o.AllowLocalIp,
            DataDir = o.DataDir,
            BanListFile = o.BanList,
            Offline = o.Offline,
            SeedNodes = Peers(o.SeedNodes, "seed-node"),
            ExternalPort = o.P2pExternalPort,
            IgnoreIpv4BindFailure = o.P2pIgnoreIpv4,
            PublicRpcPort = o.PublicRpcPort ?? 0,
            LimitRateUpKBps = o.LimitRateUp,
            LimitRateDownKBps = o.LimitRateDown,
        };
    }

    /// <summary>The Tor/I2P peers of a list (never resolved: their zone's proxy is given the name).</summary>
    private static List<Wire.NetworkAddress> Anonymity(IReadOnlyList<PeerAddress> peers) =>
        [.. peers.Where(p => p.Anonymity is not null).Select(p => p.Anonymity!)];

    /// <summary>
    /// Behind --proxy a DNS look-up would leak which peers we name outside the proxy. monerod 0.18 turns off only its DNS
    /// seeds and DNS blocklist there (net_node.inl, init) and still resolves host-name --add-* peers itself
    /// (append_net_address); MoneroNet is stricter: without --proxy-allow-dns-leaks a host-name peer is refused with one
    /// warning line and never looked up (IP literals and anonymity names stay). docs/PROTOCOL.md §3.9.
    /// </summary>
    private static bool MayResolve(NodeOptions o) => o.Proxy is null || o.ProxyAllowDnsLeaks;

    private static List<IPEndPoint> Resolve(IReadOnlyList<PeerAddress> peers, bool mayResolve, Func<string, IPAddress[]> lookUp,
        Action<string> refused)
    {
        var list = new List<IPEndPoint>(peers.Count);
        foreach (var p in peers)
        {
            if (p.Anonymity is not null) continue;
            if (p.Address is { } ip)
            {
                list.Add(new IPEndPoint(ip, p.Port));
                continue;
            }
            // A host name, as monerod accepts: resolved once; an unresolvable name is skipped with the rest kept.
            if (!mayResolve)
            {
                refused(p.Host);
                continue;
            }
            try
            {
                var addresses = lookUp(p.Host);
                if (addresses.Length > 0) list.Add(new IPEndPoint(addresses[0], p.Port));
            }
            catch (System.Net.Sockets.SocketException) { }
        }
        return list;
    }
}
