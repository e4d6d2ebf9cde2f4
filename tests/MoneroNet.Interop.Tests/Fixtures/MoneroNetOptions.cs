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

    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
