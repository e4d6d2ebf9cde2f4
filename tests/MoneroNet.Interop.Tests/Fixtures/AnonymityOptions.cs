using System.Globalization;
using System.Net;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>One --tx-proxy: the zone ("tor" or "i2p") and its SOCKS proxy, which must be on loopback (the test fixture).</summary>
public sealed record TxProxyFlag(string Zone, IPEndPoint Proxy, int? MaxConnections = null, bool DisableNoise = false);

/// <summary>One --anonymous-inbound: our hidden-service name and the loopback port its (fixture) daemon forwards to.</summary>
public sealed record AnonymousInboundFlag(string Address, IPEndPoint Bind, int? MaxConnections = null);

/// <summary>
/// The anonymity flags a test daemon (monerod or MoneroNet) gets, checked so that nothing can leave loopback: every
/// proxy and bind is a loopback endpoint, and every anonymity peer is a .onion/.b32.i2p name, which the daemon can
/// only reach through one of those proxies (the loopback SOCKS fixture).
/// </summary>
public sealed record AnonymityOptions
{
    public IReadOnlyList<TxProxyFlag> TxProxies { get; init; } = [];
    public IReadOnlyList<AnonymousInboundFlag> Inbounds { get; init; } = [];
    /// <summary>--add-exclusive-node entries of the anonymity zones ("x.onion:port").</summary>
    public IReadOnlyList<string> ExclusiveNodes { get; init; } = [];
    /// <summary>--add-peer entries of the anonymity zones ("x.onion:port").</summary>
    public IReadOnlyList<string> AddPeers { get; init; } = [];
    /// <summary>--proxy: the public zone through the (loopback) SOCKS fixture.</summary>
    public IPEndPoint? PublicProxy { get; init; }
    /// <summary>
    /// --add-peer host names, behind <see cref="PublicProxy"/> only and only "localhost:port" (which a resolver answers
    /// from /etc/hosts, so even a wrong look-up never leaves the machine).
    /// </summary>
    public IReadOnlyList<string> HostNamePeers { get; init; } = [];

    public IEnumerable<string> Arguments()
    {
        foreach (var p in TxProxies)
        {
            LoopbackGuard.RequireLoopback(p.Proxy.Address, "--tx-proxy");
            if (p.Zone is not ("tor" or "i2p")) throw new ArgumentException($"zone {p.Zone} is not an anonymity zone");
            var text = $"{p.Zone},{p.Proxy}" + (p.MaxConnections is { } m ? "," + m.ToString(CultureInfo.InvariantCulture) : "")
                + (p.DisableNoise ? ",disable_noise" : "");
            yield return "--tx-proxy";
            yield return text;
        }
        foreach (var i in Inbounds)
        {
            LoopbackGuard.RequireLoopback(i.Bind.Address, "--anonymous-inbound");
            RequireAnonymityName(i.Address);
            yield return "--anonymous-inbound";
            yield return $"{i.Address},{i.Bind}" + (i.MaxConnections is { } m ? "," + m.ToString(CultureInfo.InvariantCulture) : "");
        }
        if (PublicProxy is { } proxy)
        {
            LoopbackGuard.RequireLoopback(proxy.Address, "--proxy");
            yield return "--proxy";
            yield return proxy.ToString();
        }
        foreach (var h in HostNamePeers)
        {
            if (PublicProxy is null || !h.StartsWith("localhost:", StringComparison.Ordinal))
                throw new ArgumentException($"{h}: only localhost:port, and only behind --proxy");
            yield return "--add-peer";
            yield return h;
        }
        foreach (var e in AddPeers)
        {
            RequireAnonymityName(e.Split(':')[0]);
            if (TxProxies.Count == 0) throw new ArgumentException("an anonymity peer needs a --tx-proxy (on loopback)");
            yield return "--add-peer";
            yield return e;
        }
        foreach (var e in ExclusiveNodes)
        {
            RequireAnonymityName(e.Split(':')[0]);
            if (TxProxies.Count == 0) throw new ArgumentException("an anonymity peer needs a --tx-proxy (on loopback)");
            yield return "--add-exclusive-node";
            yield return e;
        }
    }

    private static void RequireAnonymityName(string host)
    {
        if (!host.EndsWith(".onion", StringComparison.Ordinal) && !host.EndsWith(".b32.i2p", StringComparison.Ordinal))
            throw new ArgumentException($"{host} is not a .onion or .b32.i2p name");
    }
}
