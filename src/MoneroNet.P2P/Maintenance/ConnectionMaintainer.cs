using System.Net;
using Microsoft.Extensions.Logging;
using MoneroNet.P2P.AddressBook;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Dialing;
using MoneroNet.P2P.Protocol;

namespace MoneroNet.P2P.Maintenance;

/// <summary>
/// The maintainer (Kestrel's heartbeat, Cuprate's connection maintainer, monerod's idle loop): one tick every
/// maintenance interval (1 s) on the node's <see cref="TimeProvider"/>. Each tick checks every connection's request
/// timeouts and idle timer, sends the timed syncs that are due (monerod's one-minute round spread over the minute:
/// <see cref="TimedSyncSchedule"/>), saves the peer lists every 30 minutes, sweeps expired bans and runs the
/// gray-list housekeeping every minute, checks for incoming connections every hour, and keeps the outgoing
/// connections at out-peers the way monerod's connections_maker does. Owns: the tick, the timed-sync schedule, the
/// chores' last-run times, the candidate choice. Ticks never overlap: the loop runs them one after another, and a
/// test that drives them (<see cref="TickAsync"/>) runs without the loop.
/// </summary>
internal sealed class ConnectionMaintainer
{
    private readonly P2POptions _options;
    private readonly P2PTimings _timings;
    private readonly ConnectionRegistry _connections;
    private readonly SessionSnapshot _sessions = new();
    private readonly OutboundConnector _connector;
    private readonly LargeMessageMemory _largeMessages;
    private readonly PeerAddressBook _addressBook;
    private readonly PeerProtocol _protocol;
    private readonly BackgroundWork _work;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Func<long> _inPeers;
    private readonly Func<IReadOnlyList<IPEndPoint>> _listenEndPoints;
    private readonly GrayListHousekeeping _housekeeping;
    private CancellationToken _stopping;
    private TimedSyncSchedule? _timedSyncs;
    private long _lastRedial;
    private long _lastSave;
    private long _lastMinuteChores;
    private long _lastIncomingCheck;

    /// <summary>The anonymity zones' dials (null when no --tx-proxy is given).</summary>
    internal Zones.ZoneConnectionsMaker? ZoneConnections { get; init; }
    internal AnonymousConnector? AnonymousConnector { get; init; }
    /// <summary>The --tx-proxy zones' noise channels (null or disabled without noise).</summary>
    internal Zones.NoiseChannels? Noise { get; init; }

    public ConnectionMaintainer(P2POptions options, ConnectionRegistry connections, OutboundConnector connector,
        PeerAddressBook addressBook, PeerProtocol protocol, BackgroundWork work, TimeProvider time, P2PLoggers log,
        Func<long> inPeers, Func<IReadOnlyList<IPEndPoint>> listenEndPoints, LargeMessageMemory largeMessages)
    {
        _largeMessages = largeMessages;
        _options = options;
        _timings = options.Timings;
        _connections = connections;
        _connector = connector;
        _addressBook = addressBook;
        _protocol = protocol;
        _work = work;
        _time = time;
        _log = log.Node;
        _inPeers = inPeers;
        _listenEndPoints = listenEndPoints;
        _housekeeping = new GrayListHousekeeping(options, addressBook, connector, log.PeerList);
        Candidates = new OutboundCandidates(options, addressBook, connections, () => connector.OutPeers,
            () => connector.InFlight().Concat(listenEndPoints()));
    }

    /// <summary>The candidate choice of the connections maker (tests read it without dialling).</summary>
    public OutboundCandidates Candidates { get; }

    /// <summary>Starts the schedule now and, unless the ticks are driven from outside, the tick loop.</summary>
    public void Start(CancellationToken stopping)
    {
        _stopping = stopping;
        long start = _time.GetTimestamp();
        _timedSyncs = new TimedSyncSchedule(_timings.TimedSyncInterval, _timings.MaintenanceInterval, start, _time.TimestampFrequency);
        _lastSave = start;
        _lastMinuteChores = start;
        _lastIncomingCheck = start;
        _lastRedial = start - (long)(_timings.RedialInterval.TotalSeconds * _time.TimestampFrequency);
        if (!_options.ExternalMaintenanceTicks) _work.Run(RunLoopAsync, "maintainer");
    }

