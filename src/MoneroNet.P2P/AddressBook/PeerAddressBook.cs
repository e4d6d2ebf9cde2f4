using System.Net;
using Microsoft.Extensions.Logging;
using MoneroNet.P2P.Bans;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Files;
using MoneroNet.P2P.PeerLists;
using MoneroNet.P2P.Zones;
using MoneroNet.Wire;

namespace MoneroNet.P2P.AddressBook;

/// <summary>
/// Everything the node knows about addresses (Cuprate's address book service, monerod's peerlist manager with its
/// blocked hosts and failed addresses): the white/gray/anchor lists and their state file, the bans and the --ban-list
/// file, per-host fail scores, the dial backoff and one connection per peer id. Thread-safe: each part has its own
/// lock, held only to decide; the <see cref="BanList.Banned"/> reaction (closing connections) runs after release.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "_saveLock is a SemaphoreSlim whose wait handle is never used; it holds nothing to release.")]
internal sealed class PeerAddressBook : IAddressBook
{
    private readonly P2POptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ILogger _peerListLog;
    private readonly HostFailScores _failScores = new();
    private readonly PeerIdRegistry<PeerSession> _peerIds = new();
    private readonly SemaphoreSlim _saveLock = new(1, 1);

    public PeerAddressBook(P2POptions options, TimeProvider time, P2PLoggers log, AnonymityZones? zones = null)
    {
        Zones = zones ?? new AnonymityZones(options, time);
        _options = options;
        _time = time;
        _log = log.Node;
        _peerListLog = log.PeerList;
        PeerLists = new PeerListStore(options.AllowLocalIp);
        Bans = new BanList(time);
        Backoff = new DialBackoff(options.Timings.DialBackoffBase, options.Timings.DialBackoffMax, time);
    }

    /// <summary>The public zone's lists.</summary>
    public PeerListStore PeerLists { get; }
    /// <summary>The anonymity zones' lists and backoffs, each apart from the public zone's.</summary>
    public AnonymityZones Zones { get; }
    public BanList Bans { get; }
    public DialBackoff Backoff { get; }

    private long NowUnix => _time.GetUtcNow().ToUnixTimeSeconds();

    public bool IsBanned(IPAddress address) => Bans.IsBanned(address, out _);

    /// <summary>Whether the maintainer may dial a list or seed address now: not banned, not backing off.</summary>
    public bool MayDial(IPEndPoint endPoint) => !IsBanned(endPoint.Address) && !Backoff.IsBackingOff(endPoint);

    // ---- IAddressBook ----------------------------------------------------------------------------------------

    public bool TryClaimPeerId(PeerSession session, out PeerSession? holder)
    {
        // Every anonymity peer says peer id 1 (monerod's zones other than public keep their config's default), so
        // the one-connection-a-peer-id rule can only hold in the public zone, as in monerod.
        if (session.Zone != NetworkZone.Public)
        {
            holder = null;
            return true;
        }
        return _peerIds.TryClaim(session, out holder);
    }

    public IReadOnlyList<PeerlistEntry> PeersToShare(PeerSession session)
    {
        if (session.Zone != NetworkZone.Public) return ZonePeersToShare(session);
        // monerod's per-connection set only grows; ours is one bit per white-list slot (SharedAddressSet), so it is
        // bounded by the white list and costs a peer at most 128 bytes. An address that left the white list and came
        // back may be shared again.
        var picked = PeerLists.PickRandomWhiteNotShared(NetworkConstants.MaxPeersInHandshake, session.SharedAddresses,
            e => !(e.Address.IPAddress is { } ip && IsBanned(ip)));
        var wire = new PeerlistEntry[picked.Count];
        for (int i = 0; i < wire.Length; i++) wire[i] = picked[i].ToWire(zeroLastSeen: true);
        return wire;
    }

    /// <summary>
    /// What an anonymity peer hears: white entries of its own zone only, and — on a connection we dialled, when we
    /// have a hidden service in that zone — our own address with the zone's peer id, as monerod's handle_timed_sync
    /// adds it (then one slot fewer of the 250).
    /// </summary>
    private PeerlistEntry[] ZonePeersToShare(PeerSession session)
    {
        if (Zones.Get(session.Zone) is not { } zone) return [];
        bool addOurs = !session.Incoming && zone.OurAddress is not null;
        var picked = zone.PeerLists.PickRandomWhiteNotShared(NetworkConstants.MaxPeersInHandshake - (addOurs ? 1 : 0),
            session.SharedAddresses, _ => true);
        var wire = new PeerlistEntry[picked.Count + (addOurs ? 1 : 0)];
        for (int i = 0; i < picked.Count; i++) wire[i] = picked[i].ToWire(zeroLastSeen: true);
        if (addOurs) wire[^1] = new PeerlistEntry { Address = zone.OurAddress!, Id = Protocol.LocalIdentity.AnonymityZonePeerId, LastSeen = NowUnix };
        return wire;
    }

