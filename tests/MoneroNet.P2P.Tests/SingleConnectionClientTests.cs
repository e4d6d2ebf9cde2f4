using System.Net;
using System.Net.Sockets;
using MoneroNet.Levin;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// The single-connection client calls a library user (samples/Probe) builds on: <see cref="P2PNode.HandshakeAsync"/>,
/// <see cref="P2PNode.PingAsync"/> and the handshake facts on <see cref="PeerSession"/> (docs/PROTOCOL.md §3.3, §3.8).
/// </summary>
public class SingleConnectionClientTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HandshakeAsync_returns_the_handshaked_session_with_the_peers_facts()
    {
        await using var a = await TestNode.StartAsync();
        await using var b = await TestNode.StartAsync();

        var session = await b.Node.HandshakeAsync(a.EndPoint, Generous);

        Assert.NotNull(session);
        Assert.True(session.HandshakeComplete);
        Assert.Equal(a.Node.Local.PeerId, session.PeerId);
        Assert.Equal(a.Node.Local.SyncData.TopId, session.TopId);
        Assert.False(session.TopId.IsZero);
        Assert.Equal(a.Node.Local.SyncData.CurrentHeight, session.Height);
        Assert.Equal((uint)a.EndPoint.Port, session.AdvertisedPort);
        Assert.True(await session.WhenHandshakedAsync(), "a later waiter sees the same outcome");
    }

    [Fact]
    public async Task PingAsync_answers_with_the_handshakes_peer_id_and_a_round_trip()
    {
        await using var a = await TestNode.StartAsync();
        await using var b = await TestNode.StartAsync();
        var session = await b.Node.HandshakeAsync(a.EndPoint, Generous);
        Assert.NotNull(session);

        for (int i = 0; i < 3; i++)
        {
            var reply = await b.Node.PingAsync(session);
            Assert.True(reply.Answered);
            Assert.Equal("OK", reply.Status);
            Assert.Equal(session.PeerId, reply.PeerId);
            Assert.True(reply.RoundTrip > TimeSpan.Zero);
        }
        Assert.NotNull(session.RoundTrips.LastMs);
        Assert.False(session.IsClosed);
    }

    [Fact]
    public async Task PingAsync_reports_a_proxy_when_another_id_answers()
    {
        // A raw peer that handshakes as one id and answers pings as another: the fingerprint of a relaying proxy.
        await using var b = await TestNode.StartAsync();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepting = listener.AcceptSocketAsync();
        var handshaking = b.Node.HandshakeAsync((IPEndPoint)listener.LocalEndpoint, Generous);
        await using var peer = RawPeer.FromAccepted(await accepting, NetworkType.Testnet);
        peer.PeerId = 0x1111;
        await peer.NextMatchingAsync(f => f.Kind == LevinMessageKind.Request && f.Command == P2PCommands.Handshake);
        var answer = new HandshakeResponse { NodeData = peer.HandshakeRequest().NodeData, PayloadData = peer.SyncData };
        await peer.SendResponseAsync(P2PCommands.Handshake, LevinReturnCodes.Success, answer.ToSection());
        var session = await handshaking;
        Assert.NotNull(session);
        Assert.True(session.HandshakeComplete);
        Assert.Equal(0x1111ul, session.PeerId);

        peer.PeerId = 0x2222;
        var reply = await b.Node.PingAsync(session);

        Assert.True(reply.Answered);
        Assert.Equal(0x2222ul, reply.PeerId);
        Assert.NotEqual(session.PeerId, reply.PeerId);
    }

    [Fact]
    public async Task HandshakeAsync_gives_a_closed_session_when_the_peer_hangs_up_first()
    {
        await using var b = await TestNode.StartAsync();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepting = listener.AcceptSocketAsync();
        var handshaking = b.Node.HandshakeAsync((IPEndPoint)listener.LocalEndpoint, Generous);
        (await accepting).Dispose();

        var session = await handshaking;

        Assert.NotNull(session);
        Assert.False(session.HandshakeComplete);
        Assert.True(session.IsClosed);
        Assert.NotNull(session.CloseReason);
        Assert.False(await session.WhenHandshakedAsync());
        var reply = await b.Node.PingAsync(session);
        Assert.False(reply.Answered);
    }

    [Fact]
    public async Task TopId_is_never_read_half_written()
    {
        // The read loop writes the 32-byte top id while other threads read it (PeerSession's sequence counter).
        await using var a = await TestNode.StartAsync();
        await using var b = await TestNode.StartAsync();
        var session = await b.Node.HandshakeAsync(a.EndPoint, Generous);
        Assert.NotNull(session);
        var ones = new Hash32(Enumerable.Repeat((byte)0x11, Hash32.Size).ToArray());
        var twos = new Hash32(Enumerable.Repeat((byte)0x22, Hash32.Size).ToArray());
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++) session.SetTop((i & 1) == 0 ? ones : twos, (byte)(i & 1));
        });
        int reads = 0, torn = 0;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        while (DateTime.UtcNow < until)
        {
            var top = session.TopId;
            if (top != ones && top != twos && top != a.Node.Local.SyncData.TopId) torn++;
            reads++;
        }
        await stop.CancelAsync();
        await writer;
        Assert.True(reads > 1000, $"only {reads} reads");
        Assert.Equal(0, torn);
    }

    [Fact]
    public async Task HandshakeAsync_is_null_when_nothing_listens()
    {
        await using var b = await TestNode.StartAsync();
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var free = (IPEndPoint)probe.LocalEndpoint;
        probe.Stop();

        Assert.Null(await b.Node.HandshakeAsync(free, Generous));
    }
}
