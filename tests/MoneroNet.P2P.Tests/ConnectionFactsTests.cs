using System.Buffers;
using MoneroNet.Epee;
using MoneroNet.Levin;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Stats;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;
using Microsoft.Extensions.Time.Testing;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// The per-connection facts of docs/OBSERVABILITY.md on loopback sessions: traffic by command whose byte sums equal
/// recv_count and send_count whenever nothing is partly received or sent (unknown commands, dummy packets and garbage
/// counted as "other"), the connection type each dial path gives, and the node-wide handshake results.
/// </summary>
public class ConnectionFactsTests
{
    private static ulong ReceivedSum(PeerSession s) => s.Traffic.TotalBytesReceived();
    private static ulong SentSum(PeerSession s) => s.Traffic.TotalBytesSent();

    private static async Task QuietAsync(PeerSession a, PeerSession b) =>
        await Poll.StableAsync(() => (a.Stats.RecvCount, a.Stats.SendCount, b.Stats.RecvCount, b.Stats.SendCount,
            ReceivedSum(a), SentSum(a), ReceivedSum(b), SentSum(b)), TimeSpan.FromMilliseconds(300));

    [Fact]
    public async Task Between_two_nodes_the_byte_sums_by_command_equal_recv_count_and_send_count()
    {
        await using var a = await TestNode.StartOnOwnHostAsync();
        await using var b = await TestNode.StartOnOwnHostAsync();
        var outgoing = (await a.Node.ConnectAsync(b.EndPoint))!;
        var incoming = await b.SessionOfAsync(outgoing.LocalEndPoint);
        await Poll.UntilAsync(() => outgoing.HandshakeComplete && incoming.HandshakeComplete, "handshake");
        a.Node.SendTimedSyncs();
        b.Node.SendTimedSyncs();
        await Poll.UntilAsync(() => outgoing.Traffic.MessagesReceived(CommandKind.TimedSync) == 2
            && incoming.Traffic.MessagesReceived(CommandKind.TimedSync) == 2, "a timed sync each way, answered");
        await QuietAsync(outgoing, incoming);

        foreach (var s in new[] { outgoing, incoming })
        {
            Assert.Equal(s.Stats.RecvCount, ReceivedSum(s));
            Assert.Equal(s.Stats.SendCount, SentSum(s));
            Assert.Equal(1UL, s.Traffic.MessagesReceived(CommandKind.Handshake));
            Assert.Equal(1UL, s.Traffic.MessagesSent(CommandKind.Handshake));
            Assert.Equal(2UL, s.Traffic.MessagesSent(CommandKind.TimedSync)); // our request and our answer
            Assert.Equal(0UL, s.Traffic.BytesReceived(CommandKind.Other));
        }
        // What one side sent of a command is what the other received of it, byte for byte.
        for (int i = 0; i < CommandKinds.Count; i++)
        {
            var kind = (CommandKind)i;
            Assert.Equal(outgoing.Traffic.BytesSent(kind), incoming.Traffic.BytesReceived(kind));
            Assert.Equal(incoming.Traffic.BytesSent(kind), outgoing.Traffic.BytesReceived(kind));
        }
        // The initiator timed its handshake and its timed sync; both sides count their RTTs node-wide.
        Assert.NotNull(outgoing.RoundTrips.MinMs);
        Assert.True(a.Node.Statistics.Rtt.SampleCount >= 2);
        Assert.Equal(1UL, a.Node.Statistics.Handshakes.CountOf(HandshakeResult.Ok));
        Assert.Equal(1UL, b.Node.Statistics.Handshakes.CountOf(HandshakeResult.Ok));
        Assert.Equal(outgoing.Traffic.BytesSent(CommandKind.Handshake), a.Node.Statistics.Traffic.BytesSent(CommandKind.Handshake));
    }

    private static byte[] Dummy(int bodyLength)
    {
        var frame = new byte[LevinHeader.Size + bodyLength];
        new LevinHeader((ulong)bodyLength, false, 0, 0, LevinFlags.Begin | LevinFlags.End).WriteTo(frame);
        return frame;
    }

    private static byte[] Notification(uint command)
    {
        var w = new ArrayBufferWriter<byte>();
        LevinWriter.WriteNotification(w, command, EpeeStorage.ToArray(new EpeeSection()));
        return w.WrittenSpan.ToArray();
    }

