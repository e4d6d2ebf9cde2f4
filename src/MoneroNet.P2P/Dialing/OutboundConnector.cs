using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MoneroNet.P2P.AddressBook;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.PeerLists;
using MoneroNet.P2P.Protocol;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Dialing;

/// <summary>
/// Everything we dial: peer connections (within --out-peers, one dial an address at a time), back-pings of incoming
/// peers' advertised ports and gray-list probes. Owns: the out-peers limit and the set of dials in flight, counted
/// together under one lock so that dials and open connections never exceed the limit.
/// </summary>
internal sealed class OutboundConnector
{
    private readonly P2POptions _options;
    private readonly ConnectionManager _connections;
    private readonly PeerAddressBook _addressBook;
    private readonly PeerProtocol _protocol;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ILogger _throttleLog;
    private readonly CancellationToken _stopping;
    private readonly Lock _lock = new();
    private readonly HashSet<IPEndPoint> _dialing = [];
    private long _outPeers;

    public OutboundConnector(P2POptions options, ConnectionManager connections, PeerAddressBook addressBook,
        PeerProtocol protocol, TimeProvider time, P2PLoggers log, CancellationToken stopping)
    {
        _options = options;
        _connections = connections;
        _addressBook = addressBook;
        _protocol = protocol;
        _time = time;
        _log = log.Node;
        _throttleLog = log.Throttle;
        _stopping = stopping;
        _outPeers = options.OutPeers;
    }

    public long OutPeers => Volatile.Read(ref _outPeers);

    /// <summary>Outgoing peer slots neither connected nor being dialled (0..1024).</summary>
    public int FreeSlots()
    {
        lock (_lock) return (int)Math.Clamp(OutPeers - _connections.Registry.CountOutgoingPeers() - _dialing.Count, 0, 1024);
    }

    /// <summary>The addresses being dialled now (a snapshot).</summary>
    public IPEndPoint[] InFlight()
    {
        lock (_lock) return [.. _dialing];
    }

