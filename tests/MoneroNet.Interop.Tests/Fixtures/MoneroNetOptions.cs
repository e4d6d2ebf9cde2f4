using System.Net;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>How to start the MoneroNet node under test (monerod-style flags).</summary>
public sealed record MoneroNetOptions
{
    public string Name { get; init; } = "moneronet";

    public DaemonNetwork Network { get; init; } = DaemonNetwork.Testnet;

    /// <summary>--p2p-bind-ip; any 127.x address, so its connections can come from a distinct loopback IP.</summary>
    public IPAddress P2PBindIp { get; init; } = IPAddress.Loopback;

    /// <summary>Loopback peers for --add-exclusive-node; empty means the closed placeholder 127.0.0.1:1.</summary>
    public IReadOnlyList<IPEndPoint> ExclusiveNodes { get; init; } = [];

    /// <summary>
    /// --max-connections-per-ip. Like monerod, MoneroNet allows one incoming connection per IP by default, which on
    /// loopback would refuse a second test daemon dialling it from 127.0.0.1.
    /// </summary>
    public int MaxConnectionsPerIp { get; init; } = 100;

    public int LogLevel { get; init; } = 1;

    /// <summary>
    /// Adds --p2p-use-ipv6 --p2p-bind-ipv6-address ::1 --p2p-bind-port-ipv6 (a leased port): the node also listens on
    /// [::1]. Never any other IPv6 address.
    /// </summary>
    public bool UseIpv6 { get; init; }

    /// <summary>
    /// --data-dir owned by the caller, so a restarted node finds what the previous run saved there (peer lists). The
    /// fixture neither creates nor deletes it; null gives every run a fresh temporary directory it deletes itself.
    /// </summary>
    public string? DataDir { get; init; }

    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>
    /// No --add-exclusive-node at all (not even the closed placeholder), so that the node's seeds and anchors work as
    /// without one. Allowed only with <see cref="AnonymityOptions.PublicProxy"/> on loopback and --out-peers 0: every
    /// public dial would go to the loopback SOCKS fixture, which refuses what it does not relay.
    /// </summary>
    public bool WithoutExclusiveNodes { get; init; }

    /// <summary>--tx-proxy / --anonymous-inbound / anonymity exclusive peers, all on loopback (see <see cref="AnonymityOptions"/>).</summary>
    public AnonymityOptions Anonymity { get; init; } = new();

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
