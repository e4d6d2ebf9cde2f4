using MoneroNet.P2P.Connections;
using MoneroNet.P2P.PeerLists;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;
using Microsoft.Extensions.Time.Testing;

namespace MoneroNet.P2P.Tests;

/// <summary>The connection maintainer (monerod's connections_maker): filling out-peers, backoff, exclusivity, one connection per peer id.</summary>
public class MaintainerTests
{
    private static P2PTimings Fast => TestNode.FastTimings with { RedialInterval = TimeSpan.FromMilliseconds(50) };

    private static KnownPeer EntryOf(TestNode n) =>
        new(NetworkAddress.FromEndPoint(n.EndPoint), n.Node.Local.PeerId, 0, 0, 0, 0);

    [Fact]
    public async Task Out_peers_are_filled_from_the_peer_lists_and_never_exceeded()
    {
        const int outPeers = 3;
        var peers = new List<TestNode>();
        for (int i = 0; i < 6; i++) peers.Add(await TestNode.StartOnOwnHostAsync());
        try
        {
            await using var node = await TestNode.StartOnOwnHostAsync(o => o with { AllowLocalIp = true, OutPeers = outPeers, Timings = Fast });
            node.Node.PeerLists.MergeGray(peers.Take(4).Select(EntryOf));
            node.Node.PeerLists.SetJustSeen(EntryOf(peers[4]) with { LastSeenUnixSeconds = 1 });
            node.Node.PeerLists.SetJustSeen(EntryOf(peers[5]) with { LastSeenUnixSeconds = 2 });

            int max = 0;
            await Poll.UntilAsync(() =>
            {
                max = Math.Max(max, node.Node.Connections.CountOutgoingPeers());
                return node.Handshaked(incoming: false) == outPeers;
            }, $"{outPeers} outgoing peers");
            var settled = await Poll.StableAsync(() => node.Handshaked(incoming: false), TimeSpan.FromMilliseconds(500));
            Assert.Equal(outPeers, settled);
            Assert.True(max <= outPeers, $"{max} outgoing at once");
            Assert.Equal(outPeers, node.Node.Connections.All.Select(s => s.PeerId).Distinct().Count());
            // Every connected peer is white now, and an anchor.
            Assert.Equal(outPeers, node.Node.Connections.All.Count(s => node.Node.PeerLists.White.Any(e => e.PeerId == s.PeerId)));
            Assert.Equal(outPeers, node.Node.PeerLists.Anchor.Count);

            // Losing a peer: the maintainer replaces it.
            var first = node.Node.Connections.All.First();
            first.Close(DisconnectReason.Requested, "test");
            await Poll.UntilAsync(() => node.Handshaked(incoming: false) == outPeers && node.Node.Connections.All.All(s => s != first), "replaced");
        }
        finally
        {
            foreach (var p in peers) await p.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_anchor_whose_connection_is_live_keeps_its_place_through_the_first_anchor_pass()
    {
        // A dial that completes before the maintainer's first pass (an --add-peer dial, or a slow first tick on a busy
        // machine) makes its peer an anchor; that pass takes the anchors to try them, and must not drop a connected one.
        await using var peer = await TestNode.StartOnOwnHostAsync();
        var time = new FakeTimeProvider();
        await using var node = await TestNode.StartOnFakeClockAsync(time, o => o with { AllowLocalIp = true, Timings = Fast });
        var session = await node.Node.ConnectAsync(peer.EndPoint);
        Assert.NotNull(session);
        await Poll.UntilAsync(() => node.Node.PeerLists.Anchor.Count == 1, "the peer an anchor after its handshake");

        await node.Node.Maintainer.TickAsync();
        Assert.Equal(NetworkAddress.FromEndPoint(peer.EndPoint), Assert.Single(node.Node.PeerLists.Anchor).Address);
        Assert.False(session.IsClosed);
        Assert.Equal(1, node.Node.Connections.CountOutgoingPeers());

        // Once the connection ends, the anchor goes with it (monerod's on_connection_close).
        session.Close(DisconnectReason.Requested, "test");
        await Poll.UntilAsync(() => node.Node.PeerLists.Anchor.Count == 0, "the anchor removed with its connection");
    }

    [Fact]
    public async Task A_dead_address_is_backed_off_exponentially()
    {
        var dead = Loopback.DeadEndPoint(Loopback.Next());
        var time = new FakeTimeProvider();
        await using var node = await TestNode.StartOnFakeClockAsync(time, o => o with
        {
            AllowLocalIp = true,
            Timings = Fast with { DialBackoffBase = TimeSpan.FromMilliseconds(300), DialBackoffMax = TimeSpan.FromSeconds(30) },
        });
        int Attempts() => node.Log.Entries.Count(e => e.EventId == 1005 && e.Field("Peer") == dead.ToString());
        node.Node.PeerLists.MergeGray([new KnownPeer(NetworkAddress.FromEndPoint(dead), 42, 0, 0, 0, 0)]);
        var tick = TimeSpan.FromMilliseconds(50);
        // Each tick awaits the dials it started: a refused loopback connect fails at once, on the fake clock's now.
        async Task TicksFor(TimeSpan span)
        {
            for (var t = TimeSpan.Zero; t < span; t += tick) await node.TickAsync(time, tick);
        }

        await node.Node.Maintainer.TickAsync();
        Assert.Equal(1, Attempts());
        // Without backoff the maintainer (every 50 ms) would try again at once; with 300 ms doubling the third
        // attempt comes 300 + 600 ms after the first at the earliest, and the fourth 1.2 s after the third.
        await TicksFor(TimeSpan.FromMilliseconds(850));
        Assert.Equal(2, Attempts());
        await TicksFor(tick);
        Assert.Equal(3, Attempts());
        await TicksFor(TimeSpan.FromMilliseconds(1000));
        Assert.InRange(Attempts(), 3, 4);
        Assert.Equal(Attempts(), node.Node.AddressBook.DialFailuresOf(dead));
    }

    [Fact]
    public async Task Exclusive_nodes_are_the_only_peers_dialled()
    {
        await using var exclusive = await TestNode.StartOnOwnHostAsync();
        await using var listed = await TestNode.StartOnOwnHostAsync();
        var time = new FakeTimeProvider();
        await using var node = await TestNode.StartOnFakeClockAsync(time, o => o with
        {
            AllowLocalIp = true,
            ExclusiveNodes = [exclusive.EndPoint],
            Timings = Fast,
        });
        node.Node.PeerLists.MergeGray([EntryOf(listed)]);

        await node.Node.Maintainer.TickAsync();
        await Poll.UntilAsync(() => node.Handshaked(incoming: false) == 1, "exclusive node connected");
        // Ten more maintainer ticks: still only the exclusive node.
        for (int i = 0; i < 10; i++) await node.TickAsync(time, TimeSpan.FromMilliseconds(50));
        Assert.Equal(exclusive.EndPoint, Assert.Single(node.Node.Connections.All).RemoteEndPoint);
        Assert.Equal(0, listed.Node.Connections.Count);
    }

    [Fact]
    public async Task A_second_connection_with_a_connected_peer_id_is_dropped()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        await using var first = await node.ConnectRawAsync(Loopback.Next());
        await first.HandshakeAsync();
        await using var twin = await node.ConnectRawAsync(Loopback.Next());
        twin.PeerId = first.PeerId;
        await twin.SendRequestAsync(P2PCommands.Handshake, twin.HandshakeRequest().ToSection());

        Assert.True(await twin.WaitClosedAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(nameof(DisconnectReason.DuplicatePeerId), await node.CloseReasonOfAsync(twin.NameAtNode));
        await first.PingAsync();
        Assert.False(first.IsClosed);

        // Once the first is gone, the id may connect again.
        await first.DisposeAsync();
        await Poll.UntilAsync(() => node.Node.Connections.Count == 0, "first gone");
        await using var again = await node.ConnectRawAsync(Loopback.Next());
        again.PeerId = twin.PeerId;
        await again.HandshakeAsync();
    }

    [Fact]
    public async Task Two_nodes_dialling_each_other_keep_one_connection_per_peer_id_at_each_end()
    {
        await using var a = await TestNode.StartOnOwnHostAsync();
        await using var b = await TestNode.StartOnOwnHostAsync();
        var ab = (await a.Node.ConnectAsync(b.EndPoint))!;
        await Poll.UntilAsync(() => ab.HandshakeComplete, "a→b handshake");
        var ba = (await b.Node.ConnectAsync(a.EndPoint))!;
        await Poll.UntilAsync(() => ba.IsClosed, "the newer b→a connection dropped");
        Assert.False(ab.IsClosed);
        Assert.Equal(nameof(DisconnectReason.DuplicatePeerId), await a.CloseReasonOfAsync(ba.LocalEndPoint.ToString()));
    }
}