    private async Task RunLoopAsync()
    {
        using var timer = new PeriodicTimer(_timings.MaintenanceInterval, _time);
        Tick();
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping).ConfigureAwait(false))
                Tick();
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>One tick, driven by a test; returns when the work the tick started (dials, probes, saves) is over.</summary>
    public Task TickAsync() => Task.WhenAll(Tick());

    /// <summary>One tick; the work it started is tracked background work, listed in the result.</summary>
    private List<Task> Tick()
    {
        var started = new List<Task>();
        long now = _time.GetTimestamp();
        var dueTimedSyncs = _timedSyncs!.TakeDue(now);
        foreach (var session in _sessions.Refresh(_connections))
        {
            // One misbehaving session must never stop the maintainer for every other peer.
            try
            {
                session.CheckTimers(now);
                // Send skips a connection before its handshake or with a timed sync still in flight.
                if (dueTimedSyncs.Includes(_timedSyncs.SlotOf(session.ConnectionId))) _protocol.TimedSync.Send(session);
                // The proxy fingerprint's pings, spaced over the connection's first minute.
                _protocol.ProxyCheck.SendIfDue(session, now);
            }
            catch (Exception ex) { P2PLog.MaintenanceFailed(_log, session.Address, ex); }
        }

        // Noise on the anonymity zones' outgoing connections (monerod's levin notify; never on the public zone).
        if (Noise is { Enabled: true } noise)
        {
            try { noise.Tick(now, _connections.All); }
            catch (Exception ex) { P2PLog.MaintenanceFailed(_log, "noise", ex); }
        }

        // After a flood of large messages, hand their memory back (one compacting collection, rate-limited).
        _largeMessages.CollectIfDue();

        if (Elapsed(_lastSave, now) >= _timings.PeerListSaveInterval)
        {
            _lastSave = now;
            started.Add(_work.Run(_addressBook.SavePeerListsAsync, "peer list save"));
        }

        if (Elapsed(_lastMinuteChores, now) >= _timings.HousekeepingInterval)
        {
            _lastMinuteChores = now;
            try { _addressBook.Bans.PurgeExpired(); }
            catch (Exception ex) { P2PLog.MaintenanceFailed(_log, "ban sweep", ex); }
            started.Add(_work.Run(() => _housekeeping.RunOnceAsync(_stopping), "gray peer list housekeeping"));
        }

        if (Elapsed(_lastIncomingCheck, now) >= _timings.IncomingConnectionsCheckInterval)
        {
            _lastIncomingCheck = now;
            try { CheckIncomingConnections(); }
            catch (Exception ex) { P2PLog.MaintenanceFailed(_log, "incoming connections check", ex); }
        }

        if (Elapsed(_lastRedial, now) >= _timings.RedialInterval)
        {
            _lastRedial = now;
            try { MakeConnections(started); }
            catch (Exception ex) { P2PLog.MaintenanceFailed(_log, "connections maker", ex); }
        }
        return started;
    }

    /// <summary>
    /// monerod's connections_maker. Exclusive nodes, when given, are the only peers. Otherwise priority nodes and
    /// --add-peer nodes are kept connected, and free out-peer slots are filled from <see cref="Candidates"/>.
    /// Exclusive and priority nodes are retried every second regardless of failures, as monerod does; list peers and
    /// seeds go through the address book's backoff.
    /// </summary>
    private void MakeConnections(List<Task> started)
    {
        if (_stopping.IsCancellationRequested || _options.Offline) return;
        if (ZoneConnections is { } zones && AnonymousConnector is { } anonymous)
        {
            foreach (var (target, type) in zones.Pick())
                started.Add(_work.Run(() => anonymous.ConnectAsync(target, type), "anonymity zone dial"));
        }
        // As monerod: an exclusive node of any zone means no zone dials anything else.
        if (_options.AnonymousExclusiveNodes.Count > 0 && _options.ExclusiveNodes.Count == 0) return;
        if (_options.ExclusiveNodes.Count > 0)
        {
            foreach (var target in _options.ExclusiveNodes) DialIfIdle(target, PeerConnectionType.Exclusive, started);
            return;
        }
        foreach (var target in _options.PriorityNodes) DialIfIdle(target, PeerConnectionType.Priority, started);
        foreach (var target in _options.AddPeers) DialIfIdle(target, PeerConnectionType.Manual, started);

        int free = _connector.FreeSlots();
        if (free == 0) return;
        foreach (var (target, type) in Candidates.PickWithTypes(free)) started.Add(Dial(target, type));
    }

    private void DialIfIdle(IPEndPoint target, PeerConnectionType type, List<Task> started)
    {
        if (!_connections.IsConnectedTo(target)) started.Add(Dial(target, type));
    }

    private Task Dial(IPEndPoint target, PeerConnectionType type) => _work.Run(() => _connector.ConnectAsync(target, type), "dial");

    /// <summary>One gray-list probe now (tests await it).</summary>
    public Task GrayPeerListHousekeepingAsync() => _housekeeping.RunOnceAsync(_stopping);

    /// <summary>
    /// monerod's check_incoming_connections, run every hour: with no incoming connection at that moment, a warning
    /// to check the firewall for the listening port — or, when incoming connections are disabled (--hide-my-port or
    /// in-peers 0), an informational line saying so.
    /// </summary>
    public void CheckIncomingConnections()
    {
        if (_options.Offline || _connections.CountIncoming() > 0) return;
        if (_options.HideMyPort || _inPeers() == 0)
        {
            P2PLog.IncomingConnectionsDisabled(_log);
        }
        else
        {
            var endPoints = _listenEndPoints();
            P2PLog.NoIncomingConnections(_log, endPoints.Count > 0 ? endPoints[0].Port : _options.Port);
        }
    }

    private TimeSpan Elapsed(long since, long now) => TimeSpan.FromSeconds((now - since) / (double)_time.TimestampFrequency);
}