    public void MergeReceived(PeerSession session, IReadOnlyList<PeerlistEntry> list)
    {
        if (list.Count == 0) return;
        if (session.Zone != NetworkZone.Public)
        {
            if (Zones.Get(session.Zone) is not { } zone) return;
            var entries = new List<KnownPeer>(list.Count);
            foreach (var e in list)
            {
                if (NetworkZones.Of(e.Address) != session.Zone || zone.Backoff.IsBackingOff(e.Address)) continue;
                if (e.PruningSeed != 0 && !Protocol.SyncDataProcessor.IsValidPruningSeed(e.PruningSeed)) continue;
                entries.Add(KnownPeer.FromWire(e) with { LastSeenUnixSeconds = 0 });
            }
            zone.PeerLists.MergeGray(entries);
            return;
        }
        var accepted = new List<KnownPeer>(list.Count);
        foreach (var e in list)
        {
            if (!AddressRules.IsSaneReceived(e, _options.AllowLocalIp)) continue;
            var ep = e.Address.ToIPEndPoint();
            if (ep is null || IsBanned(ep.Address) || Backoff.IsBackingOff(ep)) continue;
            accepted.Add(KnownPeer.FromWire(e) with { LastSeenUnixSeconds = 0 });
        }
        PeerLists.MergeGray(accepted);
    }

    public void OnOutgoingHandshaked(PeerSession session)
    {
        long now = NowUnix;
        if (session.Zone != NetworkZone.Public)
        {
            if (Zones.Get(session.Zone) is not { } zone) return;
            zone.Backoff.RecordSuccess(session.Address);
            zone.PeerLists.SetJustSeen(new KnownPeer(session.Address, session.PeerId, now, session.PruningSeed, session.RpcPort,
                session.RpcCreditsPerHash));
            zone.PeerLists.AddAnchor(session.Address, session.PeerId, now);
            return;
        }
        Backoff.RecordSuccess(session.RemoteEndPoint);
        PeerLists.SetJustSeen(new KnownPeer(session.Address, session.PeerId, now, session.PruningSeed, session.RpcPort,
            session.RpcCreditsPerHash));
        PeerLists.AddAnchor(session.Address, session.PeerId, now);
    }

    public void OnTimedSyncAnswered(PeerSession session) =>
        StoreOf(session)?.SetJustSeen(new KnownPeer(session.Address, session.PeerId, NowUnix, session.PruningSeed,
            session.RpcPort, session.RpcCreditsPerHash));

    /// <summary>The lists of the session's zone (null for an anonymity zone that is not configured).</summary>
    private PeerListStore? StoreOf(PeerSession session) =>
        session.Zone == NetworkZone.Public ? PeerLists : Zones.Get(session.Zone)?.PeerLists;

    public void AddHostFail(PeerSession session, int score, string reason)
    {
        if (session.Zone == NetworkZone.Public) AddHostFail(session.RemoteEndPoint.Address, score, reason);
    }

    public void AddHostFail(IPAddress address, int score, string reason)
    {
        P2PLog.HostFailed(_log, address, score);
        if (_failScores.Add(address, score)) Bans.Ban(address, _options.Timings.FailBanDuration, BanSources.Auto(reason));
    }

    // ---- connection outcomes ---------------------------------------------------------------------------------

    /// <summary>
    /// A session ended: its peer id is free again; an outgoing peer is no anchor any more (monerod's
    /// on_connection_close) unless the node is stopping (the anchors stay, to be tried first after the restart),
    /// and one that never completed its handshake counts as a failed dial.
    /// </summary>
    public void OnSessionEnded(PeerSession session, bool stopping)
    {
        _peerIds.Release(session);
        if (session.Incoming || session.IsProbe || stopping) return;
        if (session.Zone != NetworkZone.Public)
        {
            if (Zones.Get(session.Zone) is not { } zone) return;
            zone.PeerLists.RemoveAnchor(session.Address);
            if (!session.HandshakeComplete) zone.Backoff.RecordFailure(session.Address);
            return;
        }
        PeerLists.RemoveAnchor(session.Address);
        if (!session.HandshakeComplete) Backoff.RecordFailure(session.RemoteEndPoint);
    }

    /// <summary>A ban was set: the host (or subnet) leaves every list.</summary>
    public void ForgetBanned(BanEntry ban) => PeerLists.RemoveHosts(ip => BanList.Covers(ban, ip));

    /// <summary>An incoming peer's advertised address answered our back-ping: white, with its handshake facts.</summary>
    public void OnBackPingAnswered(IPEndPoint target, ulong peerId, uint pruningSeed, ushort rpcPort, uint credits)
    {
        if (IsBanned(target.Address)) return;
        PeerLists.SetJustSeen(new KnownPeer(NetworkAddress.FromEndPoint(target), peerId, NowUnix, pruningSeed, rpcPort, credits));
    }

