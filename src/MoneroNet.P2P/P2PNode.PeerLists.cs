using MoneroNet.P2P.AddressBook;
using MoneroNet.P2P.Maintenance;
using System.Net;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.PeerLists;
using MoneroNet.Wire;

namespace MoneroNet.P2P;

/// <summary>
/// How connections feed the peer lists (PROTOCOL.md §3.3, §3.5, §3.7): an outgoing peer is white (and an anchor)
/// once handshaked; an incoming peer only after a successful back-ping of its advertised port; received lists are
/// sanitised into gray; we share random white entries. Also: one connection per peer id, and the state file.
/// </summary>
public sealed partial class P2PNode
{
    private readonly Lock _peerIdLock = new();
    private readonly Dictionary<ulong, PeerSession> _byPeerId = [];
    private readonly SemaphoreSlim _saveLock = new(1, 1);

    private string? StateFilePath => _options.DataDir is { } dir ? Path.Combine(dir, PeerListFile.FileName) : null;

    /// <summary>Raised on the session's read loop when a handshake completed, before our response (responder).</summary>
    private void OnHandshaked(PeerSession session)
    {
        lock (_peerIdLock)
        {
            if (_byPeerId.TryGetValue(session.PeerId, out var other) && other != session && !other.IsClosed)
            {
                // monerod keeps the connection it already has and drops the newer one.
                session.Close(DisconnectReason.DuplicatePeerId, $"peer id {session.PeerId:x16} is already connected ({other.Address})");
                return;
            }
            _byPeerId[session.PeerId] = session;
        }
        P2PLog.Handshaked(_log, session.Address.ToString(), Direction(session), session.PeerId, session.Height, session.SupportFlags);

        if (!session.Incoming)
        {
            _backoff.RecordSuccess(session.RemoteEndPoint);
            long now = NowUnix;
            PeerLists.SetJustSeen(new KnownPeer(session.Address, session.PeerId, now, session.PruningSeed,
                session.RpcPort, session.RpcCreditsPerHash));
            PeerLists.AddAnchor(session.Address, session.PeerId, now);
        }
        else if (session.AdvertisedPort is > 0 and <= ushort.MaxValue && MayBackPing(session.RemoteEndPoint.Address))
        {
            _ = BackPingAsync(session);
        }
    }

    private bool MayBackPing(IPAddress ip) =>
        (_options.BackPingLoopback && IPAddress.IsLoopback(ip)) || AddressRules.IsPingable(ip, _options.AllowLocalIp);

    private void OnSessionEnded(PeerSession session)
    {
        lock (_peerIdLock)
        {
            if (session.PeerId != 0 && _byPeerId.TryGetValue(session.PeerId, out var s) && s == session)
                _byPeerId.Remove(session.PeerId);
        }
        if (session.Incoming || session.IsProbe || _stopping.IsCancellationRequested) return;
        // An outgoing peer that went away is no anchor any more (monerod's on_connection_close); at shutdown the
        // anchors stay, to be tried first after the restart.
        PeerLists.RemoveAnchor(session.Address);
        if (!session.HandshakeComplete) _backoff.RecordFailure(session.RemoteEndPoint);
    }

    /// <summary>
    /// Up to 250 random white entries for a handshake or timed-sync response, never a banned host, last_seen zeroed,
    /// and none already sent on this connection (so a timed sync usually shares nothing).
    /// </summary>
    private IReadOnlyList<PeerlistEntry> PeersToShare(PeerSession session)
    {
        var shared = session.SharedAddresses;
        // monerod's per-connection set only grows; on a long-lived connection white-list churn would grow ours without
        // end (times 10,000 peers). Past twice the white limit it starts afresh: at worst a peer hears an address again.
        if (shared.Count > 2 * PeerListStore.WhiteLimit) shared.Clear();
        var picked = PeerLists.PickRandomWhite(NetworkConstants.MaxPeersInHandshake,
            e => !shared.Contains(e.Address) && !(e.Address.IPAddress is { } ip && Bans.IsBanned(ip, out _)));
        var wire = new PeerlistEntry[picked.Count];
        for (int i = 0; i < wire.Length; i++)
        {
            shared.Add(picked[i].Address);
            wire[i] = picked[i].ToWire(zeroLastSeen: true);
        }
        return wire;
    }

