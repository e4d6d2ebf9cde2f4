using Microsoft.Extensions.Time.Testing;
using MoneroNet.Levin;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests;

/// <summary>What the node answers a scripted peer (docs/PROTOCOL.md §2.2, §3.3–3.6, §5.1), mostly with monerod's captured requests.</summary>
public class ResponderTests
{
    private static void AssertResponse(Frame frame, uint command, int returnCode)
    {
        Assert.Equal(LevinMessageKind.Response, frame.Kind);
        Assert.Equal(command, frame.Command);
        Assert.Equal(returnCode, frame.Header.ReturnCode);
        Assert.Equal(LevinFlags.Response, frame.Header.Flags);
        Assert.False(frame.Header.ExpectResponse);
        Assert.Equal(1u, frame.Header.ProtocolVersion);
    }

    private static async Task AssertPingWorksAsync(TestNode node, RawPeer peer)
    {
        var pong = await peer.PingAsync();
        AssertResponse(pong, P2PCommands.Ping, LevinReturnCodes.Success);
        var body = PingResponse.FromSection(pong.Section);
        Assert.Equal("OK", body.Status);
        Assert.Equal(node.Node.Local.PeerId, body.PeerId);
        Assert.False(peer.IsClosed);
    }

    [Fact]
    public async Task Handshake_response_carries_rc_1_our_node_data_and_genesis_sync_data()
    {
        await using var node = await TestNode.StartAsync();
        await using var peer = await node.ConnectRawAsync();

        var response = await peer.HandshakeAsync();

        AssertResponse(response, P2PCommands.Handshake, LevinReturnCodes.Success);
        var body = HandshakeResponse.FromSection(response.Section);
        Assert.Equal(NetworkConstants.NetworkIdOf(NetworkType.Testnet), body.NodeData.NetworkId);
        Assert.Equal(node.Node.Local.PeerId, body.NodeData.PeerId);
        Assert.Equal((uint)node.EndPoint.Port, body.NodeData.MyPort);
        Assert.Equal(1u, body.NodeData.SupportFlags);
        Assert.Equal(1ul, body.PayloadData.CurrentHeight);
        Assert.Equal(1ul, body.PayloadData.CumulativeDifficulty);
        Assert.Equal(0ul, body.PayloadData.CumulativeDifficultyTop64);
        Assert.Equal(NetworkConstants.GenesisHashOf(NetworkType.Testnet), body.PayloadData.TopId);
        Assert.Equal(1, body.PayloadData.TopVersion);
        Assert.Empty(body.LocalPeerlistNew);

        var session = await node.SessionOfAsync(peer);
        Assert.Equal(ConnectionState.Normal, session.State);
        Assert.Equal(peer.PeerId, session.PeerId);
        Assert.True(session.Incoming);
        // Every byte either way is counted, headers included.
        await Poll.UntilAsync(() => session.Stats.RecvCount == (ulong)peer.BytesSent && session.Stats.SendCount == (ulong)peer.BytesReceived,
            "byte counts equal to what the peer sent and received");
    }

    [Fact]
    public async Task Ping_is_answered_before_and_after_the_handshake()
    {
        await using var node = await TestNode.StartAsync();
        await using var peer = await node.ConnectRawAsync();

        await peer.SendRawAsync(Vectors.Load("p2p_probe_testnet/ping_request.hex"));
        var pong = await peer.ResponseAsync(P2PCommands.Ping);
        AssertResponse(pong, P2PCommands.Ping, LevinReturnCodes.Success);
        Assert.Equal(node.Node.Local.PeerId, PingResponse.FromSection(pong.Section).PeerId);
        Assert.Equal(ConnectionState.BeforeHandshake, (await node.SessionOfAsync(peer)).State);

        await peer.HandshakeAsync();
        await AssertPingWorksAsync(node, peer);
    }

    [Fact]
    public async Task Support_flags_request_is_answered_with_flag_1()
    {
        await using var node = await TestNode.StartAsync();
        await using var peer = await node.ConnectRawAsync();

        var response = await peer.InvokeAsync(P2PCommands.RequestSupportFlags, new SupportFlagsRequest().ToSection());

        AssertResponse(response, P2PCommands.RequestSupportFlags, LevinReturnCodes.Success);
        Assert.Equal(1u, SupportFlagsResponse.FromSection(response.Section).SupportFlags);
    }

    [Fact]
    public async Task Timed_sync_before_any_handshake_is_answered_but_not_believed()
    {
        await using var node = await TestNode.StartAsync();
        await using var peer = await node.ConnectRawAsync();

        await peer.SendRawAsync(Vectors.Load("p2p_probe_testnet/timed_sync_request__before_any_handshake.hex"));
        var response = await peer.ResponseAsync(P2PCommands.TimedSync);

        AssertResponse(response, P2PCommands.TimedSync, LevinReturnCodes.Success);
        var body = TimedSyncResponse.FromSection(response.Section);
        Assert.Equal(1ul, body.PayloadData.CurrentHeight);
        Assert.Equal(NetworkConstants.GenesisHashOf(NetworkType.Testnet), body.PayloadData.TopId);
        var session = await node.SessionOfAsync(peer);
        Assert.Equal(ConnectionState.BeforeHandshake, session.State);
        Assert.Equal(0ul, session.Height);
    }

