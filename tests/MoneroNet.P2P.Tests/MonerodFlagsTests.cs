using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// monerod's --offline, --seed-node, --p2p-external-port, --public-node (the advertised rpc_port) and
/// --p2p-ignore-ipv4, each on a real node over loopback.
/// </summary>
public class MonerodFlagsTests
{
    [Fact]
    public async Task Offline_node_neither_listens_nor_dials()
    {
        await using var peer = await TestNode.StartOnOwnHostAsync();
        var time = new FakeTimeProvider();
        await using var offline = await TestNode.StartOnFakeClockAsync(time, o => o with
        {
            Offline = true,
            ExclusiveNodes = [peer.EndPoint],
        });

        for (int i = 0; i < 5; i++) await offline.TickAsync(time, TimeSpan.FromSeconds(2));

        Assert.Empty(offline.Node.ListenEndPoints);
        Assert.True(offline.Node.Offline);
        Assert.Null(await offline.Node.ConnectAsync(peer.EndPoint));
        Assert.Empty(offline.Node.Connections.All);
        Assert.Empty(peer.Node.Connections.All);
        Assert.Contains(offline.Log.Entries, e => e.EventId == 2300);
    }

    [Fact]
    public async Task Seed_node_is_dialled_while_no_white_peer_is_known()
    {
        await using var seed = await TestNode.StartOnOwnHostAsync();
        var time = new FakeTimeProvider();
        await using var node = await TestNode.StartOnFakeClockAsync(time, o => o with { SeedNodes = [seed.EndPoint] });

        await node.TickAsync(time, TimeSpan.FromSeconds(2));

        await Poll.UntilAsync(() => seed.Handshaked(incoming: true) == 1, "the seed node accepted our dial");
        var session = Assert.Single(node.Node.Connections.All);
        Assert.Equal(seed.EndPoint, session.RemoteEndPoint);
        Assert.Equal(MoneroNet.P2P.Connections.PeerConnectionType.Seed, session.ConnectionType);
    }

    [Fact]
    public async Task External_port_and_public_rpc_port_are_advertised_in_the_handshake()
    {
        await using var node = await TestNode.StartAsync(configure: o => o with { ExternalPort = 40123, PublicRpcPort = 28089 });
        await using var peer = await node.ConnectRawAsync();

        var response = HandshakeResponse.FromSection((await peer.HandshakeAsync()).Section);

        Assert.Equal(40123u, response.NodeData.MyPort);
        Assert.Equal((ushort)28089, response.NodeData.RpcPort);
        Assert.NotEqual(40123, node.EndPoint.Port);
    }

    [Fact]
    public async Task Without_public_node_no_rpc_port_and_the_bound_port_are_advertised()
    {
        await using var node = await TestNode.StartAsync();
        await using var peer = await node.ConnectRawAsync();

        var response = HandshakeResponse.FromSection((await peer.HandshakeAsync()).Section);

        Assert.Equal((uint)node.EndPoint.Port, response.NodeData.MyPort);
        Assert.Equal((ushort)0, response.NodeData.RpcPort);
    }

    [Fact]
    public async Task Ignore_ipv4_goes_on_with_ipv6_when_the_ipv4_port_is_taken()
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        squatter.Listen();
        int taken = ((IPEndPoint)squatter.LocalEndPoint!).Port;
        P2POptions Taken(P2POptions o) => o with { Port = taken, BindAddressV6 = IPAddress.IPv6Loopback, PortV6 = 0 };

        await Assert.ThrowsAsync<SocketException>(() => TestNode.StartAsync(configure: Taken));

        await using var node = await TestNode.StartAsync(configure: o => Taken(o) with { IgnoreIpv4BindFailure = true });
        var endPoint = Assert.Single(node.Node.ListenEndPoints);
        Assert.Equal(IPAddress.IPv6Loopback, endPoint.Address);
        Assert.Contains(node.Log.Entries, e => e.EventId == 2301);
    }
}
