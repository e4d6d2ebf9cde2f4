using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MoneroNet.P2P.PeerLists;
using MoneroNet.P2P.Stats;
using MoneroNet.P2P.Transport;

namespace MoneroNet.P2P.Connections;

/// <summary>What kind of outgoing connection a session is (incoming ones are all peers).</summary>
internal enum SessionKind
{
    Peer,
    /// <summary>A 1003 ping without handshake to an incoming peer's advertised port.</summary>
    BackPing,
    /// <summary>A gray-list housekeeping handshake that only takes the peer's list.</summary>
    PeerListProbe,
}

/// <summary>
/// Kestrel's connection manager for the P2P node: turns accepted or dialled sockets into <see cref="PeerSession"/>s,
/// lists them in the <see cref="ConnectionRegistry"/>, runs each read loop as tracked background work, and on close
/// (once, on whichever thread closed it) tells the node, logs the one close line, and takes the session out.
/// Owns: the registry, the traffic totals, the session read-loop tasks.
/// </summary>
internal sealed class ConnectionManager
{
    private readonly P2PTimings _timings;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly BackgroundWork _work;
    private readonly Action<PeerSession> _sessionEnded;
    private readonly Func<IPAddress, bool> _isBanned;
    private readonly CancellationToken _stopping;
    private readonly IPeerMessageHandler _protocol;

    /// <param name="sessionEnded">Runs first in every session's close hook (address book, admission permits).</param>
    public ConnectionManager(IPeerMessageHandler protocol, P2PTimings timings, TimeProvider time, P2PLoggers log,
        BackgroundWork work, Action<PeerSession> sessionEnded, Func<IPAddress, bool> isBanned, CancellationToken stopping)
    {
        _isBanned = isBanned;
        _stopping = stopping;
        _protocol = protocol;
        _timings = timings;
        SendBudget = new SendBudget(timings.NodeSendBudgetBytes);
        LargeMessages = new LargeMessageMemory(time, log.Connection);
        _sendLimits = new SendQueueLimits(timings.MaxSendQueueFrames, timings.MaxSendQueueBytes, SendBudget);
        _time = time;
        _log = log.Connection;
        _work = work;
        _sessionEnded = sessionEnded;
    }

    /// <summary>Runs when a session is listed, before its read loop starts (the node's <c>PeerOpened</c> event).</summary>
    public Action<PeerSession>? SessionStarted { get; init; }

    /// <summary>Runs last in every session's close hook, after it left the registry (the node's <c>PeerClosed</c> event).</summary>
    public Action<PeerSession>? SessionClosed { get; init; }

    /// <summary>The node-wide throttle every session's socket is held to; null = none.</summary>
    public P2PRateLimits? RateLimits { get; init; }

    public ConnectionRegistry Registry { get; } = new();
    public NetStats NetStats { get; } = new();
    /// <summary>Node-wide traffic by command, RTTs, handshake results and suspected proxies (get_connection_stats).</summary>
    public P2PStatistics Statistics { get; } = new();

    /// <summary>The last closed sessions and the closes by reason (get_closed_connections, get_connection_stats).</summary>
    public ClosedConnectionLog ClosedLog { get; } = new();

    /// <summary>Counts large messages so that the maintainer can return their memory (see the type).</summary>
    public LargeMessageMemory LargeMessages { get; }

    /// <summary>The node-wide bound on bytes queued for all peers together.</summary>
    public SendBudget SendBudget { get; }
    private readonly SendQueueLimits _sendLimits;

    /// <summary>
    /// A session over a freshly accepted or connected socket, or null (socket disposed, logged) when the peer reset it
    /// before we could set it up: the socket calls here throw then, and an exception must neither end the accept loop
    /// nor leak the socket. <paramref name="local"/> null: read it from the socket.
    /// </summary>
    public PeerSession? TryCreate(Socket socket, bool incoming, IPEndPoint remote, IPEndPoint? local, SessionKind kind = SessionKind.Peer,
        PeerConnectionType type = PeerConnectionType.Outbound)
    {
        try
        {
            socket.NoDelay = true;
            local ??= Normalize((IPEndPoint)socket.LocalEndPoint!);
            bool isLocal = AddressRules.IsLocal(remote.Address);
            var t = _timings;
            var session = new PeerSession(socket, incoming, remote, local, _protocol, _time, _log,
                isLocal ? t.NewConnectionIdleLocal : t.NewConnectionIdleRemote,
                isLocal ? t.AfterWriteIdleLocal : t.AfterWriteIdleRemote, _sendLimits, NetStats,
                kind == SessionKind.Peer ? type : PeerConnectionType.Feeler, Statistics, RateLimits)
            {
                IsBackPing = kind == SessionKind.BackPing,
                IsPeerListProbe = kind == SessionKind.PeerListProbe,
                OnClosed = OnSessionClosed,
                LargeMessages = LargeMessages,
                Registry = Registry,
            };
            P2PLog.ConnectionOpened(_log, session.Address, Direction(session), session.ConnectionId);
            return session;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            P2PLog.DialResetBeforeSession(_log, remote, ex.Message);
            socket.Dispose();
            return null;
        }
    }

    /// <summary>
    /// Lists a new session and starts its read loop on the thread pool. A stop or a ban that raced with the accept or
    /// dial (its sweep of the registry ran before the session was listed) is caught by the checks after listing, so
    /// no such connection survives; a session closed before it was listed is taken out again.
    /// </summary>
    public void Start(PeerSession session)
    {
        Registry.Add(session);
        if (!session.IsClosed) SessionStarted?.Invoke(session);
        _work.Run(session.RunAsync, "session read loop");
        if (_stopping.IsCancellationRequested) session.Close(DisconnectReason.Shutdown, "node shutting down");
        else if (_isBanned(session.RemoteEndPoint.Address)) session.Close(DisconnectReason.Banned, "host banned");
        if (session.IsClosed) Registry.Remove(session);
    }

    /// <summary>The session's close hook (runs once, on whichever thread closed it; no lock of ours is held).</summary>
    private void OnSessionClosed(PeerSession session)
    {
        _sessionEnded(session);
        var s = session.Stats;
        long now = _time.GetUtcNow().ToUnixTimeSeconds();
        P2PLog.ConnectionClosed(_log, session.Address, Direction(session), session.CloseReason, session.CloseDetail,
            s.RecvCount, s.SendCount, now - s.StartedUnixSeconds);
        // Close sets the reason before it calls this hook, so it is never null here.
        ClosedLog.Add(new ClosedConnection(session, session.CloseReason ?? DisconnectReason.RemoteClosed,
            session.CloseDetail ?? "", now));
        // Removed last: whoever sees the connection gone also sees its close logged, listed among the closed ones,
        // and its peer-list effects.
        Registry.Remove(session);
        SessionClosed?.Invoke(session);
    }

    public static string Direction(PeerSession s) => s.Incoming ? "INC" : "OUT";

    public static IPEndPoint Normalize(IPEndPoint ep) =>
        ep.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(ep.Address.MapToIPv4(), ep.Port) : ep;
}
