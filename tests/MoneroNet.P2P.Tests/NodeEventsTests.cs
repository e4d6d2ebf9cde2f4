using System.Collections.Concurrent;
using System.Net;
using MoneroNet.P2P.Bans;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// The P2P node's events for the event stream (docs/OBSERVABILITY.md, "Events"): opened, closed last in the close
/// hook, bans added and removed, limits changed; a subscriber that throws costs neither the connection nor the call.
/// </summary>
public class NodeEventsTests
{
    [Fact]
    public async Task A_connection_is_announced_opened_then_handshaked_then_closed_with_its_final_state()
    {
        await using var a = await TestNode.StartAsync();
        await using var b = await TestNode.StartAsync();
        var seen = new ConcurrentQueue<(string What, PeerSession Session, bool Listed)>();
        a.Node.PeerOpened += s => seen.Enqueue(("opened", s, a.Node.Connections.All.Contains(s)));
        a.Node.PeerHandshaked += s => seen.Enqueue(("handshaked", s, true));
        a.Node.PeerClosed += s => seen.Enqueue(("closed", s, a.Node.Connections.All.Contains(s)));

        var outgoing = (await b.Node.ConnectAsync(a.EndPoint))!;
        var incoming = await a.SessionOfAsync(outgoing.LocalEndPoint);
        await Poll.UntilAsync(() => incoming.HandshakeComplete && seen.Count >= 2, "handshake announced");
        outgoing.Close(DisconnectReason.Shutdown, "test closes it");
        await Poll.UntilAsync(() => seen.Any(e => e.What == "closed"), "close announced");

        var events = seen.ToList();
        Assert.Equal(["opened", "handshaked", "closed"], events.Select(e => e.What));
        Assert.All(events, e => Assert.Same(incoming, e.Session));
        Assert.True(events[0].Listed, "opened before it was listed");
        Assert.False(events[2].Listed, "closed while still listed");
        Assert.Equal(DisconnectReason.RemoteClosed, incoming.CloseReason);
        Assert.True(incoming.Stats.RecvCount > 0 && incoming.Stats.SendCount > 0);
    }

    [Fact]
    public async Task Bans_and_unbans_and_limits_are_announced_once_each()
    {
        await using var a = await TestNode.StartAsync();
        var added = new ConcurrentQueue<BanEntry>();
        var removed = new ConcurrentQueue<string>();
        var limits = new ConcurrentQueue<(long In, long Out)>();
        a.Node.BanAdded += added.Enqueue;
        a.Node.BanRemoved += removed.Enqueue;
        a.Node.LimitsChanged += (i, o) => limits.Enqueue((i, o));

        long inPeersBefore = a.Node.InPeers;
        a.Node.Bans.Ban(IPAddress.Parse("192.0.2.7"), TimeSpan.FromMinutes(10));
        a.Node.Bans.Ban(IPNetwork.Parse("198.51.100.0/24"), null);
        Assert.True(a.Node.Bans.Unban(IPAddress.Parse("192.0.2.7")));
        Assert.False(a.Node.Bans.Unban(IPAddress.Parse("192.0.2.8"))); // nothing removed: nothing announced
        Assert.True(a.Node.Bans.Unban(IPNetwork.Parse("198.51.100.0/24")));
        a.Node.SetOutPeers(3);
        a.Node.SetInPeers(5);

        Assert.Equal(["192.0.2.7", "198.51.100.0/24"], added.Select(b => b.Host));
        Assert.Equal(600, added.First().SecondsRemaining);
        Assert.Null(added.Last().SecondsRemaining);
        Assert.Equal(["192.0.2.7", "198.51.100.0/24"], removed);
        Assert.Equal([(inPeersBefore, 3L), (5L, 3L)], limits);
    }

    [Fact]
    public async Task A_subscriber_that_throws_costs_neither_the_connection_nor_the_ban_call()
    {
        await using var a = await TestNode.StartAsync();
        await using var b = await TestNode.StartAsync();
        int calls = 0;
        void Throw() { Interlocked.Increment(ref calls); throw new InvalidOperationException("subscriber bug"); }
        a.Node.PeerOpened += _ => Throw();
        a.Node.PeerHandshaked += _ => Throw();
        a.Node.PeerHeightChanged += _ => Throw();
        a.Node.BanAdded += _ => Throw();
        a.Node.BanRemoved += _ => Throw();
        a.Node.LimitsChanged += (_, _) => Throw();

        var outgoing = (await b.Node.ConnectAsync(a.EndPoint))!;
        var incoming = await a.SessionOfAsync(outgoing.LocalEndPoint);
        await Poll.UntilAsync(() => incoming.HandshakeComplete && outgoing.State == ConnectionState.Normal, "handshake despite the subscriber");
        a.Node.SendTimedSyncs(); // heights reported again through the throwing subscriber
        b.Node.SendTimedSyncs();
        a.Node.Bans.Ban(IPAddress.Parse("192.0.2.9"), null);
        a.Node.Bans.Unban(IPAddress.Parse("192.0.2.9"));
        a.Node.SetOutPeers(8);
        await Poll.UntilAsync(() => a.Log.Entries.Any(e => e.EventId == 2250), "the failures are logged");
        // The connection still carries traffic both ways after every failing handler: a timed sync is answered.
        ulong received = outgoing.Stats.RecvCount;
        b.Node.SendTimedSyncs();
        await Poll.UntilAsync(() => outgoing.Stats.RecvCount > received, "a timed sync answered after the failures");

        Assert.False(incoming.IsClosed);
        Assert.False(outgoing.IsClosed);
        Assert.True(Volatile.Read(ref calls) >= 6, $"only {calls} subscriber calls");
    }
}
