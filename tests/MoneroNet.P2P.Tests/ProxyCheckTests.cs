using MoneroNet.Levin;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Stats;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;
using Microsoft.Extensions.Time.Testing;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// The proxy fingerprint (docs/PROTOCOL.md §3.8): three pings after the handshake on the
/// maintainer's tick, each answer's peer id against the handshake's; and the round-trip times the pings measure.
/// The node runs on a fake clock, so the schedule and the RTTs are exact.
/// </summary>
public class ProxyCheckTests
{
    private static readonly TimeSpan[] Delays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(45)];

    // ---- the state machine alone -----------------------------------------------------------------------------

    [Fact]
    public void Pings_fall_due_one_at_a_time_at_their_delays_after_the_handshake()
    {
        var check = new ProxyCheck();
        const long f = 1000; // timestamp ticks a second
        Assert.False(check.TakeDuePing(10_000, Delays, f)); // no handshake yet
        check.Start(1000, outerPeerId: 7);
        Assert.False(check.TakeDuePing(1000 + 4_999, Delays, f));
        Assert.True(check.TakeDuePing(1000 + 5_000, Delays, f));
        Assert.False(check.TakeDuePing(1000 + 5_000, Delays, f)); // the same tick never sends two
        // A late tick (all three overdue) still sends one a tick.
        Assert.True(check.TakeDuePing(1000 + 90_000, Delays, f));
        Assert.True(check.TakeDuePing(1000 + 90_000, Delays, f));
        Assert.False(check.TakeDuePing(1000 + 90_000, Delays, f));
        Assert.Equal(3, check.PingsSent);
        Assert.Equal(ProxyCheckState.Pending, check.State);
    }

    [Fact]
    public void Three_answers_with_the_handshake_id_are_consistent()
    {
        var check = new ProxyCheck();
        check.Start(1, outerPeerId: 7);
        Assert.False(check.OnAnswer(7, 3));
        Assert.False(check.OnAnswer(7, 3));
        Assert.Equal(ProxyCheckState.Pending, check.State);
        Assert.False(check.OnAnswer(7, 3));
        Assert.Equal(ProxyCheckState.Consistent, check.State);
        Assert.Empty(check.InnerPeerIds);
    }

    [Fact]
    public void Another_id_is_a_mismatch_at_once_and_each_distinct_inner_id_is_reported_once()
    {
        var check = new ProxyCheck();
        check.Start(1, outerPeerId: 7);
        Assert.True(check.OnAnswer(9, 3));
        Assert.Equal(ProxyCheckState.Mismatch, check.State);
        Assert.False(check.OnAnswer(9, 3)); // seen already
        Assert.True(check.OnAnswer(11, 3));
        Assert.Equal(ProxyCheckState.Mismatch, check.State);
        Assert.Equal([9UL, 11UL], check.InnerPeerIds);
    }

    [Fact]
    public void A_refused_ping_leaves_the_check_unanswered_but_never_hides_a_mismatch()
    {
        var refused = new ProxyCheck();
        refused.Start(1, 7);
        refused.OnRefused();
        Assert.Equal(ProxyCheckState.Unanswered, refused.State);

        var mismatch = new ProxyCheck();
        mismatch.Start(1, 7);
        mismatch.OnAnswer(8, 3);
        mismatch.OnRefused();
        Assert.Equal(ProxyCheckState.Mismatch, mismatch.State);
    }

    [Fact]
    public void A_check_marked_not_applicable_never_pings()
    {
        var check = new ProxyCheck();
        check.MarkNotApplicable();
        check.Start(1, 7);
        Assert.False(check.TakeDuePing(long.MaxValue / 2, Delays, 1));
        Assert.Equal(ProxyCheckState.NotApplicable, check.State);
    }

    // ---- on a node -------------------------------------------------------------------------------------------

    private static P2POptions Quiet(P2POptions o) => o with
    {
        // No timed sync in the way of the pings: with a 1000-day round, a connection's turn in the test's minute is a
        // one-in-a-million chance (and the raw peer would answer it, at the same fake instant).
        Timings = o.Timings with { TimedSyncInterval = TimeSpan.FromDays(1000), ProxyCheckPingDelays = Delays },
        OutPeers = 0,
    };

    /// <summary>Ticks the fake clock one second at a time until the raw peer has a ping request from the node.</summary>
    private static async Task<Frame> NextPingAsync(TestNode node, FakeTimeProvider time, RawPeer peer)
    {
        for (int i = 0; i < 60; i++)
        {
            await node.TickAsync(time, TimeSpan.FromSeconds(1));
            try
            {
                return await peer.NextMatchingAsync(
                    f => f.Kind == LevinMessageKind.Request && f.Command == P2PCommands.Ping, TimeSpan.FromMilliseconds(200));
            }
            catch (Xunit.Sdk.XunitException) { }
        }
        throw new Xunit.Sdk.XunitException("no ping from the node within 60 fake seconds");
    }

    [Fact]
    public async Task Three_pings_answered_with_the_handshake_id_make_the_check_consistent_and_time_each_round_trip()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await TestNode.StartOnFakeClockAsync(time, Quiet);
        await using var peer = await node.ConnectRawAsync();
        peer.AnswerTimedSyncs = true;
        peer.AnswerPings = false; // this test answers them itself
        await peer.HandshakeAsync();
        var session = await node.SessionOfAsync(peer);
        long handshakeAt = time.GetTimestamp();
        Assert.Equal(ProxyCheckState.Pending, session.ProxyCheck.State);
        Assert.Null(session.RoundTrips.LastMs); // we sent no request yet: nothing measured
        Assert.Equal(0, session.PingWaitMs);

        double[] waits = [7, 3, 12.5];
        for (int i = 0; i < 3; i++)
        {
            await NextPingAsync(node, time, peer);
            // The first ping goes out at its delay, on the tick that passes it.
            if (i == 0) Assert.Equal(5.0, (time.GetTimestamp() - handshakeAt) / (double)time.TimestampFrequency);
            time.Advance(TimeSpan.FromMilliseconds(waits[i]));
            Assert.Equal(waits[i], session.PingWaitMs, 6);
            await peer.SendResponseAsync(P2PCommands.Ping, LevinReturnCodes.Success,
                new PingResponse { Status = NetworkConstants.PingOkStatus, PeerId = peer.PeerId }.ToSection());
            await Poll.UntilAsync(() => session.RoundTrips.LastMs == waits[i], $"the RTT of ping {i + 1}");
            Assert.Equal(0, session.PingWaitMs);
        }

        Assert.Equal(ProxyCheckState.Consistent, session.ProxyCheck.State);
        Assert.Equal(3.0, session.RoundTrips.MinMs);
        Assert.Equal(12.5, session.RoundTrips.LastMs);
        Assert.Equal(3UL, session.Traffic.MessagesSent(CommandKind.Ping));
        Assert.Equal(3UL, session.Traffic.MessagesReceived(CommandKind.Ping));
        Assert.Equal(3UL, node.Node.Statistics.Rtt.SampleCount);
        Assert.Equal(22.5, node.Node.Statistics.Rtt.SumMs, 6);
        // No fourth ping, however long the connection lasts.
        for (int i = 0; i < 5; i++) await node.TickAsync(time, TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() =>
            peer.NextMatchingAsync(f => f.Command == P2PCommands.Ping, TimeSpan.FromMilliseconds(300)));
        Assert.False(session.IsClosed);
    }

    [Fact]
    public async Task A_peer_answering_pings_with_another_id_is_a_mismatch_with_its_inner_id_reported_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await TestNode.StartOnFakeClockAsync(time, Quiet);
        var raised = new List<(PeerSession Session, ulong Inner)>();
        node.Node.ProxySuspected += (s, inner) => { lock (raised) raised.Add((s, inner)); };
        await using var proxy = await node.ConnectRawAsync();
        proxy.AnswerTimedSyncs = true;
        proxy.AnswerPings = false;
        await proxy.HandshakeAsync();
        var session = await node.SessionOfAsync(proxy);
        const ulong inner = 0x1122334455667788;

        for (int i = 0; i < 3; i++)
        {
            await NextPingAsync(node, time, proxy);
            await proxy.SendResponseAsync(P2PCommands.Ping, LevinReturnCodes.Success,
                new PingResponse { Status = NetworkConstants.PingOkStatus, PeerId = inner }.ToSection());
        }
        await Poll.UntilAsync(() => session.Traffic.MessagesReceived(CommandKind.Ping) == 3, "three ping answers");

        Assert.Equal(ProxyCheckState.Mismatch, session.ProxyCheck.State);
        Assert.Equal([inner], session.ProxyCheck.InnerPeerIds);
        lock (raised) Assert.Equal([(session, inner)], raised);
        var suspect = Assert.Single(node.Node.Statistics.SuspectedProxies.Snapshot());
        Assert.Equal(inner, suspect.InnerPeerId);
        Assert.Equal([session.Address.ToString()], suspect.Addresses);
        Assert.Equal([proxy.PeerId], suspect.OuterPeerIds);
        var line = Assert.Single(node.Log.Entries, e => e.EventId == 2100);
        Assert.Contains(inner.ToString("x16"), line.Message, StringComparison.Ordinal);
        // A mismatch costs the peer nothing: the connection stays.
        Assert.False(session.IsClosed);
    }

    [Fact]
    public async Task A_refused_ping_is_unanswered_and_a_peer_without_support_flags_is_asked_for_them()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await TestNode.StartOnFakeClockAsync(time, Quiet);
        await using var peer = await node.ConnectRawAsync();
        peer.AnswerTimedSyncs = true;
        peer.AnswerPings = false; // this test answers them itself
        peer.AnswerSupportFlags = true;
        await peer.HandshakeAsync(supportFlags: 0);
        var session = await node.SessionOfAsync(peer);
        Assert.True(session.SupportFlagsRequested);
        await Poll.UntilAsync(() => session.Traffic.MessagesReceived(CommandKind.SupportFlags) == 1, "the support flags answer");
        Assert.NotNull(session.RoundTrips.LastMs); // the 1007 request's round trip

        await NextPingAsync(node, time, peer);
        await peer.SendResponseAsync(P2PCommands.Ping, LevinReturnCodes.ErrorHandlerNotDefined, new Epee.EpeeSection());
        await Poll.UntilAsync(() => session.ProxyCheck.State == ProxyCheckState.Unanswered, "the check unanswered");
        Assert.Empty(session.ProxyCheck.InnerPeerIds);
    }

    [Fact]
    public async Task A_peer_that_advertises_flags_is_not_asked_for_them()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await TestNode.StartOnFakeClockAsync(time, Quiet);
        await using var peer = await node.ConnectRawAsync();
        await peer.HandshakeAsync();
        var session = await node.SessionOfAsync(peer);
        Assert.False(session.SupportFlagsRequested);
        Assert.Equal(0UL, session.Traffic.MessagesSent(CommandKind.SupportFlags));
    }
}
