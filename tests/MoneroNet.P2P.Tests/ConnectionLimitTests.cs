using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>/in_peers and /out_peers at run time, and the accept-time limits under a large burst (PROTOCOL.md §4).</summary>
public class ConnectionLimitTests
{
    [Fact]
    public async Task SetInPeers_drops_the_excess_at_once_and_refuses_new_ones()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        var peers = new List<RawPeer>();
        try
        {
            for (int i = 0; i < 6; i++)
            {
                var p = await node.ConnectRawAsync(Loopback.Next());
                await p.HandshakeAsync();
                peers.Add(p);
            }
            node.Node.SetInPeers(2);
            Assert.Equal(2, node.Node.InPeers);
            Assert.Equal(2, node.Node.Connections.All.Count(s => s.Incoming && !s.IsClosed));
            await Poll.UntilAsync(() => peers.Count(p => p.IsClosed) == 4, "four peers dropped");
            Assert.Equal(4, node.Log.Closes.Count(c => c.Field("Reason") == nameof(DisconnectReason.ConnectionLimit)));

            await using var late = await node.ConnectRawAsync(Loopback.Next());
            Assert.True(await late.WaitClosedAsync(TimeSpan.FromSeconds(2)));
            foreach (var open in peers.Where(p => !p.IsClosed)) await open.PingAsync();

            node.Node.SetInPeers(10);
            await using var welcome = await node.ConnectRawAsync(Loopback.Next());
            await welcome.HandshakeAsync();
        }
        finally
        {
            foreach (var p in peers) await p.DisposeAsync();
        }
    }

    [Fact]
    public async Task SetOutPeers_drops_excess_outgoing_connections()
    {
        var others = new List<TestNode>();
        for (int i = 0; i < 3; i++) others.Add(await TestNode.StartOnOwnHostAsync());
        try
        {
            await using var node = await TestNode.StartOnOwnHostAsync();
            foreach (var o in others) Assert.NotNull(await node.Node.ConnectAsync(o.EndPoint));
            await Poll.UntilAsync(() => node.Handshaked(incoming: false) == 3, "three outgoing");

            node.Node.SetOutPeers(1);
            Assert.Equal(1, node.Node.OutPeers);
            Assert.Equal(1, node.Node.Connections.CountOutgoingPeers());
            await Poll.UntilAsync(() => node.Node.Connections.Count == 1, "two dropped");
            // The node lists a connection no more from the moment it closes it; the dropped peers notice a moment later.
            await Poll.UntilAsync(() => others.Count(o => o.Node.Connections.Count == 0) == 2, "the dropped peers see the close");
            Assert.Null(await node.Node.ConnectAsync(others.First(o => o.Node.Connections.Count == 0).EndPoint));
        }
        finally
        {
            foreach (var o in others) await o.DisposeAsync();
        }
    }
}
