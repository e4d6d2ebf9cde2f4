using System.Net;
using System.Net.Sockets;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Protocol;
using Microsoft.Extensions.Logging;

namespace MoneroNet.P2P.Node;

/// <summary>
/// The P2P node: listens, dials the configured peers, runs one <see cref="PeerSession"/> per connection and a
/// once-a-second maintainer for timeouts, timed syncs and redials. Nothing here knows about HTTP; the host reads
/// <see cref="Connections"/> for the RPC.
/// </summary>
public sealed class P2PNode : IAsyncDisposable
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
    private long _lastTimedSyncRound;
    private long _lastRedial;
    private int _sessionTasks;

    public P2PNode(P2POptions options, ILoggerFactory loggerFactory, TimeProvider? time = null, ulong? peerId = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _log = loggerFactory.CreateLogger("MoneroNet.P2P");
        Local = new LocalNode(options.Network, peerId);
        _ctx = new ProtocolContext(Local, options.Timings, _log, _time);
        _ctx.Handshaked = s => P2PLog.Handshaked(_log, s.Address.ToString(), Direction(s), s.PeerId, s.Height, s.SupportFlags);
        _protocol = new PeerProtocol(_ctx);
    }

    public LocalNode Local { get; }
    public ConnectionRegistry Connections { get; } = new();

    /// <summary>The bound listen endpoints (after <see cref="StartAsync"/>).</summary>
    // Kept from bind time: StopAsync disposes the listener sockets, whose LocalEndPoint then throws.
    public IReadOnlyList<IPEndPoint> ListenEndPoints => _listenEndPoints;

    /// <summary>Current limits; the RPC may change them (in_peers/out_peers).</summary>
    public long InPeers { get; private set; }
    public long OutPeers { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        InPeers = _options.InPeers;
        OutPeers = _options.OutPeers;
        Listen(new IPEndPoint(_options.BindAddress, _options.Port));
        if (_options.BindAddressV6 is { } v6) Listen(new IPEndPoint(v6, _options.PortV6));
        Local.MyPort = _options.HideMyPort ? 0u : (uint)((IPEndPoint)_listeners[0].LocalEndPoint!).Port;
        foreach (var l in _listeners)
        {
            var ep = (IPEndPoint)l.LocalEndPoint!;
            P2PLog.Listening(_log, ep.ToString(), Local.PeerId, _options.Network.ToString().ToLowerInvariant());
            _loops.Add(AcceptLoopAsync(l));
        }
        _loops.Add(MaintainLoopAsync());
        return Task.CompletedTask;
    }

    private void Listen(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = false;
            socket.Bind(endPoint);
            socket.Listen(512);
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
            Accept(socket);
        }
    }

    private void Accept(Socket socket)
    {
        var remote = Normalize((IPEndPoint)socket.RemoteEndPoint!);
        var local = Normalize((IPEndPoint)socket.LocalEndPoint!);
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
            var session = CreateSession(socket, incoming: true, remote, local);
            Connections.Add(session);
            Run(session);
        }
    }

    // ---- outgoing --------------------------------------------------------------------------------------------

    /// <summary>Dials <paramref name="remote"/> and starts a handshake; null when the dial failed or was not allowed.</summary>
    public async Task<PeerSession?> ConnectAsync(IPEndPoint remote, CancellationToken cancellationToken = default)
    {
        lock (_dialLock)
        {
            if (_dialing.Contains(remote)) return null;
            if (Connections.CountOutgoing() + _dialing.Count >= OutPeers) return null;
            _dialing.Add(remote);
        }
        Socket? socket = null;
        try
        {
            socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            // A specific --p2p-bind-ip is also the source address of our dials (lets tests use 127.x sources).
            var bind = _options.BindAddress;
            if (remote.AddressFamily == bind.AddressFamily && !bind.Equals(IPAddress.Any) && !bind.Equals(IPAddress.IPv6Any))
                socket.Bind(new IPEndPoint(bind, 0));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            timeout.CancelAfter(_options.Timings.ConnectTimeout);
            await socket.ConnectAsync(remote, timeout.Token).ConfigureAwait(false);
            socket.NoDelay = true;
            var session = CreateSession(socket, incoming: false, remote, Normalize((IPEndPoint)socket.LocalEndPoint!));
            socket = null;
            Connections.Add(session);
            Run(session);
            _protocol.Handshake.Start(session);
            return session;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            P2PLog.DialFailed(_log, remote.ToString(), ex is OperationCanceledException ? "connect timed out" : ex.Message);
            return null;
        }
        finally
        {
            socket?.Dispose();
            lock (_dialLock) _dialing.Remove(remote);
        }
    }

    // ---- sessions --------------------------------------------------------------------------------------------

    private PeerSession CreateSession(Socket socket, bool incoming, IPEndPoint remote, IPEndPoint local)
    {
        socket.NoDelay = true;
        bool isLocal = IsLocalAddress(remote.Address);
        var t = _options.Timings;
        var session = new PeerSession(socket, incoming, remote, local, _protocol, _time, _log,
            isLocal ? t.NewConnectionIdleLocal : t.NewConnectionIdleRemote,
            isLocal ? t.AfterWriteIdleLocal : t.AfterWriteIdleRemote, t.MaxSendQueueBytes);
        P2PLog.ConnectionOpened(_log, session.Address.ToString(), Direction(session), session.ConnectionId);
        return session;
    }

    private void Run(PeerSession session)
    {
        Interlocked.Increment(ref _sessionTasks);
        _ = RunSessionAsync(session);
    }

    private async Task RunSessionAsync(PeerSession session)
    {
        try
        {
            await session.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            Connections.Remove(session);
            var s = session.Stats;
            P2PLog.ConnectionClosed(_log, session.Address.ToString(), Direction(session),
                session.CloseReason?.ToString() ?? "Unknown", session.CloseDetail ?? "", s.RecvCount, s.SendCount,
                _time.GetUtcNow().ToUnixTimeSeconds() - s.StartedUnixSeconds);
            Interlocked.Decrement(ref _sessionTasks);
        }
    }

    // ---- maintenance -----------------------------------------------------------------------------------------

    private async Task MaintainLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.Timings.MaintenanceInterval, _time);
        long start = _time.GetTimestamp();
        _lastTimedSyncRound = start;
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
        foreach (var session in Connections.All)
        {
            // One misbehaving session must never stop the maintainer for every other peer.
            try { session.CheckTimers(now); }
            catch (Exception ex) { P2PLog.MaintenanceFailed(_log, session.Address.ToString(), ex); }
        }

        // One global timed-sync timer, as monerod's idle maker: every connection gets one per interval.
        if (Elapsed(_lastTimedSyncRound, now) >= _options.Timings.TimedSyncInterval)
        {
            _lastTimedSyncRound = now;
            foreach (var session in Connections.All)
            {
                try { _protocol.TimedSync.Send(session); }
                catch (Exception ex) { P2PLog.MaintenanceFailed(_log, session.Address.ToString(), ex); }
            }
        }

        if (Elapsed(_lastRedial, now) >= _options.Timings.RedialInterval)
        {
            _lastRedial = now;
            foreach (var target in DialTargets())
                if (!Connections.IsConnectedTo(target)) _ = ConnectAsync(target);
        }
    }

    /// <summary>Exclusive nodes alone when given (monerod's rule); otherwise priority nodes, then --add-peer ones.</summary>
    private IEnumerable<IPEndPoint> DialTargets() =>
        _options.ExclusiveNodes.Count > 0
            ? _options.ExclusiveNodes
            : _options.PriorityNodes.Concat(_options.AddPeers);

    private TimeSpan Elapsed(long since, long now) => TimeSpan.FromSeconds((now - since) / (double)_time.TimestampFrequency);

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
        P2PLog.Stopped(_log, count);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static string Direction(PeerSession s) => s.Incoming ? "INC" : "OUT";

    private static IPEndPoint Normalize(IPEndPoint ep) =>
        ep.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(ep.Address.MapToIPv4(), ep.Port) : ep;

    /// <summary>monerod treats loopback and private (RFC 1918, IPv6 link-local) peers as local: longer idle timeouts.</summary>
    public static bool IsLocalAddress(IPAddress a)
    {
        if (IPAddress.IsLoopback(a)) return true;
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = a.GetAddressBytes();
            return b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168);
        }
        return a.IsIPv6LinkLocal;
    }
}
