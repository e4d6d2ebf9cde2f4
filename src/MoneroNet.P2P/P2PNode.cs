using MoneroNet.P2P.AddressBook;
using MoneroNet.P2P.Maintenance;
using System.Net;
using System.Net.Sockets;
using MoneroNet.P2P.Bans;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.PeerLists;
using MoneroNet.P2P.Protocol;
using MoneroNet.P2P.Stats;
using Microsoft.Extensions.Logging;

namespace MoneroNet.P2P;

/// <summary>
/// The P2P node: listens, dials, runs one <see cref="PeerSession"/> per connection and a once-a-second maintainer for
/// timeouts, timed syncs and outgoing connections. This file holds the lifecycle, accept, dial and limits; peer lists
/// (P2PNode.PeerLists.cs), bans (P2PNode.Bans.cs) and the connection maintainer (P2PNode.Maintainer.cs) are beside it.
/// Nothing here knows about HTTP; the host reads <see cref="Connections"/> and friends for the RPC.
/// </summary>
public sealed partial class P2PNode : IAsyncDisposable
{
    private readonly P2POptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ProtocolContext _ctx;
    private readonly PeerProtocol _protocol;
    private readonly List<Socket> _listeners = [];
    private readonly List<IPEndPoint> _listenEndPoints = [];
    private readonly List<Task> _loops = [];
    private readonly HashSet<IPEndPoint> _dialing = [];
    private readonly Lock _dialLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _acceptLock = new();
    private TimedSyncSchedule? _timedSyncs;
    private int _sessionTasks;
    private long _inPeers;
    private long _outPeers;
    // Only a node that started (and so loaded the saved lists) saves them: a failed start must not overwrite them.
    private bool _started;

    public P2PNode(P2POptions options, ILoggerFactory loggerFactory, TimeProvider? time = null, ulong? peerId = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _log = loggerFactory.CreateLogger("MoneroNet.P2P");
        Local = new LocalIdentity(options.Network, peerId);
        PeerLists = new PeerListStore(options.AllowLocalIp);
        Bans = new BanList(_time);
        _backoff = new DialBackoff(options.Timings.DialBackoffBase, options.Timings.DialBackoffMax, _time);
        _ctx = new ProtocolContext(Local, options.Timings, _log, _time)
        {
            Handshaked = OnHandshaked,
            PeersToShare = PeersToShare,
            PeersReceived = OnPeersReceived,
            TimedSyncAnswered = OnTimedSyncAnswered,
            HostFailed = (s, score) => AddHostFail(s.RemoteEndPoint.Address, score),
        };
        _protocol = new PeerProtocol(_ctx);
        Bans.Banned += OnBanned;
        _inPeers = options.InPeers;
        _outPeers = options.OutPeers;
    }

    public LocalIdentity Local { get; }
    public ConnectionRegistry Connections { get; } = new();
    /// <summary>The public zone's white, gray and anchor lists.</summary>
    public PeerListStore PeerLists { get; }
    /// <summary>Banned hosts and subnets (RPC set_bans/get_bans, fail-score bans, --ban-list).</summary>
    public BanList Bans { get; }
    /// <summary>Process-wide P2P traffic totals (get_net_stats).</summary>
    public NetStats NetStats { get; } = new();
    /// <summary>When <see cref="StartAsync"/> ran, in unix seconds (get_net_stats' start_time).</summary>
    public long StartedUnixSeconds { get; private set; }

    /// <summary>The bound listen endpoints (after <see cref="StartAsync"/>).</summary>
    // Kept from bind time: StopAsync disposes the listener sockets, whose LocalEndPoint then throws.
    public IReadOnlyList<IPEndPoint> ListenEndPoints => _listenEndPoints;

    /// <summary>Current limits; the RPC changes them with <see cref="SetInPeers"/> / <see cref="SetOutPeers"/>.</summary>
    public long InPeers => Volatile.Read(ref _inPeers);
    public long OutPeers => Volatile.Read(ref _outPeers);

