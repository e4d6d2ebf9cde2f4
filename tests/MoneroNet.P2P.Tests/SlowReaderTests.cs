using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MoneroNet.Levin;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests;

/// <summary>A peer that stops reading while the node still has to write to it.</summary>
public class SlowReaderTests
{
    [Fact]
    public async Task Closing_a_connection_whose_send_is_blocked_keeps_the_node_running()
    {
        await using var node = await TestNode.StartAsync(configure: o => o with
        {
            // The send-queue bounds are lifted so that what closes the stuck peer is the invoke timeout of a request
            // queued behind a blocked flush (SendQueueBoundTests covers the bounds themselves).
            Timings = o.Timings with
            {
                TimedSyncInterval = TimeSpan.FromMilliseconds(300),
                InvokeTimeout = TimeSpan.FromSeconds(1),
                MaxSendQueueBytes = 1L << 30,
                MaxSendQueueFrames = int.MaxValue,
                NodeSendBudgetBytes = 1L << 30,
            },
        });

        // A healthy peer that answers every timed sync: its count of timed syncs shows the maintainer still runs.
        await using var healthy = await node.ConnectRawAsync();
        healthy.AnswerTimedSyncs = true;
        await healthy.HandshakeAsync();

        // The stuck peer handshakes, then floods pings and never reads: the node's writes to it block.
        using var stuck = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await stuck.ConnectAsync(node.EndPoint);
        await stuck.SendAsync(HandshakeFrame(), SocketFlags.None);
        var session = await node.SessionOfAsync((IPEndPoint)stuck.LocalEndPoint!);
        await Poll.UntilAsync(() => session.HandshakeComplete, "the stuck peer handshaked");

        byte[] ping = Vectors.Load("p2p_probe_testnet/ping_request.hex");
        byte[] pings = new byte[ping.Length * 2000];
        for (int i = 0; i < 2000; i++) ping.CopyTo(pings, i * ping.Length);
        ulong lastSent = 0;
        int stalls = 0;
        for (int round = 0; round < 300 && stalls < 5; round++)
        {
            await stuck.SendAsync(pings, SocketFlags.None);
            await Task.Delay(20);
            ulong sent = session.Stats.SendCount;
            stalls = sent == lastSent ? stalls + 1 : 0;
            lastSent = sent;
        }
        Assert.True(stalls >= 5, "the node's writes to the stuck peer should have stalled");

        // The timed sync to the stuck peer is queued behind the blocked flush; its invoke timeout closes the
        // connection while that flush is still pending.
        await Poll.UntilAsync(() => session.IsClosed, "the stuck peer's connection closed");
        Assert.Equal(DisconnectReason.RequestTimeout, session.CloseReason);
        Assert.Equal(nameof(DisconnectReason.RequestTimeout), await node.CloseReasonOfAsync(session.Address.ToString()));

        // The node keeps running: timed syncs still reach the healthy peer, which still gets answers.
        int before = healthy.TimedSyncsAnswered;
        await Poll.UntilAsync(() => healthy.TimedSyncsAnswered >= before + 2, "more timed syncs to the healthy peer");
        await healthy.PingAsync();
    }

    /// <summary>A testnet handshake request as raw bytes, for a peer driven by a bare socket.</summary>
    internal static byte[] HandshakeFrame(ulong peerId = 42)
    {
        var request = new HandshakeRequest
        {
            NodeData = new BasicNodeData { NetworkId = NetworkConstants.NetworkIdOf(NetworkType.Testnet), PeerId = peerId, SupportFlags = 1 },
            PayloadData = new CoreSyncData
            {
                CurrentHeight = 1, CumulativeDifficulty = 1, TopId = NetworkConstants.GenesisHashOf(NetworkType.Testnet), TopVersion = 1,
            },
        };
        var w = new ArrayBufferWriter<byte>();
        LevinWriter.WriteRequest(w, P2PCommands.Handshake, WireCodec.Encode(request));
        return w.WrittenSpan.ToArray();
    }
}
