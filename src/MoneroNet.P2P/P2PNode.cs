using System.Net;
using Microsoft.Extensions.Logging;
using MoneroNet.P2P.AddressBook;
using MoneroNet.P2P.Bans;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Dialing;
using MoneroNet.P2P.Listening;
using MoneroNet.P2P.Maintenance;
using MoneroNet.P2P.PeerLists;
using MoneroNet.P2P.Protocol;
using MoneroNet.P2P.Stats;
using MoneroNet.P2P.Zones;
using MoneroNet.P2P.Transport;
using MoneroNet.Wire;

namespace MoneroNet.P2P;

/// <summary>
/// The P2P node, a facade over its parts (docs/ARCHITECTURE.md, "The P2P core"): the <see cref="ConnectionListener"/>
/// accepts and admits, the <see cref="OutboundConnector"/> dials, the <see cref="ConnectionManager"/> runs one
/// <see cref="PeerSession"/> per connection, the <see cref="ConnectionMaintainer"/> ticks, and the
/// <see cref="PeerAddressBook"/> knows addresses, bans and peer ids. This class wires them, starts and stops them,
/// and reacts to the few events that cross parts (a handshake, a height, a ban, a session's end). Nothing here
/// knows about HTTP; the host reads <see cref="Connections"/> and friends for the RPC.
/// </summary>
public sealed class P2PNode : IAsyncDisposable, IPeerObserver
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(5);

    private readonly P2POptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly BackgroundWork _work;
    private readonly PeerAddressBook _addressBook;
    private readonly PeerProtocol _protocol;
    private readonly ConnectionManager _connections;
    private readonly ConnectionListener _listener;
    private readonly OutboundConnector _connector;
    private readonly AnonymityZones _zones;
    private readonly AnonymousConnector _anonymousConnector;
    private readonly ZoneConnectionsMaker _zoneConnections;
    // One listener for each --anonymous-inbound, beside the public one.
    private readonly List<ConnectionListener> _anonymousListeners = [];
    // Only a node that started (and so loaded the saved lists) saves them: a failed start must not overwrite them.
    private bool _started;

    /// <summary>A node with <paramref name="options"/>, logging to <paramref name="loggerFactory"/>; <paramref name="time"/> is its clock (a fake one in tests) and <paramref name="peerId"/> fixes its peer id (random otherwise). Nothing runs before <see cref="StartAsync"/>.</summary>
    public P2PNode(P2POptions options, ILoggerFactory loggerFactory, TimeProvider? time = null, ulong? peerId = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        var log = new P2PLoggers(loggerFactory);
        _log = log.Node;
        Local = new LocalIdentity(options.Network, peerId);
        _work = new BackgroundWork(_log);
        _zones = new AnonymityZones(options, _time);
        _addressBook = new PeerAddressBook(options, _time, log, _zones);
        _protocol = new PeerProtocol(new ProtocolContext(Local, options.Timings, _time, log, _addressBook, this));
        RateLimits = new P2PRateLimits(options.LimitRateUpKBps, options.LimitRateDownKBps, _time);
        _connections = new ConnectionManager(_protocol, options.Timings, _time, log, _work, OnSessionEnded,
            _addressBook.IsBanned, _stopping.Token)
        {
            RateLimits = RateLimits,
            SessionStarted = session => Raise(PeerOpened, session),
            SessionClosed = session => Raise(PeerClosed, session),
        };
        _listener = new ConnectionListener(options, _connections, _addressBook, _time, log);
        _connector = new OutboundConnector(options, _connections, _addressBook, _protocol, _time, log, _stopping.Token);
        _anonymousConnector = new AnonymousConnector(_zones, _connections, _protocol, options.Timings, _time, log, _stopping.Token);
        _zoneConnections = new ZoneConnectionsMaker(options, _zones, _anonymousConnector, _connections.Registry);
        foreach (var zone in _zones.All)
            if (zone.Inbound is { } inbound) _anonymousListeners.Add(new ConnectionListener(options, _connections, _addressBook, _time, log, inbound));
        Maintainer = new ConnectionMaintainer(options, _connections.Registry, _connector, _addressBook, _protocol, _work,
            _time, log, () => InPeers, () => _listener.EndPoints, _connections.LargeMessages)
        {
            ZoneConnections = _zoneConnections,
            AnonymousConnector = _anonymousConnector,
            Noise = new NoiseChannels(_zones, _time),
        };
        Bans.Banned += OnBanned;
        Bans.Unbanned += host => Raise(BanRemoved, host);
    }

    /// <summary>Who we are on the network (peer id, network, advertised port, the chain we claim).</summary>
    public LocalIdentity Local { get; }
    /// <summary>Every open connection, both directions (get_connections).</summary>
    public ConnectionRegistry Connections => _connections.Registry;
    /// <summary>The last <see cref="ClosedConnectionLog.Capacity"/> closed connections and the closes by reason.</summary>
    public ClosedConnectionLog ClosedConnections => _connections.ClosedLog;
    /// <summary>The public zone's white, gray and anchor lists.</summary>
    public PeerListStore PeerLists => _addressBook.PeerLists;
    /// <summary>An anonymity zone's own white, gray and anchor lists; null when the zone is not configured.</summary>
    public PeerListStore? ZonePeerLists(NetworkZone zone) => _zones.Get(zone)?.PeerLists;
    /// <summary>The anonymity zones configured by --tx-proxy and --anonymous-inbound.</summary>
    public IReadOnlyList<NetworkZone> AnonymityZones => [.. _zones.All.Select(z => z.Zone)];
    /// <summary>An anonymity zone's outgoing limit (--tx-proxy's max connections; 0 when not dialled).</summary>
    public long ZoneOutPeers(NetworkZone zone) => _zones.Get(zone)?.OutPeers ?? 0;
    /// <summary>An anonymity zone's incoming limit (--anonymous-inbound's max connections; 0 when not accepted).</summary>
    public long ZoneInPeers(NetworkZone zone) =>
        _anonymousListeners.FirstOrDefault(l => l.Zone == zone)?.Admission.Limit ?? 0;
    /// <summary>The --anonymous-inbound settings: our hidden-service address in each zone and where its listener binds.</summary>
    public IReadOnlyList<AnonymousInbound> AnonymousInbounds => _options.AnonymousInbounds;
    /// <summary>The --anonymous-inbound listeners' bound endpoints with their zone (after <see cref="StartAsync"/>).</summary>
    public IReadOnlyList<(NetworkZone Zone, IPEndPoint EndPoint)> AnonymousListenEndPoints =>
        [.. _anonymousListeners.SelectMany(l => l.EndPoints.Select(e => (l.Zone, e)))];
    /// <summary>Banned hosts and subnets (RPC set_bans/get_bans, fail-score bans, --ban-list).</summary>
    public BanList Bans => _addressBook.Bans;
    /// <summary>Process-wide P2P traffic totals (get_net_stats).</summary>
    public NetStats NetStats => _connections.NetStats;
    /// <summary>
    /// Node-wide counters since start: traffic by command and direction (closed connections included), the RTT
    /// histogram, handshakes by result, the suspected-proxy table (get_connection_stats, /metrics).
    /// </summary>
    public P2PStatistics Statistics => _connections.Statistics;
    /// <summary>
    /// The node-wide P2P throttle (monerod's --limit-rate-up/--limit-rate-down, RPC /set_limit): change its kB/s
    /// while running; every connection follows at its next read or write.
    /// </summary>
    public P2PRateLimits RateLimits { get; }
    /// <summary>The bound on bytes queued for all peers together, and how much of it is in use.</summary>
    public SendBudget SendBudget => _connections.SendBudget;
    /// <summary>When <see cref="StartAsync"/> ran, in unix seconds (get_net_stats' start_time).</summary>
    public long StartedUnixSeconds { get; private set; }
    /// <summary>--offline: nothing listens and nothing is dialled.</summary>
    public bool Offline => _options.Offline;
    /// <summary>The bound listen endpoints (after <see cref="StartAsync"/>).</summary>
    public IReadOnlyList<IPEndPoint> ListenEndPoints => _listener.EndPoints;
    /// <summary>Current limits; the RPC changes them with <see cref="SetInPeers"/> / <see cref="SetOutPeers"/>.</summary>
    public long InPeers => _listener.Admission.Limit;
    /// <summary>The outgoing limit in force (--out-peers, /out_peers).</summary>
    public long OutPeers => _connector.OutPeers;

    /// <summary>
    /// A handshake completed (either direction), raised on that connection's read loop: a handler must be quick.
    /// The host moves get_info's "synchronized" latch from here and from <see cref="PeerHeightChanged"/>.
    /// </summary>
    public event Action<PeerSession>? PeerHandshaked;

    /// <summary>
    /// A ping on this connection answered with another peer id than its handshake's (the proxy fingerprint), raised
    /// once per connection and inner id, on its read loop: a handler must be quick.
    /// </summary>
    public event Action<PeerSession, ulong>? ProxySuspected;

    /// <summary>A peer reported its chain height (handshake, timed sync, new block); raised on its read loop.</summary>
    public event Action<PeerSession>? PeerHeightChanged;

    /// <summary>
    /// A connection was listed (accepted or dialled, before its handshake), raised on the accepting or dialling
    /// thread. The event stream's <c>connection_opened</c>.
    /// </summary>
    public event Action<PeerSession>? PeerOpened;

    /// <summary>
    /// A connection closed and left <see cref="Connections"/>: raised once, last in its close hook, on whichever thread
    /// closed it; <see cref="PeerSession.CloseReason"/> and <see cref="PeerSession.Stats"/> hold its final state.
    /// </summary>
    public event Action<PeerSession>? PeerClosed;

    /// <summary>A ban was set or renewed (after its connections were dropped); raised outside the ban list's lock.</summary>
    public event Action<BanEntry>? BanAdded;

    /// <summary>A ban was lifted (set_bans with ban=false); the host or subnet as get_bans prints it.</summary>
    public event Action<string>? BanRemoved;

    /// <summary>The in-peers or out-peers limit was set (/in_peers, /out_peers): (in, out) now in force.</summary>
    public event Action<long, long>? LimitsChanged;

    internal PeerAddressBook AddressBook => _addressBook;
    internal ConnectionMaintainer Maintainer { get; }
    /// <summary>The anonymity zones' connections maker (tests read its choice without dialling).</summary>
    internal ZoneConnectionsMaker ZoneConnections => _zoneConnections;
    internal AnonymityZones Zones => _zones;
    internal ConnectionListener Listener => _listener;
    internal BackgroundWork BackgroundWork => _work;

    /// <summary>
    /// Loads the ban list file (a missing one is an error, as in monerod) and the saved peer lists, binds the
    /// listeners and starts the accept loops and the maintainer.
    /// </summary>
    /// <exception cref="FileNotFoundException">The --ban-list file does not exist.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        StartedUnixSeconds = _time.GetUtcNow().ToUnixTimeSeconds();
        await _addressBook.LoadBanListAtStartAsync(cancellationToken).ConfigureAwait(false);
        await _addressBook.LoadPeerListsAsync().ConfigureAwait(false);

        if (_options.PublicRpcPort != 0) Local.RpcPort = _options.PublicRpcPort;
        if (_options.Offline)
        {
            // monerod's --offline: nothing bound, nothing dialled; the maintainer still keeps timers and bans.
            P2PLog.Offline(_log, Local.PeerId);
        }
        else
        {
            BindListeners();
            // With --proxy the public zone cannot ping back (monerod's m_can_pingback): advertise no port.
            Local.MyPort = _options.HideMyPort || _options.PublicProxy is not null ? 0u
                : _options.ExternalPort != 0 ? (uint)_options.ExternalPort : (uint)_listener.EndPoints[0].Port;
            string network = _options.Network.ToString().ToLowerInvariant();
            foreach (var endPoint in _listener.EndPoints) P2PLog.Listening(_log, endPoint, Local.PeerId, network);
            _listener.Start(_stopping.Token);
            if (_options.PublicProxy is { } publicProxy) P2PLog.ZoneProxy(_log, "public", publicProxy, OutPeers, false);
            foreach (var zone in _zones.All)
                if (zone.Proxy is { } proxy) P2PLog.ZoneProxy(_log, NetworkZones.NameOf(zone.Zone), proxy.Proxy, proxy.MaxConnections, proxy.Noise);
            foreach (var l in _anonymousListeners)
            {
                var inbound = _zones.Get(l.Zone)!.Inbound!;
                l.Bind(inbound.Bind);
                P2PLog.AnonymousListening(_log, NetworkZones.NameOf(l.Zone), l.EndPoints[0], inbound.OurAddress, inbound.MaxConnections);
                l.Start(_stopping.Token);
            }
        }
        _zoneConnections.AddCommandLinePeers(StartedUnixSeconds);
        Maintainer.Start(_stopping.Token);
        _started = true;
    }

    /// <summary>
    /// The IPv4 listener, then the IPv6 one. With --p2p-ignore-ipv4 a failed IPv4 bind is logged and skipped as long as
    /// an IPv6 listener follows (monerod's init_server with require_ipv4 false).
    /// </summary>
    private void BindListeners()
    {
        var v4 = new IPEndPoint(_options.BindAddress, _options.Port);
        try
        {
            _listener.Bind(v4);
        }
        catch (System.Net.Sockets.SocketException ex) when (_options.IgnoreIpv4BindFailure && _options.BindAddressV6 is not null)
        {
            P2PLog.Ipv4BindIgnored(_log, v4, ex.Message);
        }
        if (_options.BindAddressV6 is { } v6) _listener.Bind(new IPEndPoint(v6, _options.PortV6));
    }

    /// <summary>
    /// Dials <paramref name="remote"/> and starts a handshake; null when the dial failed or was not allowed (banned
    /// host, out-peers limit reached, a dial to it already under way).
    /// </summary>
    /// <remarks>The connection's type is <see cref="PeerConnectionType.Manual"/> (an operator's or a test's dial).</remarks>
    public Task<PeerSession?> ConnectAsync(IPEndPoint remote, CancellationToken cancellationToken = default) =>
        _connector.ConnectAsync(remote, PeerConnectionType.Manual, cancellationToken);

    /// <summary>
    /// Dials a Tor or I2P address through its zone's --tx-proxy and starts a handshake; null when the zone has no
    /// proxy, its limit is reached, a dial to it is under way, or the SOCKS dial failed (logged).
    /// </summary>
    public Task<PeerSession?> ConnectAnonymityAsync(NetworkAddress remote, CancellationToken cancellationToken = default) =>
        _anonymousConnector.ConnectAsync(remote, PeerConnectionType.Manual, cancellationToken);

    /// <summary>
    /// Dials <paramref name="remote"/> and waits until the handshake completed or the connection closed: the
    /// single-connection client's call (see samples/Probe). Null when the dial failed or was not allowed (as
    /// <see cref="ConnectAsync(IPEndPoint, CancellationToken)"/>); otherwise the session, whose <see cref="PeerSession.HandshakeComplete"/> says how
    /// it went and whose <see cref="PeerSession.CloseReason"/> says why not. <paramref name="timeout"/> bounds the
    /// wait beyond the node's own handshake timeout; when it passes, the connection is closed.
    /// </summary>
    public async Task<PeerSession?> HandshakeAsync(IPEndPoint remote, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var session = await ConnectAsync(remote, cancellationToken).ConfigureAwait(false);
        if (session is null) return null;
        try
        {
            await session.WhenHandshakedAsync(cancellationToken).WaitAsync(timeout, _time, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            session.Close(DisconnectReason.HandshakeTimeout, $"no handshake within {timeout.TotalSeconds:0.#} s");
        }
        return session;
    }

    /// <summary>
    /// Sends one COMMAND_PING (1003) on <paramref name="session"/> and waits for its answer: the peer's status and id
    /// and the round trip (also recorded in <see cref="PeerSession.RoundTrips"/>). monerod answers a ping on any
    /// connection at no cost (net_node.inl handle_ping), so this is safe to repeat. Comparing
    /// <see cref="PingReply.PeerId"/> with <see cref="PeerSession.PeerId"/> is the proxy check of docs/PROTOCOL.md
    /// §3.8, which the node also runs on its own (<see cref="PeerSession.ProxyCheck"/>).
    /// An unanswered ping closes the connection after the invoke timeout, as any request does.
    /// </summary>
    public async Task<PingReply> PingAsync(PeerSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.IsClosed) return new PingReply(false, "", 0, TimeSpan.Zero);
        var reply = new TaskCompletionSource<PingReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onClose = session.Closed.Register(() => reply.TrySetResult(new PingReply(false, "", 0, TimeSpan.Zero)));
        long sentAt = _time.GetTimestamp();
        session.SendRequest(P2PCommands.Ping, new PingRequest().ToSection(), _options.Timings.InvokeTimeout,
            extendable: false, (_, returnCode, body) =>
            {
                var elapsed = _time.GetElapsedTime(sentAt);
                if (returnCode <= 0 || body is null)
                {
                    reply.TrySetResult(new PingReply(false, "", 0, TimeSpan.Zero));
                    return;
                }
                var answer = PingResponse.FromSection(body);
                reply.TrySetResult(new PingReply(true, answer.Status, answer.PeerId, elapsed));
            });
        return await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the incoming limit (monerod's /in_peers) and drops randomly chosen excess incoming connections at once.</summary>
    public void SetInPeers(long limit)
    {
        _listener.SetInPeers(limit);
        Raise(LimitsChanged, InPeers, OutPeers);
    }

    /// <summary>Sets the outgoing limit (monerod's /out_peers) and drops excess outgoing connections at once.</summary>
    public void SetOutPeers(long limit)
    {
        _connector.SetOutPeers(limit);
        Raise(LimitsChanged, InPeers, OutPeers);
    }

    /// <summary>Timed syncs now, to every handshaked connection (used by tests and by the RPC's flush paths).</summary>
    public void SendTimedSyncs()
    {
        foreach (var session in Connections.All) _protocol.TimedSync.Send(session);
    }

    /// <summary>
    /// Re-reads the --ban-list file (the host wires SIGHUP here): the file's bans are replaced by its current content;
    /// bans set through the RPC or by fail scores stay. A file that cannot be read is logged and the previous bans kept.
    /// </summary>
    public Task<BanListReload> ReloadBanListAsync() => _addressBook.ReloadBanListAsync();

    /// <summary>Saves the peer lists now (atomic replace of the state file); no-op without a data dir.</summary>
    internal Task SavePeerListsAsync() => _addressBook.SavePeerListsAsync();

    /// <summary>monerod treats loopback and private (RFC 1918, IPv6 link-local) peers as local: longer idle timeouts.</summary>
    public static bool IsLocalAddress(IPAddress a) => AddressRules.IsLocal(a);

    // ---- events that cross parts -----------------------------------------------------------------------------

    void IPeerObserver.OnHandshaked(PeerSession session)
    {
        P2PLog.Handshaked(_log, session.Address, ConnectionManager.Direction(session), session.PeerId, session.Height,
            session.SupportFlags);
        if (!session.Incoming) _addressBook.OnOutgoingHandshaked(session);
        else if (_connector.MayBackPing(session)) _work.Run(() => _connector.BackPingAsync(session), "back-ping");
        Raise(PeerHandshaked, session);
    }

    void IPeerObserver.OnHeightChanged(PeerSession session) => Raise(PeerHeightChanged, session);

    void IPeerObserver.OnProxySuspected(PeerSession session, ulong innerPeerId)
    {
        P2PLog.ProxySuspected(_log, session.Address, ConnectionManager.Direction(session), innerPeerId, session.PeerId);
        Statistics.SuspectedProxies.Record(innerPeerId, session.Address.ToString(), session.PeerId,
            _time.GetUtcNow().ToUnixTimeSeconds());
        var handlers = ProxySuspected;
        if (handlers is null) return;
        try { handlers(session, innerPeerId); }
        catch (Exception ex) { P2PLog.EventHandlerFailed(_log, "proxy suspected", ex); }
    }

    private void Raise<T>(Action<T>? handlers, T argument)
    {
        if (handlers is null) return;
        try { handlers(argument); }
        catch (Exception ex)
        {
            // A subscriber's bug must not cost the connection it was told about (nor fail the ban or RPC call).
            P2PLog.EventHandlerFailed(_log, typeof(T).Name, ex);
        }
    }

    private void Raise(Action<long, long>? handlers, long first, long second)
    {
        if (handlers is null) return;
        try { handlers(first, second); }
        catch (Exception ex)
        {
            P2PLog.EventHandlerFailed(_log, "limits", ex);
        }
    }

    /// <summary>First in every session's close hook: permits, peer id, anchors and backoff.</summary>
    private void OnSessionEnded(PeerSession session)
    {
        if (session.Incoming) ListenerOf(session.Zone).Admission.Release(session.RemoteEndPoint.Address);
        _addressBook.OnSessionEnded(session, _stopping.IsCancellationRequested);
    }

    private ConnectionListener ListenerOf(NetworkZone zone) =>
        zone == NetworkZone.Public ? _listener : _anonymousListeners.FirstOrDefault(l => l.Zone == zone) ?? _listener;

    /// <summary>A ban drops the host's connections at once and removes it from the peer lists (docs/PROTOCOL.md §4).</summary>
    private void OnBanned(BanEntry ban)
    {
        P2PLog.HostBanned(_log, ban.Host, ban.SecondsRemaining);
        foreach (var s in Connections.All)
        {
            // IP bans are of the public zone: an anonymity session's socket is the Tor/I2P daemon's.
            if (s.Zone == NetworkZone.Public && BanList.Covers(ban, s.RemoteEndPoint.Address))
            {
                s.Close(DisconnectReason.Banned, $"host {ban.Host} banned");
            }
        }
        _addressBook.ForgetBanned(ban);
        Raise(BanAdded, ban);
    }

    // ---- shutdown --------------------------------------------------------------------------------------------

    /// <summary>
    /// Stops accepting, closes every connection, waits (up to 5 s on the node's clock) for every read loop, dial and
    /// chore to end, then saves the peer lists.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopping.IsCancellationRequested) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        var acceptLoops = Task.WhenAll(_anonymousListeners.Select(l => l.StopAsync()).Append(_listener.StopAsync()));
        int count = 0;
        foreach (var session in Connections.All)
        {
            session.Close(DisconnectReason.Shutdown, "node shutting down");
            count++;
        }
        try
        {
            await acceptLoops.WaitAsync(StopBudget, _time, cancellationToken).ConfigureAwait(false);
            await _work.DrainAsync(StopBudget, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) { }
        if (_started) await _addressBook.SavePeerListsAsync().ConfigureAwait(false);
        P2PLog.Stopped(_log, count);
    }

    /// <summary>Stops the node (<see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
