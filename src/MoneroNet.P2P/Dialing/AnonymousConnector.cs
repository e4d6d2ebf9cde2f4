using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Protocol;
using MoneroNet.P2P.Transport;
using MoneroNet.P2P.Zones;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Dialing;

/// <summary>
/// Dials Tor and I2P peers through their zone's SOCKS proxy (--tx-proxy; monerod's socks_connect): the name goes to
/// the proxy as a name, the connection belongs to the zone and is known by the dialled address. Owns: each zone's
/// dials in flight, counted with its open outgoing connections against the zone's limit under one lock. A failed
/// dial is one log line with the SOCKS failure and a step of the zone's backoff, never an exception.
/// </summary>
internal sealed class AnonymousConnector
{
    private readonly AnonymityZones _zones;
    private readonly ConnectionManager _connections;
    private readonly PeerProtocol _protocol;
    private readonly P2PTimings _timings;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationToken _stopping;
    private readonly Lock _lock = new();
    private readonly HashSet<NetworkAddress> _dialing = [];

    public AnonymousConnector(AnonymityZones zones, ConnectionManager connections, PeerProtocol protocol, P2PTimings timings,
        TimeProvider time, P2PLoggers log, CancellationToken stopping)
    {
        _zones = zones;
        _connections = connections;
        _protocol = protocol;
        _timings = timings;
        _time = time;
        _log = log.Node;
        _stopping = stopping;
    }

    /// <summary>Outgoing slots of <paramref name="zone"/> neither connected nor being dialled.</summary>
    public int FreeSlots(AnonymityZone zone)
    {
        lock (_lock)
        {
            int dialing = _dialing.Count(a => NetworkZones.Of(a) == zone.Zone);
            return (int)Math.Clamp(zone.OutPeers - _connections.Registry.CountOutgoingPeersIn(zone.Zone) - dialing, 0, 1024);
        }
    }

    /// <summary>Whether any dial of <paramref name="zone"/> is under way.</summary>
    public bool IsDialingIn(NetworkZone zone)
    {
        lock (_lock) return _dialing.Any(a => NetworkZones.Of(a) == zone);
    }

    /// <summary>Whether a dial to <paramref name="target"/> is under way.</summary>
    public bool IsDialing(NetworkAddress target)
    {
        lock (_lock) return _dialing.Contains(target);
    }

    /// <summary>
    /// Dials <paramref name="target"/> (a Tor or I2P address) through its zone's proxy and starts a handshake; null
    /// when the zone has no proxy, its limit is reached, a dial to it is under way, or the dial failed (logged).
    /// </summary>
    public async Task<PeerSession?> ConnectAsync(NetworkAddress target, PeerConnectionType type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (_zones.Get(NetworkZones.Of(target)) is not { Proxy: { } proxy } zone || !target.IsKnownAnonymityHost)
        {
            P2PLog.ZoneDialSkipped(_log, target, "no --tx-proxy for its zone");
            return null;
        }
        lock (_lock)
        {
            if (_dialing.Contains(target)) return null;
            int dialing = _dialing.Count(a => NetworkZones.Of(a) == zone.Zone);
            if (_connections.Registry.CountOutgoingPeersIn(zone.Zone) + dialing >= zone.OutPeers) return null;
            _dialing.Add(target);
        }
        try
        {
            Socket socket;
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping);
                socket = await Socks5Client.ConnectAsync(proxy.Proxy, target.Host!, target.Port, _timings.ConnectTimeout,
                    _timings.SocksConnectTimeout, _time, linked.Token).ConfigureAwait(false);
            }
            catch (SocksException ex)
            {
                P2PLog.SocksDialFailed(_log, target, proxy.Proxy, ex.Failure, ex.Message);
                zone.Backoff.RecordFailure(target);
                return null;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            IPEndPoint remote;
            try { remote = ConnectionManager.Normalize((IPEndPoint)socket.RemoteEndPoint!); }
            catch (SocketException)
            {
                socket.Dispose();
                zone.Backoff.RecordFailure(target);
                return null;
            }
            if (_connections.TryCreate(socket, incoming: false, remote, local: null, SessionKind.Peer, type, target) is not { } session)
            {
                zone.Backoff.RecordFailure(target);
                return null;
            }
            _connections.Start(session);
            _protocol.Handshake.Start(session);
            return session;
        }
        finally
        {
            lock (_lock) _dialing.Remove(target);
        }
    }
}
