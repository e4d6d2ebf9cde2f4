using MoneroNet.P2P.AddressBook;
using MoneroNet.P2P.Maintenance;
using System.Net;
using MoneroNet.P2P.Bans;
using MoneroNet.P2P.Connections;

namespace MoneroNet.P2P;

/// <summary>
/// Bans in the node (PROTOCOL.md §4): a ban drops the host's connections at once and removes it from the peer lists;
/// fail scores ban automatically; the --ban-list file is loaded at start and on <see cref="ReloadBanListAsync"/>.
/// </summary>
public sealed partial class P2PNode
{
    private readonly HostFailScores _failScores = new();

    private void OnBanned(BanEntry ban)
    {
        P2PLog.HostBanned(_log, ban.Host, ban.SecondsRemaining);
        foreach (var s in Connections.All)
            if (BanList.Covers(ban, s.RemoteEndPoint.Address))
                s.Close(DisconnectReason.Banned, $"host {ban.Host} banned");
        PeerLists.RemoveHosts(ip => BanList.Covers(ban, ip));
    }

    /// <summary>monerod's add_host_fail: above 10 points the host is banned for 24 h and its score set to 5.</summary>
    private void AddHostFail(IPAddress address, int score)
    {
        P2PLog.HostFailed(_log, address.ToString(), score);
        if (_failScores.Add(address, score)) Bans.Ban(address, _options.Timings.FailBanDuration);
    }

    /// <summary>The fail score of a host (diagnostics, tests).</summary>
    internal int FailScoreOf(IPAddress address) => _failScores.ScoreOf(address);

    /// <summary>
    /// Re-reads the --ban-list file (the host wires SIGHUP here): the file's bans are replaced by its current content;
    /// bans set through the RPC or by fail scores stay. A file that cannot be read is logged and the previous bans kept.
    /// </summary>
    public async Task ReloadBanListAsync()
    {
        if (_options.BanListFile is not { } path) return;
        try
        {
            await LoadBanListAsync(path, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            P2PLog.BanListReloadFailed(_log, path, ex);
        }
    }

    private async Task LoadBanListAsync(string path, CancellationToken cancellationToken)
    {
        const long maxBytes = 64L * 1024 * 1024;
        if (new FileInfo(path).Length > maxBytes) throw new IOException($"ban list {path} is larger than {maxBytes} bytes");
        string text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var content = BanListFile.Parse(text);
        foreach (var e in content.Errors) P2PLog.BanListLineSkipped(_log, path, e.Line, e.Reason, e.Text);
        Bans.ReplaceFileBans(content.Hosts, content.Subnets);
        P2PLog.BanListLoaded(_log, path, content.Hosts.Count, content.Subnets.Count);
    }
}