    [Fact]
    public async Task Unknown_commands_dummy_packets_and_garbage_before_a_close_count_as_other()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        await using var peer = await node.ConnectRawAsync();
        await peer.HandshakeAsync();
        var session = await node.SessionOfAsync(peer);

        var dummy = Dummy(40);
        var unknown = Notification(4242);
        await peer.SendRawAsync(dummy);
        await peer.SendRawAsync(unknown);
        await peer.PingAsync(); // a request after them: when its answer is back, they were parsed
        ulong other = (ulong)(dummy.Length + unknown.Length);
        await Poll.UntilAsync(() => session.Traffic.BytesReceived(CommandKind.Other) == other, "the dummy and unknown bytes as other");
        Assert.Equal(1UL, session.Traffic.MessagesReceived(CommandKind.Other)); // the unknown notification; a dummy is no message
        Assert.Equal(1UL, session.Traffic.MessagesReceived(CommandKind.Ping));
        await Poll.UntilAsync(() => session.Stats.SendCount == SentSum(session), "the ping answer counted as sent");
        Assert.Equal(session.Stats.RecvCount, ReceivedSum(session));

        // Garbage: no Levin signature. The node closes; every byte it read is still accounted for.
        byte[] garbage = [.. Enumerable.Range(0, 50).Select(i => (byte)(i * 7 + 3))];
        await peer.SendRawAsync(garbage);
        Assert.Equal(nameof(DisconnectReason.BadSignature), await node.CloseReasonOfAsync(peer.NameAtNode));
        await Poll.UntilAsync(() => session.Stats.RecvCount == ReceivedSum(session), "the garbage counted as other");
        Assert.Equal(other + (ulong)garbage.Length, session.Traffic.BytesReceived(CommandKind.Other));
    }

    [Fact]
    public async Task A_cut_off_packet_at_a_remote_close_counts_as_other()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        var peer = await node.ConnectRawAsync();
        await peer.HandshakeAsync();
        var session = await node.SessionOfAsync(peer);
        var ping = Notification(P2PCommands.Ping);
        await peer.SendRawAsync(ping.AsMemory(0, 20));
        await peer.DisposeAsync();
        await Poll.UntilAsync(() => session.IsClosed, "closed");
        await Poll.UntilAsync(() => session.Stats.RecvCount == ReceivedSum(session), "the cut-off bytes counted");
        Assert.Equal(20UL, session.Traffic.BytesReceived(CommandKind.Other));
        Assert.Equal(0UL, session.Traffic.MessagesReceived(CommandKind.Ping));
    }

    [Fact]
    public async Task Inbound_and_manual_connections_are_typed_so_and_handshake_results_are_counted()
    {
        await using var a = await TestNode.StartOnOwnHostAsync();
        await using var b = await TestNode.StartOnOwnHostAsync();
        var outgoing = (await a.Node.ConnectAsync(b.EndPoint))!;
        var incoming = await b.SessionOfAsync(outgoing.LocalEndPoint);
        Assert.Equal(PeerConnectionType.Manual, outgoing.ConnectionType);
        Assert.Equal(PeerConnectionType.Inbound, incoming.ConnectionType);
        Assert.Equal("manual", PeerConnectionTypes.NameOf(outgoing.ConnectionType));

        // The responder refuses a node of another network: wrong_network there, and the initiator only sees a close.
        await using var mainnet = await TestNode.StartAsync(NetworkType.Mainnet);
        var refused = (await mainnet.Node.ConnectAsync(b.EndPoint))!;
        await Poll.UntilAsync(() => b.Node.Statistics.Handshakes.CountOf(HandshakeResult.WrongNetwork) == 1, "wrong_network counted");
        await Poll.UntilAsync(() => refused.IsClosed, "the initiator's session closed");
        Assert.Equal(1UL, mainnet.Node.Statistics.Handshakes.CountOf(HandshakeResult.Failed));
        Assert.Equal(0UL, mainnet.Node.Statistics.Handshakes.CountOf(HandshakeResult.Ok));
    }

    [Fact]
    public async Task The_maintainer_types_exclusive_and_priority_dials()
    {
        await using var target = await TestNode.StartOnOwnHostAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var exclusive = await TestNode.StartOnFakeClockAsync(time, o => o with { ExclusiveNodes = [target.EndPoint] });
        await exclusive.TickAsync(time, TimeSpan.FromSeconds(1));
        var e = Assert.Single(exclusive.Node.Connections.All);
        Assert.Equal(PeerConnectionType.Exclusive, e.ConnectionType);

        await using var priority = await TestNode.StartOnFakeClockAsync(time, o => o with { PriorityNodes = [target.EndPoint] });
        await priority.TickAsync(time, TimeSpan.FromSeconds(1));
        var p = Assert.Single(priority.Node.Connections.All);
        Assert.Equal(PeerConnectionType.Priority, p.ConnectionType);
        Assert.Equal(ProxyCheckState.Pending, p.ProxyCheck.State);
    }

    [Fact]
    public async Task A_gray_list_probe_is_a_feeler_whose_proxy_check_does_not_apply()
    {
        // A listener that accepts and never answers: the probe's session stays open long enough to be looked at.
        using var silent = new System.Net.Sockets.TcpListener(Loopback.Next(), 0);
        silent.Start();
        await using var node = await TestNode.StartOnOwnHostAsync(o => o with { AllowLocalIp = true, OutPeers = 0 });
        var target = (System.Net.IPEndPoint)silent.LocalEndpoint;
        node.Node.PeerLists.MergeGray([new PeerLists.KnownPeer(NetworkAddress.FromEndPoint(target), 5, 0, 0, 0, 0)]);
        var probe = node.Node.Maintainer.GrayPeerListHousekeepingAsync();
        using var accepted = await silent.AcceptSocketAsync();
        PeerSession? session = null;
        await Poll.UntilAsync(() => (session = node.Node.Connections.All.FirstOrDefault(s => s.IsPeerListProbe)) is not null, "the probe's session");
        Assert.Equal(PeerConnectionType.Feeler, session!.ConnectionType);
        Assert.Equal(ProxyCheckState.NotApplicable, session.ProxyCheck.State);
        accepted.Close();
        await probe;
        Assert.Equal(1UL, node.Node.Statistics.Handshakes.CountOf(HandshakeResult.Failed));
    }

    [Fact]
    public void Every_Levin_command_of_0_18_has_its_own_kind_and_the_rest_are_other()
    {
        Assert.Equal(CommandKind.Handshake, CommandKinds.Of(1001));
        Assert.Equal(CommandKind.SupportFlags, CommandKinds.Of(1007));
        Assert.Equal(CommandKind.GetTxpoolComplement, CommandKinds.Of(2010));
        Assert.Equal(CommandKind.Other, CommandKinds.Of(2005)); // unused id
        Assert.Equal(CommandKind.Other, CommandKinds.Of(1004));
        uint[] ids = [1001, 1002, 1003, 1007, 2001, 2002, 2003, 2004, 2006, 2007, 2008, 2009, 2010];
        var kinds = ids.Select(CommandKinds.Of);
        Assert.Equal(CommandKinds.Count - 1, kinds.Distinct().Count());
    }

    [Fact]
    public void The_suspected_proxy_table_is_bounded_in_ids_and_addresses()
    {
        var table = new SuspectedProxies();
        for (int i = 0; i < SuspectedProxies.MaxInnerIds + 10; i++) table.Record((ulong)i + 1, "1.2.3.4:18080", 99, nowUnixSeconds: i);
        Assert.Equal(SuspectedProxies.MaxInnerIds, table.Count);
        Assert.DoesNotContain(table.Snapshot(), p => p.InnerPeerId <= 10); // the least recently seen went first
        for (int i = 0; i < SuspectedProxies.MaxAddressesPerId + 5; i++) table.Record(500, $"10.0.0.{i}:18080", (ulong)i, 1000);
        var entry = table.Snapshot()[0];
        Assert.Equal(500UL, entry.InnerPeerId);
        Assert.Equal(SuspectedProxies.MaxAddressesPerId, entry.Addresses.Count);
        Assert.Equal($"10.0.0.{SuspectedProxies.MaxAddressesPerId + 4}:18080", entry.Addresses[0]); // most recent first
    }
}