    /// <summary>
    /// A list that passed the whole-list checks: entries monerod's sanitize_peerlist drops are dropped, so are banned
    /// hosts and recently failed addresses; the rest go to gray with last_seen zeroed.
    /// </summary>
    private void OnPeersReceived(PeerSession session, IReadOnlyList<PeerlistEntry> list)
    {
        if (list.Count == 0) return;
        var accepted = new List<KnownPeer>(list.Count);
        foreach (var e in list)
        {
            if (!AddressRules.IsSaneReceived(e, _options.AllowLocalIp)) continue;
            var ep = e.Address.ToIPEndPoint();
            if (ep is null || Bans.IsBanned(ep.Address, out _) || _backoff.IsBackingOff(ep)) continue;
            accepted.Add(KnownPeer.FromWire(e) with { LastSeenUnixSeconds = 0 });
        }
        PeerLists.MergeGray(accepted);
    }

    /// <summary>An outgoing peer that answers a timed sync is seen again (monerod refreshes its white entry).</summary>
    private void OnTimedSyncAnswered(PeerSession session)
    {
        if (session.Incoming || session.IsProbe) return;
        PeerLists.SetJustSeen(new KnownPeer(session.Address, session.PeerId, NowUnix, session.PruningSeed,
            session.RpcPort, session.RpcCreditsPerHash));
    }

    /// <summary>
    /// monerod's try_ping: a new outgoing connection to the incoming peer's IP and advertised port (2 s connect
    /// timeout), one 1003 ping without a handshake; status "OK" with the handshake's peer id makes that address
    /// white. The connection is listed (outgoing, before_handshake) while it lasts.
    /// </summary>
    private async Task BackPingAsync(PeerSession incoming)
    {
        var target = new IPEndPoint(incoming.RemoteEndPoint.Address, (int)incoming.AdvertisedPort);
        ulong expectedId = incoming.PeerId;
        uint pruningSeed = incoming.PruningSeed;
        ushort rpcPort = incoming.RpcPort;
        uint credits = incoming.RpcCreditsPerHash;
        if (Bans.IsBanned(target.Address, out _)) return;
        var socket = await DialAsync(target, _options.Timings.BackPingConnectTimeout, CancellationToken.None).ConfigureAwait(false);
        if (socket is null)
        {
            P2PLog.BackPing(_log, target.ToString(), "connect failed");
            return;
        }
        if (TryCreateSession(socket, incoming: false, target, local: null, backPing: true) is not { } ping) return;
        var answered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onClose = ping.Closed.Register(() => answered.TrySetResult(false));
        Register(ping);
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
        P2PLog.BackPing(_log, target.ToString(), success ? "succeeded" : "failed");
        if (success && !Bans.IsBanned(target.Address, out _))
            PeerLists.SetJustSeen(new KnownPeer(NetworkAddress.FromEndPoint(target), expectedId, NowUnix, pruningSeed, rpcPort, credits));
    }

    // ---- persistence -----------------------------------------------------------------------------------------

    private async Task LoadPeerListsAsync()
    {
        if (StateFilePath is not { } path) return;
        var result = await PeerListFile.LoadAsync(path, _options.Network, _time).ConfigureAwait(false);
        if (result.State is { } state)
        {
            PeerLists.Import(state);
            P2PLog.PeerListsLoaded(_log, path, state.White.Count, state.Gray.Count, state.Anchor.Count);
        }
        else if (result.SetAsidePath is { } aside)
            P2PLog.PeerListsCorrupt(_log, path, result.Problem ?? "unreadable", aside);
        else if (result.Problem is { } problem)
            P2PLog.PeerListsIgnored(_log, path, problem);
    }

    /// <summary>Saves the peer lists now (atomic replace of the state file); no-op without a data dir.</summary>
    internal async Task SavePeerListsAsync()
    {
        if (StateFilePath is not { } path) return;
        await _saveLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await PeerListFile.SaveAsync(path, _options.Network, PeerLists.Export()).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            P2PLog.PeerListsSaveFailed(_log, path, ex);
        }
        finally
        {
            _saveLock.Release();
        }
    }
}
