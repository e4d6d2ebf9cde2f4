using System.Net;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.PeerLists;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// monerod's gray-list housekeeping (a handshake that only takes the peer list: reachable gray peers turn white,
/// unreachable ones leave gray; never with exclusive nodes) and its hourly "no incoming connections" check.
/// Loopback only; the nodes keep no out-peers so the connection maker never dials the gray peers itself.
/// </summary>
public class HousekeepingTests
{
    private const int NoIncomingEvent = 3014;
    private const int IncomingDisabledEvent = 3015;

    private static P2POptionsEdit Quiet(TimeSpan? housekeeping = null) => o => o with
    {
        AllowLocalIp = true,
        OutPeers = 0,
        Timings = o.Timings with { HousekeepingInterval = housekeeping ?? TimeSpan.FromHours(1) },
    };

    private delegate P2POptions P2POptionsEdit(P2POptions o);

    private static KnownPeer GrayEntry(IPEndPoint ep, ulong peerId = 0x1234) =>
        new(NetworkAddress.FromEndPoint(ep), peerId, 0, 0, 0, 0);

    [Fact]
    public async Task A_reachable_gray_peer_is_promoted_to_white_after_a_handshake_that_takes_its_list()
    {
        await using var listed = await TestNode.StartOnOwnHostAsync(o => o with { AllowLocalIp = true });
        var known = Loopback.DeadEndPoint(Loopback.Next());
        listed.Node.PeerLists.SetJustSeen(GrayEntry(known, 77) with { LastSeenUnixSeconds = 5 });
        await using var node = await TestNode.StartOnOwnHostAsync(o => Quiet()(o));
        node.Node.PeerLists.MergeGray([GrayEntry(listed.EndPoint)]);

        await node.Node.Maintainer.GrayPeerListHousekeepingAsync();

        var white = Assert.Single(node.Node.PeerLists.White);
        Assert.Equal(NetworkAddress.FromEndPoint(listed.EndPoint), white.Address);
        Assert.Equal(0x1234UL, white.PeerId); // the gray entry's facts: the probe reads no node data
        Assert.True(white.LastSeenUnixSeconds > 0);
        // The peer's own list arrived with the handshake and went to gray.
        Assert.Contains(node.Node.PeerLists.Gray, e => e.Address.Equals(NetworkAddress.FromEndPoint(known)));
        // A probe is no peer: no anchor, and the connection is closed at once, never handshaked.
        Assert.Empty(node.Node.PeerLists.Anchor);
        Assert.Equal(0, node.Node.Connections.Count);
        var close = Assert.Single(node.Log.Closes);
        Assert.Equal(nameof(DisconnectReason.PeerListProbeDone), close.Field("Reason"));
        Assert.DoesNotContain(node.Log.Entries, e => e.EventId == 1002); // no "handshake complete" on our side
        await Poll.UntilAsync(() => listed.Log.Entries.Any(e => e.EventId == 1002), "the listed node saw a handshake");
    }

    [Fact]
    public async Task An_unreachable_gray_peer_is_evicted_from_gray_and_not_made_white()
    {
        await using var node = await TestNode.StartOnOwnHostAsync(o => Quiet()(o));
        var dead = Loopback.DeadEndPoint(Loopback.Next());
        node.Node.PeerLists.MergeGray([GrayEntry(dead)]);

        await node.Node.Maintainer.GrayPeerListHousekeepingAsync();

        Assert.Empty(node.Node.PeerLists.Gray);
        Assert.Empty(node.Node.PeerLists.White);
        Assert.Equal(1, node.Node.AddressBook.DialFailuresOf(dead));
    }

    [Fact]
    public async Task A_gray_peer_on_another_network_is_evicted()
    {
        await using var other = await TestNode.StartOnOwnHostAsync(o => o with { AllowLocalIp = true }, NetworkType.Stagenet);
        await using var node = await TestNode.StartOnOwnHostAsync(o => Quiet()(o));
        node.Node.PeerLists.MergeGray([GrayEntry(other.EndPoint)]);

        await node.Node.Maintainer.GrayPeerListHousekeepingAsync();

        Assert.Empty(node.Node.PeerLists.Gray);
        Assert.Empty(node.Node.PeerLists.White);
    }

