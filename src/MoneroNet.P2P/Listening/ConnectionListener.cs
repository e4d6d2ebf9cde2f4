using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MoneroNet.P2P.AddressBook;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Zones;

namespace MoneroNet.P2P.Listening;

/// <summary>
/// The inbound server (Kestrel's transport plus connection dispatcher, Cuprate's inbound server): binds the listen
/// sockets, runs one accept loop each, refuses banned hosts, admits the rest through <see cref="IncomingAdmission"/>
/// and hands admitted sockets to the <see cref="ConnectionManager"/>, whose read loops run on the thread pool, never
/// on the accept loop. Owns: the listen sockets and endpoints, the accept loops, the admission permits.
/// The node has one for the public zone and one for each --anonymous-inbound: such a listener's connections belong to
/// its zone and are known by the zone's unknown host (the Tor/I2P daemon does not tell us who called); its only limit
/// is the inbound's max connections, and IP bans do not apply (every caller is the daemon on loopback).
/// </summary>
internal sealed class ConnectionListener
{
    private readonly ConnectionManager _connections;
    private readonly PeerAddressBook _addressBook;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ILogger _throttleLog;
    private readonly List<Socket> _sockets = [];
    private readonly List<IPEndPoint> _endPoints = [];
    private readonly List<Task> _acceptLoops = [];
    private readonly AnonymousInbound? _inbound;

    public ConnectionListener(P2POptions options, ConnectionManager connections, PeerAddressBook addressBook,
        TimeProvider time, P2PLoggers log, AnonymousInbound? inbound = null)
    {
        _inbound = inbound;
        _connections = connections;
        _addressBook = addressBook;
        _time = time;
        _log = log.Node;
        _throttleLog = log.Throttle;
        Admission = inbound is null
            ? new IncomingAdmission(options.InPeers, options.MaxConnectionsPerIp, options.IncomingDescriptorBudget)
            : new IncomingAdmission(inbound.MaxConnections, int.MaxValue, options.IncomingDescriptorBudget);
    }

    /// <summary>The zone whose connections this listener accepts.</summary>
    public NetworkZone Zone => _inbound?.Zone ?? NetworkZone.Public;

    public IncomingAdmission Admission { get; }

    /// <summary>The bound endpoints, kept from bind time (a disposed socket's LocalEndPoint throws).</summary>
    public IReadOnlyList<IPEndPoint> EndPoints => _endPoints;

    /// <summary>Binds <paramref name="endPoint"/> with the system's maximum backlog; accepting starts with <see cref="Start"/>.</summary>
    public void Bind(IPEndPoint endPoint)
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
        _sockets.Add(socket);
        _endPoints.Add((IPEndPoint)socket.LocalEndPoint!);
    }

    /// <summary>Starts one accept loop per bound socket; they end when <paramref name="stopping"/> is cancelled.</summary>
    public void Start(CancellationToken stopping)
    {
        for (int i = 0; i < _sockets.Count; i++) _acceptLoops.Add(AcceptLoopAsync(_sockets[i], _endPoints[i], stopping));
    }

    /// <summary>Closes the listen sockets and waits for the accept loops to end.</summary>
    public Task StopAsync()
    {
        foreach (var s in _sockets) s.Dispose();
        return Task.WhenAll(_acceptLoops);
    }

    private async Task AcceptLoopAsync(Socket listener, IPEndPoint endPoint, CancellationToken token)
    {
        var backoff = new AcceptBackoff(_time);
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
                // Out of descriptors (EMFILE/ENFILE) or another failure: wait, longer each time, and log sparingly.
                var (delay, log, unlogged) = backoff.OnFailure();
                if (log) P2PLog.AcceptFailing(_log, endPoint, backoff.Consecutive, unlogged, delay.TotalMilliseconds, ex.Message);
                try { await Task.Delay(delay, _time, token).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
                continue;
            }
            backoff.OnSuccess();
            try { Accept(socket); }
            catch (Exception ex)
            {
                // Whatever one connection does, the loop keeps accepting the others.
                P2PLog.AcceptFailed(_log, endPoint, ex);
                socket.Dispose();
            }
        }
    }

    private void Accept(Socket socket)
    {
        IPEndPoint remote, local;
        try
        {
            remote = ConnectionManager.Normalize((IPEndPoint)socket.RemoteEndPoint!);
            local = ConnectionManager.Normalize((IPEndPoint)socket.LocalEndPoint!);
        }
        catch (SocketException)
        {
            socket.Dispose(); // reset before we looked at it
            return;
        }
        // A banned host is accepted by the kernel and closed at once (monerod: FIN right after accept).
        if (_inbound is null && _addressBook.IsBanned(remote.Address))
        {
            P2PLog.IncomingRefused(_throttleLog, remote, "host is banned");
            socket.Dispose();
            return;
        }
        // The permit is reserved under the admission lock; everything after runs with no lock held. The check
        // happens at accept, as the 0.18 binary and master do.
        var refusal = Admission.TryReserve(remote.Address);
        if (refusal != AdmissionRefusal.None && _inbound is not null)
        {
            P2PLog.ZoneIncomingRefused(_throttleLog, NetworkZones.NameOf(Zone), $"incoming connections limit ({Admission.Limit}) reached");
            socket.Dispose();
            return;
        }
        if (refusal != AdmissionRefusal.None)
        {
            if (_throttleLog.IsEnabled(LogLevel.Information))
            {
                P2PLog.IncomingRefused(_throttleLog, remote, refusal switch
                {
                    AdmissionRefusal.InPeersLimit => $"incoming connections limit ({Admission.Limit}) reached",
                    AdmissionRefusal.DescriptorBudget => $"the {Admission.DescriptorBudget} descriptors kept for incoming peers are in use",
                    _ => $"connections per IP limit ({Admission.MaxPerHost}) reached",
                });
            }
            socket.Dispose();
            return;
        }
        if (_connections.TryCreate(socket, incoming: true, remote, local, address: _inbound?.DefaultRemote) is not { } session)
        {
            Admission.Release(remote.Address);
            return;
        }
        // From here the session's close hook gives the permit back.
        _connections.Start(session);
    }

    /// <summary>
    /// Sets the incoming limit (monerod's /in_peers) and drops randomly chosen excess incoming connections at once;
    /// the victims are chosen, then closed with no lock held.
    /// </summary>
    public void SetInPeers(long limit)
    {
        limit = Math.Max(0, limit);
        Admission.SetLimit(limit);
        var open = _connections.Registry.All.Where(s => s.Incoming && s.Zone == Zone && !s.IsClosed).ToArray();
        if (open.Length <= limit) return;
        Random.Shared.Shuffle(open);
        foreach (var s in open.Take((int)(open.Length - limit)))
        {
            P2PLog.DroppedForLimit(_throttleLog, s.Address, limit, "in");
            s.Close(DisconnectReason.ConnectionLimit, $"in-peers limit lowered to {limit}");
        }
    }
}
