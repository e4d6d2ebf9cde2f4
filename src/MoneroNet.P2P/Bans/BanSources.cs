namespace MoneroNet.P2P.Bans;

/// <summary>
/// Who set a ban, as extended get_bans reports it: <see cref="Rpc"/> (set_bans), "ban_list:&lt;file name&gt;" (the
/// --ban-list file, named without its directory) or "auto:&lt;reason&gt;" (a fail score that went over its bound; the
/// reason is the offence that tipped it, e.g. "auto:bad_peer_list", or "auto:rpc_fail_score" for the RPC's own score).
/// </summary>
public static class BanSources
{
    /// <summary>An operator's ban through the RPC.</summary>
    public const string Rpc = "rpc";

    private const string BanListPrefix = "ban_list:";

    /// <summary>"ban_list:" and the file's name without its directory.</summary>
    public static string BanListFile(string path) => BanListPrefix + Path.GetFileName(path);

    /// <summary>"auto:" and the reason, snake case.</summary>
    public static string Auto(string reason) => "auto:" + reason;

    /// <summary>Whether a ban came from the --ban-list file (only those are replaced when it is re-read).</summary>
    public static bool IsBanListFile(string source) => source.StartsWith(BanListPrefix, StringComparison.Ordinal);
}
