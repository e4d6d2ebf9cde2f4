using System.Net;
using System.Net.Sockets;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// A peer that pipelines requests and never reads the answers: its send queue is bounded per peer (frames and bytes)
/// and all queues together by the node-wide budget; passing either closes that peer only, and frees what it held.
/// </summary>
public class SendQueueBoundTests
{
    private static readonly byte[] Ping = Vectors.Load("p2p_probe_testnet/ping_request.hex");

    [Fact]
    public async Task A_peer_that_never_reads_is_closed_once_its_queue_passes_the_per_peer_bound()
    {
        await using var node = await TestNode.StartAsync();
        await using var bystander = await node.ConnectRawAsync();
        await bystander.HandshakeAsync();

        using var stuck = await ConnectStuckAsync(node, peerId: 42);
        var session = await node.SessionOfAsync((IPEndPoint)stuck.LocalEndPoint!);
        await FloodUntilClosedAsync(stuck, session);

        Assert.Equal(DisconnectReason.SendQueueFull, session.CloseReason);
        Assert.Contains("does not read", session.CloseDetail, StringComparison.Ordinal);
        await Poll.UntilAsync(() => node.Node.SendBudget.Used == 0, "the closed peer's reservation returned to the node-wide budget");
        await bystander.PingAsync();
        Assert.False(bystander.IsClosed);
    }

    [Fact]
    public async Task The_node_wide_budget_closes_the_peer_that_would_pass_it_and_spares_the_others()
    {
        const long budget = 48 * 1024;
        await using var node = await TestNode.StartAsync(configure: o => o with
        {
            Timings = o.Timings with { MaxSendQueueBytes = 1L << 30, MaxSendQueueFrames = int.MaxValue, NodeSendBudgetBytes = budget },
        });
        await using var bystander = await node.ConnectRawAsync();
        await bystander.HandshakeAsync();

        using var first = await ConnectStuckAsync(node, peerId: 42);
        var firstSession = await node.SessionOfAsync((IPEndPoint)first.LocalEndPoint!);
        await FloodUntilClosedAsync(first, firstSession);
        Assert.Equal(DisconnectReason.SendQueueFull, firstSession.CloseReason);
        Assert.Contains("node-wide send budget", firstSession.CloseDetail, StringComparison.Ordinal);
        Assert.InRange(node.Node.SendBudget.Limit, budget, budget);
        await Poll.UntilAsync(() => node.Node.SendBudget.Used == 0, "the closed peer's reservation returned to the budget");

        // The budget is whole again: the bystander is answered and a second stuck peer is bounded the same way.
        await bystander.PingAsync();
        using var second = await ConnectStuckAsync(node, peerId: 43);
        var secondSession = await node.SessionOfAsync((IPEndPoint)second.LocalEndPoint!);
        await FloodUntilClosedAsync(second, secondSession);
        Assert.Equal(DisconnectReason.SendQueueFull, secondSession.CloseReason);
        await bystander.PingAsync();
        Assert.False(bystander.IsClosed);
    }

    /// <summary>A handshaked peer on a bare socket with a small receive buffer, so the node's writes to it block soon.</summary>
    private static async Task<Socket> ConnectStuckAsync(TestNode node, ulong peerId)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(node.EndPoint);
        await socket.SendAsync(SlowReaderTests.HandshakeFrame(peerId), SocketFlags.None);
        var session = await node.SessionOfAsync((IPEndPoint)socket.LocalEndPoint!);
        await Poll.UntilAsync(() => session.HandshakeComplete, "the stuck peer handshaked");
        return socket;
    }

    /// <summary>Sends pings in batches, never reading, until the node closes the session (bounded: 3M pings).</summary>
    private static async Task FloodUntilClosedAsync(Socket socket, PeerSession session)
    {
        byte[] batch = new byte[Ping.Length * 2000];
        for (int i = 0; i < 2000; i++) Ping.CopyTo(batch, i * Ping.Length);
        for (int round = 0; round < 1500 && !session.IsClosed; round++)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.SendAsync(batch, SocketFlags.None, timeout.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                break; // the node closed the connection (or stopped reading because it is closing)
            }
        }
        await Poll.UntilAsync(() => session.IsClosed, "the node closed the peer that never reads");
    }
}
