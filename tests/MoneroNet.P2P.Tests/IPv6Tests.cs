using System.Net;
using Microsoft.Extensions.Time.Testing;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests;

/// <summary>IPv6 on [::1]: accept, dial, the connection's address as get_connections reports it, limits, peer lists.</summary>
public class IPv6Tests
{
    private static P2POptions V6(P2POptions o) => o with { BindAddressV6 = IPAddress.IPv6Loopback, PortV6 = 0, AllowLocalIp = true };

    [Fact]
    public async Task Nodes_handshake_over_IPv6_and_report_IPv6_addresses()
    {
        await using var a = await TestNode.StartOnOwnHostAsync(V6);
        await using var b = await TestNode.StartOnOwnHostAsync(V6);
        var bV6 = b.Node.ListenEndPoints[1];
        Assert.Equal(IPAddress.IPv6Loopback, bV6.Address);

        var outgoing = (await a.Node.ConnectAsync(bV6))!;
        var incoming = await b.SessionOfAsync(outgoing.LocalEndPoint);
        await Poll.UntilAsync(() => outgoing.HandshakeComplete && incoming.HandshakeComplete, "handshake over [::1]");

        Assert.Equal(NetworkAddressType.IPv6, outgoing.Address.Type);
        Assert.Equal($"[::1]:{bV6.Port}", outgoing.Address.ToString());
        Assert.Equal("::1", outgoing.Address.HostString());
        Assert.Equal((byte)2, incoming.Address.TypeId);
        Assert.Equal($"[::1]:{outgoing.LocalEndPoint.Port}", incoming.Address.ToString());

        // The outgoing peer is white under its IPv6 address.
        var white = Assert.Single(a.Node.PeerLists.White);
        Assert.Equal(NetworkAddress.FromEndPoint(bV6), white.Address);
        Assert.Equal(b.Node.Local.PeerId, white.PeerId);
    }

    [Fact]
    public async Task The_per_ip_limit_counts_IPv6_hosts()
    {
        await using var node = await TestNode.StartOnOwnHostAsync(o => V6(o) with { MaxConnectionsPerIp = 1 });
        var v6 = node.Node.ListenEndPoints[1];
        await using var first = await RawPeer.ConnectAsync(v6, NetworkType.Testnet);
        await first.HandshakeAsync();
        await using var second = await RawPeer.ConnectAsync(v6, NetworkType.Testnet);
        Assert.True(await second.WaitClosedAsync(TimeSpan.FromSeconds(2)));
        await first.PingAsync();
        // An IPv4 peer is another host.
        await using var v4 = await node.ConnectRawAsync(Loopback.Next());
        await v4.HandshakeAsync();
    }

    [Fact]
    public async Task The_maintainer_dials_IPv6_list_entries_only_with_an_IPv6_listener()
    {
        await using var peer = await TestNode.StartOnOwnHostAsync(V6);
        var entry = new PeerLists.KnownPeer(NetworkAddress.FromEndPoint(peer.Node.ListenEndPoints[1]), peer.Node.Local.PeerId, 0, 0, 0, 0);
        var fast = TestNode.FastTimings with { RedialInterval = TimeSpan.FromMilliseconds(50) };

        // The IPv4-only node's maintainer ticks on a fake clock: each awaited tick has made its dial decisions.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var v4Only = await TestNode.StartOnFakeClockAsync(time, o => o with { AllowLocalIp = true });
        v4Only.Node.PeerLists.MergeGray([entry]);
        await using var dual = await TestNode.StartOnOwnHostAsync(o => V6(o) with { Timings = fast });
        dual.Node.PeerLists.MergeGray([entry]);

        await Poll.UntilAsync(() => dual.Handshaked(incoming: false) == 1, "dual-stack node dialled [::1]");
        for (int tick = 0; tick < 10; tick++)
        {
            await v4Only.TickAsync(time, TimeSpan.FromSeconds(1));
        }
        Assert.Equal(0, v4Only.Node.Connections.Count);
        Assert.Equal(IPAddress.IPv6Loopback, Assert.Single(dual.Node.Connections.All).RemoteEndPoint.Address);
    }
}
