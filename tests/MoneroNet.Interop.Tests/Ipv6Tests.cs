using System.Net;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// MoneroNet and monerod over [::1] (both with --p2p-use-ipv6 --p2p-bind-ipv6-address ::1). MoneroNet's get_connections
/// entry for an IPv6 peer must read like master's: address_type 2, address "[::1]:port", host and ip "::1", port
/// filled (docs/PROTOCOL.md §8: the 0.18 binary leaves ip and port empty for IPv6; master fills them). The peer's address
/// is checked against the kernel's socket table, not against what either daemon says.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class Ipv6Tests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ConnectWithin = TimeSpan.FromSeconds(20);

    [Fact]
    public Task MonerodDialsMoneroNetOnIpv6Loopback_BothEndsNormal_MoneroNetReportsIpv6Fields() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { UseIpv6 = true });
            var monerod = await group.StartMonerodAsync(new MonerodOptions
            {
                Name = "M6",
                UseIpv6 = true,
                ExclusiveNodes = [node.P2PEndPointIpv6],
            });

            var pair = await WaitForPairAsync(monerod.ProcessId, monerod.Rpc, node.P2PEndPointIpv6, node.Rpc, group.Token);
            output.WriteLine($"monerod: {Describe(pair.Dialer)}\nMoneroNet: {Describe(pair.Listener)}");

            Assert.True(pair.Listener.Incoming);
            AssertIpv6Fields(pair.Listener, pair.DialerSocket.Local); // MoneroNet's view of monerod
            AssertMonerodIpv6Fields(pair.Dialer, node.P2PEndPointIpv6);
        });

    [Fact]
    public Task MoneroNetDialsMonerodOnIpv6Loopback_BothEndsNormal_MoneroNetReportsIpv6Fields() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var monerod = await group.StartMonerodAsync(new MonerodOptions { Name = "M6", UseIpv6 = true });
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions
            {
                UseIpv6 = true,
                ExclusiveNodes = [monerod.P2PEndPointIpv6],
            });

            var pair = await WaitForPairAsync(node.ProcessId, node.Rpc, monerod.P2PEndPointIpv6, monerod.Rpc, group.Token);
            output.WriteLine($"MoneroNet: {Describe(pair.Dialer)}\nmonerod: {Describe(pair.Listener)}");

            Assert.False(pair.Dialer.Incoming);
            AssertIpv6Fields(pair.Dialer, monerod.P2PEndPointIpv6); // MoneroNet's view of monerod
            AssertMonerodIpv6Fields(pair.Listener, pair.DialerSocket.Local);
        });

    /// <summary>MoneroNet's entry for an IPv6 peer, master's form (ip and port filled).</summary>
    private static void AssertIpv6Fields(ConnectionInfo entry, IPEndPoint expected)
    {
        Assert.Equal(2, entry.AddressType);
        Assert.Equal($"[::1]:{expected.Port}", entry.Address);
        Assert.Equal(expected.ToString(), entry.Address);
        Assert.Equal("::1", entry.Host);
        Assert.Equal("::1", entry.Ip);
        Assert.Equal(expected.Port.ToString(), entry.Port);
        Assert.Equal("normal", entry.State);
        Assert.True(entry.Localhost, $"[::1] peer not flagged localhost: {entry}");
        Assert.False(entry.LocalIp, $"[::1] peer flagged local_ip: {entry}");
        ConnectionPair.AssertPeerIdFormat(entry.PeerId);
    }

    /// <summary>The real monerod's entry for the same connection (fields both 0.18 and master agree on).</summary>
    private static void AssertMonerodIpv6Fields(ConnectionInfo entry, IPEndPoint expected)
    {
        Assert.Equal(2, entry.AddressType);
        Assert.Equal(expected.ToString(), entry.Address);
        Assert.Equal("::1", entry.Host);
        Assert.Equal("normal", entry.State);
    }

    private static async Task<ConnectionPair> WaitForPairAsync(int dialerProcessId, MonerodRpc dialer, IPEndPoint listenerP2P,
        MonerodRpc listener, CancellationToken ct)
    {
        var pair = await Eventually.MatchAsync(
            async token => ConnectionPair.Find(dialerProcessId, await dialer.GetConnectionsAsync(token), listenerP2P,
                await listener.GetConnectionsAsync(token)),
            p => p is { BothNormal: true }, ConnectWithin, $"a normal connection to {listenerP2P} on both ends", ct,
            describe: p => p?.ToString() ?? "no matching pair yet");
        return pair!;
    }

    private static string Describe(ConnectionInfo c) =>
        $"{c} type {c.AddressType} host '{c.Host}' ip '{c.Ip}' port '{c.Port}' localhost {c.Localhost} local_ip {c.LocalIp}";
}