    [Fact]
    public async Task The_maintainer_runs_it_every_interval_until_gray_is_checked()
    {
        var listed = new List<TestNode>();
        for (int i = 0; i < 2; i++) listed.Add(await TestNode.StartOnOwnHostAsync());
        try
        {
            var time = new FakeTimeProvider();
            await using var node = await TestNode.StartOnFakeClockAsync(time, o => Quiet(TimeSpan.FromMilliseconds(100))(o));
            var dead = Loopback.DeadEndPoint(Loopback.Next());
            node.Node.PeerLists.MergeGray([.. listed.Select(n => GrayEntry(n.EndPoint)), GrayEntry(dead)]);

            // One probe an interval (each tick awaits its probe): three intervals check the three gray peers.
            await node.TickAsync(time, TimeSpan.FromMilliseconds(99));
            Assert.Equal(3, node.Node.PeerLists.GrayCount);
            for (int i = 0; i < 3; i++)
            {
                await node.TickAsync(time, TimeSpan.FromMilliseconds(i == 0 ? 1 : 100));
                Assert.Equal(2 - i, node.Node.PeerLists.GrayCount);
            }
            Assert.Equal(listed.Select(n => NetworkAddress.FromEndPoint(n.EndPoint)).OrderBy(a => a.ToString()),
                node.Node.PeerLists.White.Select(e => e.Address).OrderBy(a => a.ToString()));
        }
        finally
        {
            foreach (var n in listed) await n.DisposeAsync();
        }
    }

    [Fact]
    public async Task Nothing_is_probed_with_exclusive_nodes()
    {
        await using var listed = await TestNode.StartOnOwnHostAsync();
        var exclusive = Loopback.DeadEndPoint(Loopback.Next());
        var time = new FakeTimeProvider();
        await using var node = await TestNode.StartOnFakeClockAsync(time, o => Quiet(TimeSpan.FromMilliseconds(50))(o) with
        {
            ExclusiveNodes = [exclusive],
        });
        node.Node.PeerLists.MergeGray([GrayEntry(listed.EndPoint)]);

        await node.Node.Maintainer.GrayPeerListHousekeepingAsync();
        for (int i = 0; i < 10; i++) await node.TickAsync(time, TimeSpan.FromMilliseconds(50)); // ten housekeeping intervals

        Assert.Single(node.Node.PeerLists.Gray);
        Assert.Empty(node.Node.PeerLists.White);
        Assert.DoesNotContain(listed.Log.Entries, e => e.EventId == 1001);
    }

    [Fact]
    public async Task The_hourly_check_warns_once_per_interval_while_nobody_connects_in()
    {
        var time = new FakeTimeProvider();
        // Short enough that the test peer's idle timer (30 min after a write) never closes it on the fake clock.
        var interval = TimeSpan.FromMilliseconds(300);
        await using var node = await TestNode.StartOnFakeClockAsync(time, o => o with
        {
            Timings = o.Timings with { IncomingConnectionsCheckInterval = interval },
        });
        await node.TickAsync(time, interval - TimeSpan.FromMilliseconds(1));
        Assert.DoesNotContain(node.Log.Entries, e => e.EventId == NoIncomingEvent);
        await node.TickAsync(time, TimeSpan.FromMilliseconds(1));
        var warning = Assert.Single(node.Log.Entries, e => e.EventId == NoIncomingEvent);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal($"No incoming connections - check firewalls/routers allow port {node.EndPoint.Port}", warning.Message);

        await using var peer = await node.ConnectRawAsync();
        await peer.HandshakeAsync();
        int before = node.Log.Entries.Count(e => e.EventId == NoIncomingEvent);
        for (int i = 0; i < 3; i++) await node.TickAsync(time, interval); // three checks with an incoming connection
        Assert.Equal(before, node.Log.Entries.Count(e => e.EventId == NoIncomingEvent));
    }

    [Fact]
    public async Task With_incoming_connections_disabled_the_check_says_so_instead()
    {
        var time = new FakeTimeProvider();
        await using var node = await TestNode.StartOnFakeClockAsync(time, o => o with
        {
            HideMyPort = true,
            Timings = o.Timings with { IncomingConnectionsCheckInterval = TimeSpan.FromHours(1) },
        });
        await node.TickAsync(time, TimeSpan.FromHours(1));
        Assert.Single(node.Log.Entries, e => e.EventId == IncomingDisabledEvent);
        Assert.DoesNotContain(node.Log.Entries, e => e.EventId == NoIncomingEvent);
    }
}
