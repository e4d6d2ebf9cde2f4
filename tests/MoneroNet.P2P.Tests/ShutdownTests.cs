using System.Diagnostics;
using System.Net.Sockets;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>StopAsync closes every connection promptly, and the remote ends see it.</summary>
public class ShutdownTests
{
    private const int StoppedEvent = 3002;

    [Fact]
    public async Task Stop_closes_every_connection_within_a_few_seconds()
    {
        var node = await TestNode.StartAsync();
        await using var other = await TestNode.StartAsync();
        await using var handshaked = await node.ConnectRawAsync();
        await handshaked.HandshakeAsync();
        await using var fresh = await node.ConnectRawAsync();
        var outgoingFromOther = (await other.Node.ConnectAsync(node.EndPoint))!;
        await Poll.UntilAsync(() => outgoingFromOther.HandshakeComplete, "the other node handshaked");
        await Poll.UntilAsync(() => node.Node.Connections.Count == 3, "three connections");

        var watch = Stopwatch.StartNew();
        await node.Node.StopAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"StopAsync took {watch.Elapsed}");

        Assert.Equal(0, node.Node.Connections.Count);
        Assert.True(await handshaked.WaitClosedAsync(TimeSpan.FromSeconds(3)));
        Assert.True(await fresh.WaitClosedAsync(TimeSpan.FromSeconds(3)));
        await Poll.UntilAsync(() => outgoingFromOther.IsClosed, "the other node saw the close", TimeSpan.FromSeconds(3));
        Assert.Equal(DisconnectReason.RemoteClosed, outgoingFromOther.CloseReason);
        await Poll.UntilAsync(() => other.Node.Connections.Count == 0, "the other node dropped the connection", TimeSpan.FromSeconds(3));

        var closes = node.Log.Closes;
        Assert.Equal(3, closes.Count);
        Assert.All(closes, c => Assert.Equal(nameof(DisconnectReason.Shutdown), c.Field("Reason")));
        Assert.Single(node.Log.Entries, e => e.EventId == StoppedEvent);

        // The listener is gone too.
        await Assert.ThrowsAnyAsync<SocketException>(() => node.ConnectRawAsync());
        await node.DisposeAsync(); // a second stop is harmless
        Assert.Single(node.Log.Entries, e => e.EventId == StoppedEvent);
    }
}