    /// <summary>A gray peer answered the housekeeping probe: white with the gray entry's own facts.</summary>
    public void OnGrayPeerReachable(KnownPeer entry) => PeerLists.SetJustSeen(entry with { LastSeenUnixSeconds = NowUnix });

    /// <summary>The fail score of a host (diagnostics, tests).</summary>
    public int FailScoreOf(IPAddress address) => _failScores.ScoreOf(address);

    /// <summary>Failures recorded for an address (dial or handshake) since its last success; for tests and diagnostics.</summary>
    public int DialFailuresOf(IPEndPoint endPoint) => Backoff.FailuresOf(endPoint);

    // ---- persistence -----------------------------------------------------------------------------------------

    private string? StateFilePath => _options.DataDir is { } dir ? Path.Combine(dir, PeerListFile.FileName) : null;

    /// <summary>The public lists' file, then each anonymity zone's own (docs/ARCHITECTURE.md, "Zones").</summary>
    public async Task LoadPeerListsAsync()
    {
        if (StateFilePath is not { } path) return;
        await LoadPeerListsAsync(path, PeerLists).ConfigureAwait(false);
        foreach (var zone in Zones.All)
            await LoadPeerListsAsync(Path.Combine(_options.DataDir!, PeerListFile.ZoneFileName(zone.Zone)), zone.PeerLists).ConfigureAwait(false);
    }

    private async Task LoadPeerListsAsync(string path, PeerListStore store)
    {
        foreach (string stale in PeerListFile.RemoveStaleTemporaryFiles(path)) P2PLog.StaleTemporaryFileRemoved(_peerListLog, stale);
        var result = await PeerListFile.LoadAsync(path, _options.Network, _time).ConfigureAwait(false);
        if (result.State is { } state)
        {
            store.Import(state);
            P2PLog.PeerListsLoaded(_peerListLog, path, state.White.Count, state.Gray.Count, state.Anchor.Count);
        }
        else if (result.SetAsidePath is { } aside)
        {
            P2PLog.PeerListsCorrupt(_peerListLog, path, result.Problem ?? "unreadable", aside);
        }
        else if (result.Problem is { } problem)
        {
            P2PLog.PeerListsIgnored(_peerListLog, path, problem);
        }
    }

    /// <summary>Saves the peer lists now (atomic replace of the state file); no-op without a data dir.</summary>
    public async Task SavePeerListsAsync()
    {
        if (StateFilePath is not { } path) return;
        await _saveLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await PeerListFile.SaveAsync(path, _options.Network, PeerLists.Export()).ConfigureAwait(false);
            foreach (var zone in Zones.All)
            {
                await PeerListFile.SaveAsync(Path.Combine(_options.DataDir!, PeerListFile.ZoneFileName(zone.Zone)), _options.Network,
                    zone.PeerLists.Export()).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            P2PLog.PeerListsSaveFailed(_peerListLog, path, ex);
        }
        finally
        {
            _saveLock.Release();
        }
    }

    /// <summary>Loads the --ban-list file at start; a missing file is an error, as in monerod.</summary>
    /// <exception cref="FileNotFoundException">The --ban-list file does not exist.</exception>
    /// <exception cref="IOException">It is not a regular file, is too large or cannot be read.</exception>
    public async Task LoadBanListAtStartAsync(CancellationToken cancellationToken)
    {
        if (_options.BanListFile is not { } path) return;
        if (!File.Exists(path)) throw new FileNotFoundException($"ban list file not found: {path}", path);
        var (hosts, subnets) = await LoadBanListAsync(path, cancellationToken).ConfigureAwait(false);
        P2PLog.BanListLoaded(_log, path, hosts, subnets);
    }

    /// <summary>
    /// Re-reads the --ban-list file: the file's bans are replaced by its current content; bans set through the RPC or
    /// by fail scores stay. A file that is missing, not a regular file (never opened in a way that could block), too
    /// large or unreadable changes nothing; the result says which, and the caller logs the one line about it.
    /// </summary>
    public async Task<BanListReload> ReloadBanListAsync()
    {
        if (_options.BanListFile is not { } path) return new BanListReload(null, 0, 0, "no --ban-list file is configured");
        try
        {
            var (hosts, subnets) = await LoadBanListAsync(path, CancellationToken.None).ConfigureAwait(false);
            return new BanListReload(path, hosts, subnets, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new BanListReload(path, 0, 0, ex.Message);
        }
    }

    private async Task<(int Hosts, int Subnets)> LoadBanListAsync(string path, CancellationToken cancellationToken)
    {
        const long maxBytes = 64L * 1024 * 1024;
        string text = await RegularFile.ReadAllTextAsync(path, maxBytes, cancellationToken).ConfigureAwait(false);
        var content = BanListFile.Parse(text);
        foreach (var e in content.Errors) P2PLog.BanListLineSkipped(_log, path, e.Line, e.Reason, e.Text);
        Bans.ReplaceFileBans(path, content.Hosts, content.Subnets);
        return (content.Hosts.Count, content.Subnets.Count);
    }
}