    [Theory]
    [InlineData("p2p_probe_testnet/unknown_command_9999_request.hex", 9999u)]
    [InlineData("p2p_probe_testnet/stat_info_1004_request.hex", 1004u)]
    public async Task Unknown_requests_get_rc_minus_6_with_an_empty_body_and_the_connection_stays(string vector, uint command)
    {
        await using var node = await TestNode.StartAsync();
        await using var peer = await node.ConnectRawAsync();
        await peer.HandshakeAsync();

        await peer.SendRawAsync(Vectors.Load(vector));
        var response = await peer.NextAsync();

        AssertResponse(response, command, LevinReturnCodes.ErrorHandlerNotDefined);
        Assert.Equal(0ul, response.Header.BodyLength);
        await AssertPingWorksAsync(node, peer);
    }

    [Fact]
    public async Task A_request_with_a_garbage_body_gets_rc_minus_1_and_the_connection_stays()
    {
        await using var node = await TestNode.StartAsync();
        await using var peer = await node.ConnectRawAsync();

        await peer.SendRawAsync(Vectors.Load("p2p_probe_testnet/malformed_handshake_request__garbage_body.hex"));
        var response = await peer.NextAsync();

        AssertResponse(response, P2PCommands.Handshake, LevinReturnCodes.ErrorConnection);
        Assert.Equal(0ul, response.Header.BodyLength);
        await AssertPingWorksAsync(node, peer);
        Assert.Equal(ConnectionState.BeforeHandshake, (await node.SessionOfAsync(peer)).State);
    }

    [Fact]
    public async Task An_unknown_notification_is_ignored_and_the_connection_stays()
    {
        await using var node = await TestNode.StartAsync();
        await using var peer = await node.ConnectRawAsync();
        await peer.HandshakeAsync();

        await peer.SendRawAsync(Vectors.Load("p2p_probe_testnet/unknown_notification_9998.hex"));
        await peer.SendRequestAsync(P2PCommands.Ping, new PingRequest().ToSection());

        // Nothing is sent for the notification: the very next message is the ping's answer.
        var next = await peer.NextAsync();
        AssertResponse(next, P2PCommands.Ping, LevinReturnCodes.Success);
        var session = await node.SessionOfAsync(peer);
        Assert.Equal(1, session.NotificationsReceived(9998));
        Assert.False(session.IsClosed);
    }

    [Fact]
    public async Task A_peer_without_support_flags_is_asked_for_them_before_the_handshake_response()
    {
        await using var node = await TestNode.StartAsync();
        await using var peer = await node.ConnectRawAsync();

        await peer.SendRawAsync(Vectors.Load("p2p_probe_testnet/handshake_request__without_support_flags.hex"));
        var first = await peer.NextAsync();
        var second = await peer.NextAsync();

        Assert.Equal(LevinMessageKind.Request, first.Kind);
        Assert.Equal(P2PCommands.RequestSupportFlags, first.Command);
        Assert.True(first.Header.ExpectResponse);
        Assert.Equal(0, first.Section.Count);
        AssertResponse(second, P2PCommands.Handshake, LevinReturnCodes.Success);

        var session = await node.SessionOfAsync(peer);
        Assert.Equal(0u, session.SupportFlags);
        await peer.SendResponseAsync(P2PCommands.RequestSupportFlags, LevinReturnCodes.Success,
            new SupportFlagsResponse { SupportFlags = 1 }.ToSection());
        await Poll.UntilAsync(() => session.SupportFlags == 1, "support flags taken from the answer");
        await AssertPingWorksAsync(node, peer);
    }

    [Fact]
    public async Task A_peer_that_never_answers_the_support_flags_request_is_closed_with_RequestTimeout()
    {
        var timeout = TimeSpan.FromMilliseconds(500);
        var time = new FakeTimeProvider();
        await using var node = await TestNode.StartOnFakeClockAsync(time, o => o with { Timings = o.Timings with { SupportFlagsTimeout = timeout } });
        await using var peer = await node.ConnectRawAsync();

        await peer.SendRequestAsync(P2PCommands.Handshake, peer.HandshakeRequest(supportFlags: 0).ToSection());
        var request = await peer.NextAsync();
        Assert.Equal(P2PCommands.RequestSupportFlags, request.Command);

        // Not before the timeout, on the node's clock: the maintainer's tick is what closes it.
        await node.TickAsync(time, timeout - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, node.Node.Connections.Count);
        await node.TickAsync(time, TimeSpan.FromMilliseconds(1));
        Assert.True(await peer.WaitClosedAsync(TimeSpan.FromSeconds(5)), "closed after the support-flags timeout");
        Assert.Equal(nameof(DisconnectReason.RequestTimeout), await node.CloseReasonOfAsync(peer.NameAtNode));
    }
}
