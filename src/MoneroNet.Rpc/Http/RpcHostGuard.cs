using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace MoneroNet.Rpc.Http;

/// <summary>
/// The RPC server's side of the node's ban list (docs/PROTOCOL.md §7.8). A connection from a banned host (a host ban or
/// a subnet holding it, <see cref="INodeQuery.IsBanned"/>) is closed at accept, before it is counted, TLS-detected or
/// parsed, as monerod's connection filter does; the client sees the connection close without a byte. A failing request
/// (monerod's <c>core_rpc_server::add_host_fail</c>) adds to the caller's RPC fail score, a table of this server's own,
/// apart from the P2P scores; when it goes above <see cref="FailsBeforeBlock"/> the host is banned for
/// <see cref="BlockTime"/> through <see cref="INodeControl.Ban(IPAddress, TimeSpan)"/> (the one ban list, so get_bans
/// shows it and P2P refuses it too) and its score drops to <see cref="FailsBeforeBlock"/> / 2.
/// With --disable-rpc-ban nothing is scored or banned for RPC failures; banned hosts are still refused.
/// </summary>
/// <remarks>
/// Beyond monerod, which bans any IP address, the host's own loopback addresses 127.0.0.1 and ::1 are never refused
/// nor scored here: they are the operator's tools (and a local proxy's clients), and monerod locks them out of its RPC
/// for 24 h after four failing requests, or for as long as a set_bans of 127.0.0.1 meant for P2P lasts, with no RPC
/// left to lift it. Their bans still apply to P2P. Other loopback addresses are treated as monerod treats them.
/// Scores never decay while the node runs, as in monerod; the table is bounded (<see cref="MaxHosts"/>, the host whose
/// score changed longest ago is forgotten first).
/// </remarks>
public sealed class RpcHostGuard
{
    /// <summary>monerod's RPC_IP_FAILS_BEFORE_BLOCK: the host is banned once its score goes above it (at 4).</summary>
    public const int FailsBeforeBlock = 3;

    /// <summary>Hosts with a score kept at most.</summary>
    public const int MaxHosts = 10_000;

    /// <summary>How long an RPC fail-score ban lasts: block_host's default, P2P_IP_BLOCKTIME (24 h).</summary>
    public static readonly TimeSpan BlockTime = TimeSpan.FromSeconds(86400);

    /// <summary>The reason of this guard's bans, so extended get_bans shows them as "auto:rpc_fail_score".</summary>
    public const string AutoBanReason = "rpc_fail_score";

    private readonly INodeQuery? _bans;
    private readonly INodeControl? _control;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, (int Score, long Touched)> _scores = [];
    private long _clock;

    /// <param name="bans">Where bans are looked up; null refuses nobody.</param>
    /// <param name="control">Where fail-score bans are set; null scores nobody.</param>
    /// <param name="disableRpcBan">--disable-rpc-ban: failing requests are neither scored nor banned.</param>
    public RpcHostGuard(INodeQuery? bans, INodeControl? control, bool disableRpcBan, ILogger logger)
    {
        _bans = bans;
        _control = control;
        DisableRpcBan = disableRpcBan;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public bool DisableRpcBan { get; }

    /// <summary>Hosts with a score now (diagnostics, tests).</summary>
    public int ScoredHosts
    {
        get
        {
            lock (_lock)
            {
                return _scores.Count;
            }
        }
    }

    /// <summary>Whether a connection from <paramref name="remote"/> is refused: the host is banned and not exempt.</summary>
    public bool IsRefused(IPAddress remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var ip = Normalize(remote);
        return _bans is not null && !IsExempt(ip) && _bans.IsBanned(ip, out _);
    }

    /// <summary>
    /// Adds <paramref name="score"/> to the host's RPC fail score and bans it when the score goes above
    /// <see cref="FailsBeforeBlock"/>. Returns false when nothing was counted (--disable-rpc-ban, an exempt address, no
    /// node control), as monerod's add_host_fail does.
    /// </summary>
    public bool AddHostFail(IPAddress remote, int score = 1)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(score);
        var ip = Normalize(remote);
        if (DisableRpcBan || _control is null || IsExempt(ip))
        {
            return false;
        }

        int current;
        bool ban;
        lock (_lock)
        {
            bool known = _scores.TryGetValue(ip, out var entry);
            current = (int)Math.Min((long)entry.Score + score, int.MaxValue);
            ban = current > FailsBeforeBlock;
            _scores[ip] = (ban ? FailsBeforeBlock / 2 : current, ++_clock);
            // O(n) only when a new host arrives at a full table.
            if (!known && _scores.Count > MaxHosts)
            {
                _scores.Remove(_scores.MinBy(kv => kv.Value.Touched).Key);
            }
        }

        RpcLog.HostFailScore(_logger, ip, current);
        if (ban)
        {
            RpcLog.HostBannedForFailures(_logger, ip, (long)BlockTime.TotalSeconds);
            _control.AutoBan(ip, BlockTime, AutoBanReason);
        }

        return true;
    }

    /// <summary>The host's RPC fail score now (0 when it has none).</summary>
    public int ScoreOf(IPAddress remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        lock (_lock)
        {
            return _scores.TryGetValue(Normalize(remote), out var entry) ? entry.Score : 0;
        }
    }

    /// <summary>127.0.0.1 and ::1 (also IPv4-mapped): never refused for a ban, never scored.</summary>
    public static bool IsExempt(IPAddress address) => RpcAdmission.IsHostLoopback(address);

    /// <summary>
    /// Kestrel connection middleware, installed before the caps: a banned host's connection is closed before
    /// anything is parsed from it. A connection without an IP endpoint (none in practice) is let through.
    /// </summary>
    internal ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        if (connection.RemoteEndPoint is IPEndPoint { Address: var remote } && IsRefused(remote))
        {
            RpcLog.BannedHostRefused(_logger, remote);
            // Returning without next: Kestrel then closes the socket gracefully (FIN), as monerod's close() does;
            // Abort would reset it instead.
            return;
        }

        await next(connection).ConfigureAwait(false);
    };

    /// <summary>The address as the ban list keys it: IPv4-mapped IPv6 as IPv4, no IPv6 scope id.</summary>
    private static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : new IPAddress(address.GetAddressBytes());
}
