using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>The ring of closed connections (get_closed_connections) and the closes by reason (get_connection_stats).</summary>
public class ClosedConnectionLogTests
{
    [Fact]
    public void Snake_case_names_of_every_reason()
    {
        Assert.Equal("remote_closed", DisconnectReasonNames.NameOf(DisconnectReason.RemoteClosed));
        Assert.Equal("send_queue_full", DisconnectReasonNames.NameOf(DisconnectReason.SendQueueFull));
        Assert.Equal("peer_list_probe_done", DisconnectReasonNames.NameOf(DisconnectReason.PeerListProbeDone));
        var names = DisconnectReasonNames.All.Select(DisconnectReasonNames.NameOf).ToList();
        Assert.Equal(Enum.GetValues<DisconnectReason>().Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[a-z]+(_[a-z]+)*$", n));
    }

    [Fact]
    public async Task A_churn_of_5000_closes_keeps_the_newest_1000_newest_first_without_allocating()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        await using var peer = await node.ConnectRawAsync();
        var session = await node.SessionOfAsync(peer);
        var log = new ClosedConnectionLog();
        const int churn = 5000;

        for (int i = 0; i < 100; i++) log.Add(new ClosedConnection(session, DisconnectReason.IdleTimeout, "warm-up", i));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 100; i < churn; i++)
        {
            log.Add(new ClosedConnection(session, i % 2 == 0 ? DisconnectReason.RemoteClosed : DisconnectReason.Banned, "x", i));
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated); // a close stores into the fixed ring: nothing grows, nothing is allocated
        Assert.Equal(churn, log.Recorded);
        var all = log.Newest(int.MaxValue);
        Assert.Equal(ClosedConnectionLog.Capacity, all.Count);
        Assert.Equal(Enumerable.Range(churn - ClosedConnectionLog.Capacity, ClosedConnectionLog.Capacity).Reverse().Select(i => (long)i),
            all.Select(c => c.ClosedUnixSeconds));
        Assert.Equal([4999L, 4998L, 4997L], log.Newest(3).Select(c => c.ClosedUnixSeconds));
        Assert.Empty(log.Newest(0));

        var byReason = log.ClosesByReason().ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(DisconnectReasonNames.Count, byReason.Count);
        Assert.Equal(100, byReason[DisconnectReason.IdleTimeout]);
        Assert.Equal(2450, byReason[DisconnectReason.RemoteClosed]);
        Assert.Equal(2450, byReason[DisconnectReason.Banned]);
        Assert.Equal(0, byReason[DisconnectReason.Shutdown]);
    }

    [Fact]
    public async Task A_partly_filled_ring_lists_only_what_closed()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        await using var peer = await node.ConnectRawAsync();
        var session = await node.SessionOfAsync(peer);
        var log = new ClosedConnectionLog();
        log.Add(new ClosedConnection(session, DisconnectReason.Requested, "first", 10));
        log.Add(new ClosedConnection(session, DisconnectReason.Requested, "second", 11));

        Assert.Equal(["second", "first"], log.Newest(1000).Select(c => c.Detail));
    }

    [Fact]
    public async Task Real_closes_are_listed_newest_first_with_reason_and_frozen_counters()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        var peers = new List<RawPeer>();
        for (int i = 0; i < 5; i++)
        {
            var peer = await node.ConnectRawAsync();
            await peer.HandshakeAsync();
            peers.Add(peer);
        }
        var sessions = new List<PeerSession>();
        foreach (var p in peers) sessions.Add(await node.SessionOfAsync(p));
        // What timed syncs would have shared with a long-lived peer (the raw peers send none, so the read loops are idle).
        foreach (var s in sessions)
            for (int slot = 0; slot < 500; slot++) s.SharedAddresses.Add(slot);

        // Closed one after the other, each seen gone before the next: the ring's order is the close order.
        for (int i = 0; i < peers.Count; i++)
        {
            await peers[i].DisposeAsync();
            var s = sessions[i];
            await Poll.UntilAsync(() => s.IsClosed && !node.Node.Connections.All.Contains(s), "the session closed and unlisted");
        }

        var closed = node.Node.ClosedConnections.Newest(1000);
        Assert.Equal(sessions.AsEnumerable().Reverse(), closed.Select(c => c.Session));
        Assert.All(closed, c => Assert.Equal(DisconnectReason.RemoteClosed, c.Reason));
        Assert.All(closed, c => Assert.Equal(c.Session.CloseDetail, c.Detail));
        Assert.Equal(5, node.Node.ClosedConnections.ClosesByReason().Single(kv => kv.Key == DisconnectReason.RemoteClosed).Value);

        // Once a read loop ended, its per-connection sets are released and its counters no longer move.
        foreach (var s in sessions)
            await Poll.UntilAsync(() => s.SharedAddresses.Count == 0 && s.SharedAddresses.BytesHeld == 0, "shared addresses released");
        var counts = sessions.Select(s => (s.Stats.RecvCount, s.Stats.SendCount)).ToList();
        Assert.All(counts, c => Assert.True(c.RecvCount > 0 && c.SendCount > 0));
        node.Node.SendTimedSyncs();
        Assert.Equal(counts, sessions.Select(s => (s.Stats.RecvCount, s.Stats.SendCount)));
    }

    [Fact]
    public async Task A_ban_close_is_listed_with_its_reason()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        var host = Loopback.Next();
        await using var peer = await node.ConnectRawAsync(host);
        await peer.HandshakeAsync();
        var session = await node.SessionOfAsync(peer);

        node.Node.Bans.Ban(host, TimeSpan.FromMinutes(1));
        await Poll.UntilAsync(() => !node.Node.Connections.All.Contains(session), "the banned session gone");

        var entry = Assert.Single(node.Node.ClosedConnections.Newest(10));
        Assert.Same(session, entry.Session);
        Assert.Equal(DisconnectReason.Banned, entry.Reason);
        Assert.Equal("banned", DisconnectReasonNames.NameOf(entry.Reason));
    }
}