    /// <summary>
    /// Dials <paramref name="remote"/> and starts a handshake; null when the dial failed or was not allowed (banned
    /// host, out-peers limit reached, a dial to it already under way).
    /// </summary>
    /// <param name="type">Why we dial: the maintainer names its pick (outbound, anchor, seed, priority, exclusive,
    /// manual); the public dial is <see cref="PeerConnectionType.Manual"/>.</param>
    public async Task<PeerSession?> ConnectAsync(IPEndPoint remote, PeerConnectionType type, CancellationToken cancellationToken = default)
    {
        remote = ConnectionManager.Normalize(remote);
        if (_options.Offline)
        {
            P2PLog.DialSkipped(_log, remote, "the node is offline");
            return null;
        }
        if (_addressBook.IsBanned(remote.Address))
        {
            P2PLog.DialSkipped(_log, remote, "host is banned");
            return null;
        }
        lock (_lock)
        {
            if (_dialing.Contains(remote)) return null;
            if (_connections.Registry.CountOutgoingPeers() + _dialing.Count >= OutPeers) return null;
            _dialing.Add(remote);
        }
        try
        {
            var socket = await DialAsync(remote, _options.Timings.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            if (socket is null || _connections.TryCreate(socket, incoming: false, remote, local: null, SessionKind.Peer, type) is not { } session)
            {
                _addressBook.Backoff.RecordFailure(remote);
                return null;
            }
            _connections.Start(session);
            _protocol.Handshake.Start(session);
            return session;
        }
        finally
        {
            lock (_lock) _dialing.Remove(remote);
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
            using var timer = new CancellationTokenSource(timeout, _time);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping, timer.Token);
            await socket.ConnectAsync(remote, cts.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            P2PLog.DialFailed(_log, remote, ex is OperationCanceledException ? "connect timed out" : ex.Message);
            socket.Dispose();
            return null;
        }
    }

    /// <summary>Sets the outgoing limit (monerod's /out_peers) and drops excess outgoing connections at once.</summary>
    public void SetOutPeers(long limit)
    {
        limit = Math.Max(0, limit);
        PeerSession[] open;
        lock (_lock)
        {
            Volatile.Write(ref _outPeers, limit);
            open = _connections.Registry.All.Where(s => !s.Incoming && !s.IsProbe && !s.IsClosed).ToArray();
        }
        if (open.Length <= limit) return;
        Random.Shared.Shuffle(open);
        foreach (var s in open.Take((int)(open.Length - limit)))
        {
            P2PLog.DroppedForLimit(_throttleLog, s.Address, limit, "out");
            s.Close(DisconnectReason.ConnectionLimit, $"out-peers limit lowered to {limit}");
        }
    }

    /// <summary>
    /// monerod's try_ping: a new outgoing connection to the incoming peer's IP and advertised port (2 s connect
    /// timeout), one 1003 ping without a handshake; status "OK" with the handshake's peer id makes that address
    /// white. The connection is listed (outgoing, before_handshake) while it lasts.
    /// </summary>
    public async Task BackPingAsync(PeerSession incoming)
    {
        var target = new IPEndPoint(incoming.RemoteEndPoint.Address, (int)incoming.AdvertisedPort);
        ulong expectedId = incoming.PeerId;
        uint pruningSeed = incoming.PruningSeed;
        ushort rpcPort = incoming.RpcPort;
        uint credits = incoming.RpcCreditsPerHash;
        if (_addressBook.IsBanned(target.Address)) return;
        var socket = await DialAsync(target, _options.Timings.BackPingConnectTimeout, CancellationToken.None).ConfigureAwait(false);
        if (socket is null)
        {
            P2PLog.BackPing(_log, target, "connect failed");
            return;
        }
        if (_connections.TryCreate(socket, incoming: false, target, local: null, SessionKind.BackPing) is not { } ping) return;
        var answered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onClose = ping.Closed.Register(() => answered.TrySetResult(false));
        _connections.Start(ping);
        ping.SendRequest(P2PCommands.Ping, new PingRequest().ToSection(), _options.Timings.HandshakeTimeout, extendable: false,
            (s, rc, body) =>
            {
                bool ok = false;
                if (rc > 0 && body is not null)
                {
                    var response = PingResponse.FromSection(body);
                    ok = response.Status == NetworkConstants.PingOkStatus && response.PeerId == expectedId;
                }
                answered.TrySetResult(ok);
                s.Close(DisconnectReason.BackPingDone, ok ? "back-ping answered" : $"back-ping refused (rc {rc})");
            });
        bool success = await answered.Task.ConfigureAwait(false);
        P2PLog.BackPing(_log, target, success ? "succeeded" : "failed");
        if (success) _addressBook.OnBackPingAnswered(target, expectedId, pruningSeed, rpcPort, credits);
    }

    /// <summary>
    /// monerod's check_connection_and_handshake_with_peer: dials <paramref name="target"/>, handshakes taking only its
    /// peer list, closes; true when it answered. Failures and successes feed the backoff (record_addr_failed).
    /// </summary>
    public async Task<bool> ProbePeerListAsync(IPEndPoint target)
    {
        var socket = await DialAsync(target, _options.Timings.ConnectTimeout, CancellationToken.None).ConfigureAwait(false);
        if (socket is null || _connections.TryCreate(socket, incoming: false, target, local: null, SessionKind.PeerListProbe) is not { } probe)
        {
            _addressBook.Backoff.RecordFailure(target);
            return false;
        }
        var answered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onClose = probe.Closed.Register(() => answered.TrySetResult(false));
        _connections.Start(probe);
        _protocol.Handshake.StartPeerListOnly(probe, ok => answered.TrySetResult(ok));
        bool ok = await answered.Task.ConfigureAwait(false);
        probe.Close(DisconnectReason.PeerListProbeDone, ok ? "peer list taken" : "peer list probe failed");
        if (ok) _addressBook.Backoff.RecordSuccess(target);
        else _addressBook.Backoff.RecordFailure(target);
        return ok;
    }

    /// <summary>Whether monerod would back-ping this incoming peer's address (loopback only with the test hook).</summary>
    public bool MayBackPing(PeerSession session) =>
        session.AdvertisedPort is > 0 and <= ushort.MaxValue
        && ((_options.BackPingLoopback && IPAddress.IsLoopback(session.RemoteEndPoint.Address))
            || AddressRules.IsPingable(session.RemoteEndPoint.Address, _options.AllowLocalIp));
}
