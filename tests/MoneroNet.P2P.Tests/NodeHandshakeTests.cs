using System.Net;
using System.Net.Sockets;
using MoneroNet.Levin;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests;

/// <summary>Two in-process nodes handshaking over loopback (PROTOCOL.md §3.3, §6 recv_count/send_count).</summary>
public class NodeHandshakeTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Both_ends_reach_normal_with_mirrored_facts()
    {
        await using var a = await TestNode.StartAsync();
        await using var b = await TestNode.StartAsync();

        var outgoing = await b.Node.ConnectAsync(a.EndPoint);
        Assert.NotNull(outgoing);
        var incoming = await a.SessionOfAsync(outgoing.LocalEndPoint);
        await Poll.UntilAsync(() => outgoing.State == ConnectionState.Normal && incoming.State == ConnectionState.Normal, "both sessions normal");

        Assert.True(incoming.Incoming);
        Assert.False(outgoing.Incoming);
        Assert.Equal(b.Node.Local.PeerId, incoming.PeerId);
        Assert.Equal(a.Node.Local.PeerId, outgoing.PeerId);
        Assert.NotEqual(a.Node.Local.PeerId, b.Node.Local.PeerId);
        Assert.Equal(1ul, incoming.Height);
        Assert.Equal(1ul, outgoing.Height);
        Assert.Equal(1u, incoming.SupportFlags);
        Assert.Equal(1u, outgoing.SupportFlags);
        Assert.True(incoming.HandshakeComplete);
        Assert.True(outgoing.HandshakeComplete);
        Assert.Equal(outgoing.LocalEndPoint, incoming.RemoteEndPoint);
        Assert.Equal(a.EndPoint, outgoing.RemoteEndPoint);
        Assert.Equal(1, a.Node.Connections.Count);
        Assert.Equal(1, b.Node.Connections.Count);
    }

    [Fact]
    public async Task Byte_counts_mirror_each_other_and_match_the_levin_frames_exchanged()
    {
        await using var a = await TestNode.StartAsync();
        await using var b = await TestNode.StartAsync();
        var outgoing = (await b.Node.ConnectAsync(a.EndPoint))!;
        var incoming = await a.SessionOfAsync(outgoing.LocalEndPoint);
        await Poll.UntilAsync(() => outgoing.HandshakeComplete && incoming.HandshakeComplete, "handshake");

        // An empty testnet node's handshake and timed-sync frames have exactly the shape of monerod's captured ones
        // (node_data with 4 keys, genesis payload_data with 5 keys, no peer list), headers included.
        int handshakeRequest = Vectors.Load("p2p_testnet/handshake_request.hex").Length;
        int handshakeResponse = Vectors.Load("p2p_testnet/handshake_response.hex").Length;
        int timedSyncRequest = Vectors.Load("p2p_testnet/timed_sync_request.hex").Length;
        int timedSyncResponse = Vectors.Load("p2p_testnet/timed_sync_response.hex").Length;
        Assert.Equal(295, handshakeRequest);
        Assert.Equal(205, timedSyncRequest);

        await Poll.StableAsync(() => (incoming.Stats.RecvCount, outgoing.Stats.RecvCount), Quiet);
        Assert.Equal((ulong)handshakeRequest, outgoing.Stats.SendCount);
        Assert.Equal((ulong)handshakeRequest, incoming.Stats.RecvCount);
        Assert.Equal((ulong)handshakeResponse, incoming.Stats.SendCount);
        Assert.Equal((ulong)handshakeResponse, outgoing.Stats.RecvCount);

        // One timed sync each way: each side sends a request and a response.
        a.Node.SendTimedSyncs();
        b.Node.SendTimedSyncs();
        ulong each = (ulong)(handshakeRequest + timedSyncRequest + timedSyncResponse);
        await Poll.UntilAsync(() => outgoing.Stats.SendCount == each && incoming.Stats.RecvCount == each
                && incoming.Stats.SendCount == (ulong)(handshakeResponse + timedSyncRequest + timedSyncResponse),
            "timed syncs exchanged");
        await Poll.StableAsync(() => (incoming.Stats.RecvCount, outgoing.Stats.RecvCount, incoming.Stats.SendCount, outgoing.Stats.SendCount), Quiet);

        Assert.Equal(outgoing.Stats.SendCount, incoming.Stats.RecvCount);
        Assert.Equal(incoming.Stats.SendCount, outgoing.Stats.RecvCount);
        Assert.Equal((ulong)(handshakeResponse + timedSyncRequest + timedSyncResponse), outgoing.Stats.RecvCount);
        Assert.Equal(each, incoming.Stats.RecvCount);
        Assert.NotEqual(0, incoming.Stats.LastRecvUnixSeconds);
        Assert.NotEqual(0, outgoing.Stats.LastSendUnixSeconds);
    }

    [Fact]
    public async Task A_node_of_another_network_is_refused_with_WrongNetwork()
    {
        await using var testnet = await TestNode.StartAsync(NetworkType.Testnet);
        await using var mainnet = await TestNode.StartAsync(NetworkType.Mainnet);

        var outgoing = await mainnet.Node.ConnectAsync(testnet.EndPoint);
        Assert.NotNull(outgoing);
        string dialler = outgoing.LocalEndPoint.ToString();

        Assert.Equal(nameof(DisconnectReason.WrongNetwork), await testnet.CloseReasonOfAsync(dialler));
        // The responder closes without answering, so the initiator only sees the close.
        await Poll.UntilAsync(() => outgoing.IsClosed, "the initiator's session closed");
        Assert.Equal(DisconnectReason.RemoteClosed, outgoing.CloseReason);
        Assert.False(outgoing.HandshakeComplete);
        await Poll.UntilAsync(() => testnet.Node.Connections.Count == 0 && mainnet.Node.Connections.Count == 0, "no connections left");
    }

    [Fact]
    public async Task An_initiator_refuses_a_handshake_response_of_another_network()
    {
        await using var node = await TestNode.StartAsync(NetworkType.Testnet);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accept = listener.AcceptSocketAsync();

        var outgoing = await node.Node.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        Assert.NotNull(outgoing);
        await using var remote = RawPeer.FromAccepted(await accept, NetworkType.Mainnet);
        var request = await remote.NextAsync();
        Assert.Equal(LevinMessageKind.Request, request.Kind);
        Assert.Equal(P2PCommands.Handshake, request.Command);

        var answer = new HandshakeResponse
        {
            NodeData = remote.HandshakeRequest().NodeData,
            PayloadData = remote.SyncData,
        };
        await remote.SendResponseAsync(P2PCommands.Handshake, LevinReturnCodes.Success, answer.ToSection());

        Assert.True(await remote.WaitClosedAsync(), "the node should close the connection");
        Assert.Equal(DisconnectReason.WrongNetwork, outgoing.CloseReason);
        Assert.Equal(nameof(DisconnectReason.WrongNetwork), await node.CloseReasonOfAsync(outgoing.RemoteEndPoint.ToString()));
    }

    [Fact]
    public async Task A_node_dialling_itself_is_refused_with_SelfConnection()
    {
        await using var node = await TestNode.StartAsync();

        var outgoing = await node.Node.ConnectAsync(node.EndPoint);
        Assert.NotNull(outgoing);

        // The listening side sees its own peer id in the handshake and closes; the dialling side sees the close.
        Assert.Equal(nameof(DisconnectReason.SelfConnection), await node.CloseReasonOfAsync(outgoing.LocalEndPoint.ToString()));
        await Poll.UntilAsync(() => outgoing.IsClosed, "the outgoing session closed");
        Assert.Equal(DisconnectReason.RemoteClosed, outgoing.CloseReason);
        Assert.False(outgoing.HandshakeComplete);
        await Poll.UntilAsync(() => node.Node.Connections.Count == 0, "no connections left");
        Assert.Equal(2, node.Log.Closes.Count);
    }
}
