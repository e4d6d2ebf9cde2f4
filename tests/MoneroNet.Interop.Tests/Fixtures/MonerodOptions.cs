using System.Net;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>How to start one real monerod. The fixture adds the fixed loopback-only flags of start-monerod itself.</summary>
public sealed record MonerodOptions
{
    /// <summary>Name used in logs and failure messages.</summary>
    public string Name { get; init; } = "monerod";

    public DaemonNetwork Network { get; init; } = DaemonNetwork.Testnet;

    /// <summary>
    /// --p2p-bind-ip; any 127.x address: where monerod listens. monerod 0.18 does not bind its outgoing connections to
    /// it (they always come from 127.0.0.1), so this only distinguishes monerods that others dial.
    /// </summary>
    public IPAddress P2PBindIp { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// Adds --p2p-use-ipv6 --p2p-bind-ipv6-address ::1 --p2p-bind-port-ipv6 (a leased port): monerod then also listens
    /// on [::1] and can dial [::1] exclusive nodes. Never any other IPv6 address.
    /// </summary>
    public bool UseIpv6 { get; init; }

    /// <summary>Loopback peers for --add-exclusive-node; empty means the closed placeholder 127.0.0.1:1.</summary>
    public IReadOnlyList<IPEndPoint> ExclusiveNodes { get; init; } = [];

    /// <summary>--max-connections-per-ip; monerod's default of 1 would cut a second test connection from 127.0.0.1.</summary>
    public int MaxConnectionsPerIp { get; init; } = 100;

    /// <summary>--log-level; null leaves monerod's default (0). Avoid net:DEBUG levels (docs/PROTOCOL.md §9 item 7).</summary>
    public int? LogLevel { get; init; }

    /// <summary>Further flags, e.g. --fixed-difficulty 1. Flags the fixture sets itself are refused.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>--tx-proxy / --anonymous-inbound / anonymity exclusive peers, all on loopback (see <see cref="AnonymityOptions"/>).</summary>
    public AnonymityOptions Anonymity { get; init; } = new();

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A regtest monerod with difficulty 1, so generateblocks mines instantly.</summary>
    public static MonerodOptions Regtest(string name = "monerod-regtest") => new()
    {
        Name = name,
        Network = DaemonNetwork.Regtest,
        ExtraArguments = ["--fixed-difficulty", "1"],
    };
}
