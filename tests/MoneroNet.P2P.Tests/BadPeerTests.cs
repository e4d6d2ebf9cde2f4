using System.Buffers.Binary;
using System.Text;
using MoneroNet.Levin;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// Misbehaving peers (docs/PROTOCOL.md §2.3–2.5, §3.3, §3.4, §4): each loses its connection with the right reason and
/// exactly one close log line, while a healthy connection on the same node keeps working.
/// </summary>
public class BadPeerTests
{
    private static async Task RunAsync(DisconnectReason expected, Func<RawPeer, Task> misbehave,
        Func<P2PTimings, P2PTimings>? timings = null)
    {
        await using var node = await TestNode.StartAsync(configure: o => o with { Timings = timings?.Invoke(o.Timings) ?? o.Timings });
        await using var healthy = await node.ConnectRawAsync();
        healthy.AnswerTimedSyncs = true;
        healthy.AnswerSupportFlags = true;
        await healthy.HandshakeAsync();
        await using var bad = await node.ConnectRawAsync();
        await node.SessionOfAsync(bad);

        await misbehave(bad);

        Assert.True(await bad.WaitClosedAsync(), "the node should close the bad peer's connection");
        Assert.Equal(expected.ToString(), await node.CloseReasonOfAsync(bad.NameAtNode));
        // Exactly one close line, also a little later (a second close attempt must not log again).
        Assert.Equal(1, await Poll.StableAsync(() => node.Log.ClosesOf(bad.NameAtNode).Count, TimeSpan.FromMilliseconds(200)));
        Assert.DoesNotContain(node.Node.Connections.All, s => s.RemoteEndPoint.Equals(bad.LocalEndPoint));

        // The healthy connection is untouched: still registered, still answering.
        var pong = await healthy.PingAsync();
        Assert.Equal(LevinReturnCodes.Success, pong.Header.ReturnCode);
        Assert.Equal(node.Node.Local.PeerId, PingResponse.FromSection(pong.Section).PeerId);
        Assert.False(healthy.IsClosed);
        Assert.Empty(node.Log.ClosesOf(healthy.NameAtNode));
        Assert.Equal(ConnectionState.Normal, (await node.SessionOfAsync(healthy)).State);
    }

    [Fact]
    public Task Garbage_bytes() => RunAsync(DisconnectReason.BadSignature,
        bad => bad.SendRawAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")));

    [Fact]
    public Task A_wrong_levin_signature() => RunAsync(DisconnectReason.BadSignature, bad =>
    {
        byte[] ping = Vectors.Load("p2p_probe_testnet/ping_request.hex");
        ping[1] ^= 0xff; // 01 21 01 … → 01 de 01 …
        return bad.SendRawAsync(ping);
    });

    [Fact]
    public Task An_oversized_header_is_refused_before_its_body() => RunAsync(DisconnectReason.PacketTooLarge, async bad =>
    {
        // 1001 is capped at 65 536 body bytes; only the 33-byte header is sent, the body never is.
        byte[] header = new byte[LevinHeader.Size];
        LevinHeader.ForRequest(P2PCommands.Handshake, 65_537).WriteTo(header);
        await bad.SendRawAsync(header);
    });

    [Fact]
    public Task A_wrong_network_id() => RunAsync(DisconnectReason.WrongNetwork, async bad =>
    {
        await bad.SendRawAsync(Vectors.Load("p2p_probe_testnet/handshake_request__wrong_network_id.hex"));
        Assert.True(await bad.WaitClosedAsync());
        Assert.Equal(0, bad.UnreadFrames); // closed without a response, as monerod
    });

    [Fact]
    public Task A_peer_that_never_finishes_its_handshake() => RunAsync(DisconnectReason.HandshakeTimeout,
        _ => Task.CompletedTask,
        t => t with { NewConnectionIdleLocal = TimeSpan.FromSeconds(1) });

    [Fact]
    public Task A_peer_that_never_answers_our_timed_sync() => RunAsync(DisconnectReason.RequestTimeout, async bad =>
        {
            await bad.HandshakeAsync();
            var request = await bad.NextMatchingAsync(f => f.Kind == LevinMessageKind.Request && f.Command == P2PCommands.TimedSync);
            Assert.True(request.Header.ExpectResponse);
            Assert.Equal(1ul, TimedSyncRequest.FromSection(request.Section).PayloadData.CurrentHeight);
        },
        t => t with { TimedSyncInterval = TimeSpan.FromMilliseconds(300), InvokeTimeout = TimeSpan.FromSeconds(1) });

    [Fact]
    public Task A_response_with_nothing_pending() => RunAsync(DisconnectReason.UnexpectedResponse, async bad =>
    {
        await bad.HandshakeAsync();
        await bad.SendRawAsync(Vectors.Load("p2p_probe_testnet/stray_response__no_pending_request.hex"));
    });

    [Fact]
    public Task A_second_handshake_on_one_connection() => RunAsync(DisconnectReason.UnexpectedHandshake, async bad =>
    {
        await bad.HandshakeAsync();
        await bad.SendRequestAsync(P2PCommands.Handshake, bad.HandshakeRequest().ToSection());
    });

    [Fact]
    public async Task The_header_alone_of_an_oversized_packet_closes_the_connection()
    {
        // The same refusal seen from the byte counters: the node read the header and nothing more was needed.
        await using var node = await TestNode.StartAsync();
        await using var bad = await node.ConnectRawAsync();
        var session = await node.SessionOfAsync(bad);
        byte[] header = new byte[LevinHeader.Size];
        LevinHeader.ForRequest(P2PCommands.Ping, 4097).WriteTo(header);
        Assert.Equal(4097ul, BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(8)));

        await bad.SendRawAsync(header);

        Assert.True(await bad.WaitClosedAsync());
        Assert.Equal(DisconnectReason.PacketTooLarge, session.CloseReason);
        Assert.Equal((ulong)LevinHeader.Size, session.Stats.RecvCount);
    }
}