    /// <summary>
    /// Loads the ban list file (a missing one is an error, as in monerod) and the saved peer lists, binds the
    /// listeners and starts the accept loops and the maintainer.
    /// </summary>
    /// <exception cref="FileNotFoundException">The --ban-list file does not exist.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        StartedUnixSeconds = _time.GetUtcNow().ToUnixTimeSeconds();
        if (_options.BanListFile is { } banList)
        {
            if (!File.Exists(banList)) throw new FileNotFoundException($"ban list file not found: {banList}", banList);
            await LoadBanListAsync(banList, cancellationToken).ConfigureAwait(false);
        }
        await LoadPeerListsAsync().ConfigureAwait(false);

        Listen(new IPEndPoint(_options.BindAddress, _options.Port));
        if (_options.BindAddressV6 is { } v6) Listen(new IPEndPoint(v6, _options.PortV6));
        Local.MyPort = _options.HideMyPort ? 0u : (uint)_listenEndPoints[0].Port;
        foreach (var l in _listeners)
        {
            P2PLog.Listening(_log, ((IPEndPoint)l.LocalEndPoint!).ToString(), Local.PeerId, _options.Network.ToString().ToLowerInvariant());
            _loops.Add(AcceptLoopAsync(l));
        }
        _loops.Add(MaintainLoopAsync());
        _started = true;
    }

    private void Listen(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = false;
            socket.Bind(endPoint);
            // The system maximum (SOMAXCONN), as boost asio's acceptor uses in monerod: a burst of connects must
            // queue in the kernel, not be dropped into the client's 1 s SYN retry.
            socket.Listen();
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _listeners.Add(socket);
        _listenEndPoints.Add((IPEndPoint)socket.LocalEndPoint!);
    }

    // ---- incoming --------------------------------------------------------------------------------------------

    private async Task AcceptLoopAsync(Socket listener)
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { break; }
            catch (ObjectDisposedException) { break; }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
                continue;
            }
            catch (Exception ex)
            {
                P2PLog.AcceptFailed(_log, listener.LocalEndPoint?.ToString() ?? "?", ex);
                await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
                continue;
            }
            try { Accept(socket); }
            catch (Exception ex)
            {
                // Whatever one connection does, the loop keeps accepting the others.
                P2PLog.AcceptFailed(_log, listener.LocalEndPoint?.ToString() ?? "?", ex);
                socket.Dispose();
            }
        }
    }

    private void Accept(Socket socket)
    {
        IPEndPoint remote, local;
        try
        {
            remote = Normalize((IPEndPoint)socket.RemoteEndPoint!);
            local = Normalize((IPEndPoint)socket.LocalEndPoint!);
        }
        catch (SocketException)
        {
            socket.Dispose(); // reset before we looked at it
            return;
        }
        // A banned host is accepted by the kernel and closed at once (monerod: FIN right after accept).
        if (Bans.IsBanned(remote.Address, out _))
        {
            P2PLog.IncomingRefused(_log, remote.ToString(), "host is banned");
            socket.Dispose();
            return;
        }
        // Limits are checked and the connection registered under one lock, so a burst of accepts can never
        // overshoot them (monerod issue #8367); the check happens at accept, as the 0.18 binary and master do.
        lock (_acceptLock)
        {
            string? refusal = null;
            if (Connections.CountIncoming() >= InPeers) refusal = $"incoming connections limit ({InPeers}) reached";
            else if (Connections.CountIncomingFrom(remote.Address) >= _options.MaxConnectionsPerIp)
                refusal = $"connections per IP limit ({_options.MaxConnectionsPerIp}) reached";
            if (refusal is not null)
            {
                P2PLog.IncomingRefused(_log, remote.ToString(), refusal);
                socket.Dispose();
                return;
            }
            if (TryCreateSession(socket, incoming: true, remote, local) is { } session) Register(session);
        }
    }

    // ---- outgoing --------------------------------------------------------------------------------------------

    /// <summary>
    /// Dials <paramref name="remote"/> and starts a handshake; null when the dial failed or was not allowed (banned
    /// host, out-peers limit reached, a dial to it already under way).
    /// </summary>
    public async Task<PeerSession?> ConnectAsync(IPEndPoint remote, CancellationToken cancellationToken = default)
    {
        remote = Normalize(remote);
        if (Bans.IsBanned(remote.Address, out _))
        {
            P2PLog.DialSkipped(_log, remote.ToString(), "host is banned");
            return null;
        }
        lock (_dialLock)
        {
            if (_dialing.Contains(remote)) return null;
            if (Connections.CountOutgoingPeers() + _dialing.Count >= OutPeers) return null;
            _dialing.Add(remote);
        }
        try
        {
            var socket = await DialAsync(remote, _options.Timings.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            if (socket is null)
            {
                _backoff.RecordFailure(remote);
                return null;
            }
            if (TryCreateSession(socket, incoming: false, remote, local: null) is not { } session)
            {
                _backoff.RecordFailure(remote);
                return null;
            }
            Register(session);
            _protocol.Handshake.Start(session);
            return session;
        }
        finally
        {
            lock (_dialLock) _dialing.Remove(remote);
        }
    }

    /// <summary>A connected socket to <paramref name="remote"/>, or null (logged) when the connect failed.</summary>
    private async Task<Socket?> DialAsync(IPEndPoint remote, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // A specific bind address is also the source address of our dials (lets tests use 127.x sources).
            var bind = remote.AddressFamily == AddressFamily.InterNetworkV6 ? _options.BindAddressV6 : _options.BindAddress;
            if (bind is not null && bind.AddressFamily == remote.AddressFamily && !bind.Equals(IPAddress.Any) && !bind.Equals(IPAddress.IPv6Any))
                socket.Bind(new IPEndPoint(bind, 0));
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            cts.CancelAfter(timeout);
            await socket.ConnectAsync(remote, cts.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            P2PLog.DialFailed(_log, remote.ToString(), ex is OperationCanceledException ? "connect timed out" : ex.Message);
            socket.Dispose();
            return null;
        }
    }

    // ---- limits ----------------------------------------------------------------------------------------------

    /// <summary>Sets the incoming limit (monerod's /in_peers) and drops randomly chosen excess incoming connections at once.</summary>
    public void SetInPeers(long limit)
    {
        limit = Math.Max(0, limit);
        List<PeerSession> victims;
        lock (_acceptLock)
        {
            Volatile.Write(ref _inPeers, limit);
            var open = Connections.All.Where(s => s.Incoming && !s.IsClosed).ToArray();
            victims = Excess(open, limit);
        }
        foreach (var s in victims)
        {
            P2PLog.DroppedForLimit(_log, s.Address.ToString(), limit, "in");
            s.Close(DisconnectReason.ConnectionLimit, $"in-peers limit lowered to {limit}");
        }
    }

    /// <summary>Sets the outgoing limit (monerod's /out_peers) and drops excess outgoing connections at once.</summary>
    public void SetOutPeers(long limit)
    {
        limit = Math.Max(0, limit);
        List<PeerSession> victims;
        lock (_dialLock)
        {
            Volatile.Write(ref _outPeers, limit);
            var open = Connections.All.Where(s => !s.Incoming && !s.IsProbe && !s.IsClosed).ToArray();
            victims = Excess(open, limit);
        }
        foreach (var s in victims)
        {
            P2PLog.DroppedForLimit(_log, s.Address.ToString(), limit, "out");
            s.Close(DisconnectReason.ConnectionLimit, $"out-peers limit lowered to {limit}");
        }
    }

    private static List<PeerSession> Excess(PeerSession[] open, long limit)
    {
        if (open.Length <= limit) return [];
        Random.Shared.Shuffle(open);
        return open.Take((int)(open.Length - limit)).ToList();
    }

    // ---- sessions --------------------------------------------------------------------------------------------

    /// <summary>
    /// A session over a freshly accepted or connected socket, or null (socket disposed) when the peer reset it before
    /// we could set it up: the socket calls here throw then, and an exception must neither end the accept loop nor
    /// leak the socket. <paramref name="local"/> null: read it from the socket.
    /// </summary>
    private PeerSession? TryCreateSession(Socket socket, bool incoming, IPEndPoint remote, IPEndPoint? local,
        bool backPing = false, bool peerListProbe = false)
    {
        try
        {
            return CreateSession(socket, incoming, remote, local ?? Normalize((IPEndPoint)socket.LocalEndPoint!), backPing, peerListProbe);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            P2PLog.DialFailed(_log, remote.ToString(), "reset before the session started: " + ex.Message);
            socket.Dispose();
            return null;
        }
    }

    private PeerSession CreateSession(Socket socket, bool incoming, IPEndPoint remote, IPEndPoint local, bool backPing,
        bool peerListProbe)
    {
        socket.NoDelay = true;
        bool isLocal = IsLocalAddress(remote.Address);
        var t = _options.Timings;
        var session = new PeerSession(socket, incoming, remote, local, _protocol, _time, _log,
            isLocal ? t.NewConnectionIdleLocal : t.NewConnectionIdleRemote,
            isLocal ? t.AfterWriteIdleLocal : t.AfterWriteIdleRemote, t.MaxSendQueueBytes, NetStats)
        {
            IsBackPing = backPing,
            IsPeerListProbe = peerListProbe,
            OnClosed = OnSessionClosed,
        };
        P2PLog.ConnectionOpened(_log, session.Address.ToString(), Direction(session), session.ConnectionId);
        return session;
    }

    /// <summary>
    /// Lists a new session and starts its read loop. A stop or a ban that raced with the accept or dial (its sweep of
    /// the registry ran before the session was listed) is caught by the checks after listing, so no such connection
    /// survives; a session closed before it was listed is taken out again.
    /// </summary>
    private void Register(PeerSession session)
    {
        Connections.Add(session);
        Interlocked.Increment(ref _sessionTasks);
        _ = RunSessionAsync(session);
        if (_stopping.IsCancellationRequested) session.Close(DisconnectReason.Shutdown, "node shutting down");
        else if (Bans.IsBanned(session.RemoteEndPoint.Address, out _)) session.Close(DisconnectReason.Banned, "host banned");
        if (session.IsClosed) Connections.Remove(session);
    }

    private async Task RunSessionAsync(PeerSession session)
    {
        try
        {
            await session.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _sessionTasks);
        }
    }

    /// <summary>The session's close hook (runs once, on whichever thread closed it).</summary>
    private void OnSessionClosed(PeerSession session)
    {
        OnSessionEnded(session);
        var s = session.Stats;
        P2PLog.ConnectionClosed(_log, session.Address.ToString(), Direction(session),
            session.CloseReason?.ToString() ?? "Unknown", session.CloseDetail ?? "", s.RecvCount, s.SendCount,
            _time.GetUtcNow().ToUnixTimeSeconds() - s.StartedUnixSeconds);
        // Removed last: whoever sees the connection gone also sees its close logged and its peer-list effects.
        Connections.Remove(session);
    }

    /// <summary>Timed syncs now, to every handshaked connection (used by tests and by the RPC's flush paths).</summary>
    public void SendTimedSyncs()
    {
        foreach (var session in Connections.All) _protocol.TimedSync.Send(session);
    }

    // ---- shutdown --------------------------------------------------------------------------------------------

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopping.IsCancellationRequested) return;
        _stopping.Cancel();
        foreach (var l in _listeners) l.Dispose();
        int count = 0;
        foreach (var session in Connections.All)
        {
            session.Close(DisconnectReason.Shutdown, "node shutting down");
            count++;
        }
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (Volatile.Read(ref _sessionTasks) > 0 && DateTime.UtcNow < deadline)
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) { }
        if (_started) await SavePeerListsAsync().ConfigureAwait(false);
        P2PLog.Stopped(_log, count);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static string Direction(PeerSession s) => s.Incoming ? "INC" : "OUT";

    private static IPEndPoint Normalize(IPEndPoint ep) =>
        ep.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(ep.Address.MapToIPv4(), ep.Port) : ep;

    private long NowUnix => _time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>monerod treats loopback and private (RFC 1918, IPv6 link-local) peers as local: longer idle timeouts.</summary>
    public static bool IsLocalAddress(IPAddress a) => AddressRules.IsLocal(a);
}
