using MoneroNet.P2P.AddressBook;
using MoneroNet.P2P.Maintenance;
using System.Net;
using System.Net.Sockets;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.PeerLists;

namespace MoneroNet.P2P;

/// <summary>
/// The maintainer: once a second (monerod's idle loop) it checks every connection's timers, sends the timed syncs
/// that are due (monerod's one-minute round, spread over the minute: see <see cref="TimedSyncSchedule"/>), saves the peer lists every 30 minutes, and keeps the outgoing connections at out-peers the way
/// monerod's connections_maker does.
/// </summary>
public sealed partial class P2PNode
{
    /// <summary>monerod's P2P_DEFAULT_ANCHOR_CONNECTIONS_COUNT.</summary>
    private const int AnchorConnections = 2;
    /// <summary>monerod's P2P_DEFAULT_WHITELIST_CONNECTIONS_PERCENT.</summary>
    private const int WhiteConnectionsPercent = 70;

    private readonly DialBackoff _backoff;
    private long _lastRedial;
    private long _lastSave;
    private long _lastMinuteChores;
    private long _lastIncomingCheck;
    private bool _anchorsTried;

    private async Task MaintainLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.Timings.MaintenanceInterval, _time);
        long start = _time.GetTimestamp();
        _timedSyncs = new TimedSyncSchedule(_options.Timings.TimedSyncInterval, _options.Timings.MaintenanceInterval, start,
            _time.TimestampFrequency);
        _lastSave = start;
        _lastMinuteChores = start;
        _lastIncomingCheck = start;
        _lastRedial = start - (long)(_options.Timings.RedialInterval.TotalSeconds * _time.TimestampFrequency);
        MaintainOnce();
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
                MaintainOnce();
        }
        catch (OperationCanceledException) { }
    }

    private void MaintainOnce()
    {
        long now = _time.GetTimestamp();
        var dueTimedSyncs = _timedSyncs!.TakeDue(now);
        foreach (var session in Connections.All)
        {
            // One misbehaving session must never stop the maintainer for every other peer.
            try
            {
                session.CheckTimers(now);
                // Send skips a connection before its handshake or with a timed sync still in flight.
                if (dueTimedSyncs.Includes(_timedSyncs.SlotOf(session.ConnectionId))) _protocol.TimedSync.Send(session);
            }
            catch (Exception ex) { P2PLog.MaintenanceFailed(_log, session.Address.ToString(), ex); }
        }

        if (Elapsed(_lastSave, now) >= _options.Timings.PeerListSaveInterval)
        {
            _lastSave = now;
            _ = SavePeerListsAsync();
        }

        if (Elapsed(_lastMinuteChores, now) >= _options.Timings.HousekeepingInterval)
        {
            _lastMinuteChores = now;
            try { Bans.PurgeExpired(); }
            catch (Exception ex) { P2PLog.MaintenanceFailed(_log, "ban sweep", ex); }
            _ = RunChoreAsync(GrayPeerListHousekeepingAsync, "gray peer list housekeeping");
        }

        if (Elapsed(_lastIncomingCheck, now) >= _options.Timings.IncomingConnectionsCheckInterval)
        {
            _lastIncomingCheck = now;
            try { CheckIncomingConnections(); }
            catch (Exception ex) { P2PLog.MaintenanceFailed(_log, "incoming connections check", ex); }
        }

        if (Elapsed(_lastRedial, now) >= _options.Timings.RedialInterval)
        {
            _lastRedial = now;
            try { MakeConnections(); }
            catch (Exception ex) { P2PLog.MaintenanceFailed(_log, "connections maker", ex); }
        }
    }

    /// <summary>
    /// monerod's connections_maker. Exclusive nodes, when given, are the only peers. Otherwise priority nodes and
    /// --add-peer nodes are kept connected, and free out-peer slots are filled from, in order: the anchors (once
    /// after start, up to 2 connections), white peers while fewer than 70 % of out-peers are connected, gray peers
    /// (after that gray is preferred to white, as monerod mixes), and the seed nodes when no white peer is known.
    /// Exclusive and priority nodes are retried every second regardless of failures, as monerod does; list
    /// peers and seeds go through <see cref="DialBackoff"/>.
    /// </summary>
    private void MakeConnections()
    {
        if (_stopping.IsCancellationRequested) return;
        if (_options.ExclusiveNodes.Count > 0)
        {
            foreach (var target in _options.ExclusiveNodes) DialIfIdle(target);
            return;
        }
        foreach (var target in _options.PriorityNodes.Concat(_options.AddPeers)) DialIfIdle(target);

        int free;
        lock (_dialLock) free = (int)Math.Clamp(OutPeers - Connections.CountOutgoingPeers() - _dialing.Count, 0, 1024);
        if (free == 0) return;
        foreach (var target in PickOutgoingCandidates(free)) _ = ConnectAsync(target);
    }

    private void DialIfIdle(IPEndPoint target)
    {
        if (!Connections.IsConnectedTo(target)) _ = ConnectAsync(target);
    }

    /// <summary>The addresses the maintainer would dial now for <paramref name="free"/> slots (no dialling here).</summary>
    internal List<IPEndPoint> PickOutgoingCandidates(int free)
    {
        var usedEndPoints = new HashSet<IPEndPoint>();
        var usedIds = new HashSet<ulong>();
        foreach (var s in Connections.All)
        {
            if (s.IsClosed) continue;
            if (!s.Incoming) usedEndPoints.Add(s.RemoteEndPoint);
            if (s.PeerId != 0) usedIds.Add(s.PeerId);
        }
        lock (_dialLock) usedEndPoints.UnionWith(_dialing);
        usedEndPoints.UnionWith(_listenEndPoints);

        var picked = new List<IPEndPoint>(free);
        void Consider(IEnumerable<KnownPeer> entries, int upTo)
        {
            foreach (var e in entries)
            {
                if (picked.Count >= upTo) return;
                if (e.Address.ToIPEndPoint() is not { } ep || usedEndPoints.Contains(ep) || usedIds.Contains(e.PeerId)) continue;
                if (!CanDial(ep)) continue;
                usedEndPoints.Add(ep);
                if (e.PeerId != 0) usedIds.Add(e.PeerId);
                picked.Add(ep);
            }
        }

        int outgoing = Connections.CountOutgoingPeers();
        if (!_anchorsTried)
        {
            // Anchors are tried once after start; the peers that handshake become anchors again.
            _anchorsTried = true;
            Consider(PeerLists.TakeAnchors(), Math.Min(free, Math.Max(0, AnchorConnections - outgoing)));
        }

        var white = PeerLists.White.ToArray();
        var gray = PeerLists.Gray.ToArray();
        Random.Shared.Shuffle(white);
        Random.Shared.Shuffle(gray);
        long expectedWhite = OutPeers * WhiteConnectionsPercent / 100;
        if (outgoing + picked.Count < expectedWhite)
        {
            Consider(white, (int)Math.Min(free, Math.Max(picked.Count, expectedWhite - outgoing)));
            Consider(gray, free);
            Consider(white, free);
        }
        else
        {
            Consider(gray, free);
            Consider(white, free);
        }

        if (white.Length == 0 && _options.UseSeedNodes)
            Consider(SeedNodes.For(_options.Network).Select(ep => new KnownPeer(Wire.NetworkAddress.FromEndPoint(ep), 0, 0, 0, 0, 0)), free);
        return picked;
    }

    /// <summary>Whether the maintainer may dial a list or seed address now.</summary>
    private bool CanDial(IPEndPoint ep)
    {
        // Like monerod without --p2p-use-ipv6: no IPv6 dials unless we listen on IPv6.
        if (ep.AddressFamily == AddressFamily.InterNetworkV6 && _options.BindAddressV6 is null) return false;
        if (Bans.IsBanned(ep.Address, out _)) return false;
        return !_backoff.IsBackingOff(ep);
    }

    /// <summary>Runs a chore off the maintainer's tick; its failure is logged, never left unobserved.</summary>
    private async Task RunChoreAsync(Func<Task> chore, string name)
    {
        try { await chore().ConfigureAwait(false); }
        catch (Exception ex) { P2PLog.MaintenanceFailed(_log, name, ex); }
    }

    private TimeSpan Elapsed(long since, long now) => TimeSpan.FromSeconds((now - since) / (double)_time.TimestampFrequency);

    /// <summary>Failures recorded for an address (dial or handshake) since its last success; for tests and diagnostics.</summary>
    internal int DialFailuresOf(IPEndPoint endPoint) => _backoff.FailuresOf(endPoint);
}
