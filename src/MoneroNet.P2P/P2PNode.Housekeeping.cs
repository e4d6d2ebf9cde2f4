using MoneroNet.P2P.AddressBook;
using MoneroNet.P2P.Maintenance;
using System.Net;
using System.Net.Sockets;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.PeerLists;

namespace MoneroNet.P2P;

/// <summary>
/// monerod's slow chores beside the connection maker: the gray-list housekeeping (every minute, not with exclusive
/// nodes: one random gray peer gets a handshake that only takes its peer list — reachable, it turns white; not, it
/// leaves gray) and the hourly check that the node has incoming connections at all.
/// </summary>
public sealed partial class P2PNode
{
    private int _grayProbeRunning;

    /// <summary>
    /// monerod's gray_peerlist_housekeeping with check_connection_and_handshake_with_peer. MoneroNet never syncs, so it
    /// never "needs new sync connections" and always runs it. Only one probe is under way at a time (monerod's runs
    /// inside its idle loop). Returns when the probe is over (tests await it).
    /// </summary>
    internal async Task GrayPeerListHousekeepingAsync()
    {
        if (_options.ExclusiveNodes.Count > 0 || _stopping.IsCancellationRequested) return;
        if (Interlocked.Exchange(ref _grayProbeRunning, 1) != 0) return;
        try
        {
            if (!PeerLists.TryPickRandomGray(out var entry)) return;
            if (entry.Address.ToIPEndPoint() is not { } target) return;
            // should_skip_connect_address: no IPv6 dials without an IPv6 listener; banned hosts are never dialled.
            if (target.AddressFamily == AddressFamily.InterNetworkV6 && _options.BindAddressV6 is null) return;
            if (Bans.IsBanned(target.Address, out _)) return;

            bool reachable = await ProbePeerListAsync(target).ConfigureAwait(false);
            if (reachable)
            {
                // set_peer_just_seen with the gray entry's own facts (the probe does not read the peer's node data).
                PeerLists.SetJustSeen(entry with { LastSeenUnixSeconds = NowUnix });
                P2PLog.GrayPeerChecked(_log, target.ToString(), "answered: promoted to white");
            }
            else
            {
                PeerLists.RemoveGray(entry.Address);
                P2PLog.GrayPeerChecked(_log, target.ToString(), "unreachable: evicted from gray");
            }
        }
        finally
        {
            Volatile.Write(ref _grayProbeRunning, 0);
        }
    }

    /// <summary>Dials <paramref name="target"/>, handshakes taking only its peer list, closes; true when it answered.</summary>
    private async Task<bool> ProbePeerListAsync(IPEndPoint target)
    {
        var socket = await DialAsync(target, _options.Timings.ConnectTimeout, CancellationToken.None).ConfigureAwait(false);
        if (socket is null)
        {
            _backoff.RecordFailure(target); // record_addr_failed
            return false;
        }
        if (TryCreateSession(socket, incoming: false, target, local: null, peerListProbe: true) is not { } probe)
        {
            _backoff.RecordFailure(target);
            return false;
        }
        var answered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onClose = probe.Closed.Register(() => answered.TrySetResult(false));
        Register(probe);
        _protocol.Handshake.StartPeerListOnly(probe, ok => answered.TrySetResult(ok));
        bool ok = await answered.Task.ConfigureAwait(false);
        probe.Close(DisconnectReason.PeerListProbeDone, ok ? "peer list taken" : "peer list probe failed");
        if (ok) _backoff.RecordSuccess(target);
        else _backoff.RecordFailure(target);
        return ok;
    }

    /// <summary>
    /// monerod's check_incoming_connections, run every hour: with no incoming connection at that moment, a warning
    /// to check the firewall for the listening port — or, when incoming connections are disabled (--hide-my-port or
    /// in-peers 0), an informational line saying so.
    /// </summary>
    internal void CheckIncomingConnections()
    {
        if (Connections.CountIncoming() > 0) return;
        if (_options.HideMyPort || InPeers == 0) P2PLog.IncomingConnectionsDisabled(_log);
        else P2PLog.NoIncomingConnections(_log, _listenEndPoints.Count > 0 ? _listenEndPoints[0].Port : _options.Port);
    }
}
