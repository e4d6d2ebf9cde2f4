using System.Net;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// Refuses any address or flag that could let a test daemon reach beyond 127.0.0.0/8 or [::1], the project's hard
/// rule for running monerod.
/// </summary>
public static class LoopbackGuard
{
    /// <summary>Placeholder exclusive peer on a closed port: keeps monerod off its seed nodes when it needs no peer.</summary>
    public static readonly IPEndPoint ClosedPeer = new(IPAddress.Loopback, 1);

    // Flags that would override the fixed safety flags or add non-exclusive peers, seeds, proxies or external services.
    private static readonly string[] ForbiddenFlags =
    [
        "--p2p-bind-ip", "--p2p-bind-ipv6-address", "--p2p-use-ipv6", "--rpc-bind-ip", "--rpc-bind-ipv6-address",
        "--rpc-restricted-bind-ip", "--rpc-use-ipv6", "--add-peer", "--add-priority-node", "--add-exclusive-node",
        "--seed-node", "--proxy", "--tx-proxy", "--anonymous-inbound", "--igd", "--no-igd", "--check-updates",
        "--bootstrap-daemon-address", "--zmq-rpc-bind-ip", "--zmq-pub", "--no-zmq", "--rpc-ssl",
        "--disable-dns-checkpoints", "--enforce-dns-checkpointing", "--data-dir", "--testnet", "--stagenet",
        "--regtest", "--p2p-bind-port", "--rpc-bind-port", "--max-connections-per-ip", "--non-interactive",
    ];

    public static void RequireLoopback(IPAddress address, string what)
    {
        if (!IPAddress.IsLoopback(address))
            throw new ArgumentException($"{what} {address} is not a loopback address; tests may only use 127.0.0.0/8 or [::1]");
    }

    /// <summary>A browser or WebSocket URL must name a loopback host ("about:" pages have none and pass).</summary>
    public static void RequireLoopbackUrl(string url)
    {
        var uri = new Uri(url);
        if (uri.Scheme == "about") return;
        if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) || !IPAddress.IsLoopback(address))
            throw new InvalidOperationException($"refusing {url}: tests only reach loopback addresses");
    }

    public static IReadOnlyList<IPEndPoint> ExclusivePeersOrPlaceholder(IReadOnlyList<IPEndPoint> peers)
    {
        foreach (var peer in peers) RequireLoopback(peer.Address, "exclusive peer");
        return peers.Count > 0 ? peers : [ClosedPeer];
    }

    /// <summary>Rejects extra arguments that would replace one of the fixture's own, safety-relevant flags.</summary>
    public static void RequireHarmless(IEnumerable<string> extraArguments)
    {
        foreach (string argument in extraArguments)
        {
            string flag = argument.Split('=', 2)[0];
            if (ForbiddenFlags.Contains(flag, StringComparer.Ordinal))
                throw new ArgumentException($"extra argument {argument} is set by the fixture itself or is not allowed");
        }
    }

    /// <summary>monerod's text form of an endpoint: a.b.c.d:port or [::1]:port.</summary>
    public static string Format(IPEndPoint endPoint) => endPoint.ToString();
}
