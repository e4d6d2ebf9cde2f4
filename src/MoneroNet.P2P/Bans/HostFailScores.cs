using System.Net;

namespace MoneroNet.P2P.Bans;

/// <summary>
/// monerod's per-IP fail score (add_host_fail): protocol offences add points; when a host's score goes above 10
/// (P2P_IP_FAILS_BEFORE_BLOCK) it is banned (P2P_IP_BLOCKTIME, 24 h) and its score drops to 5, so the next offences
/// ban it again sooner. Scores never decay while the node runs, as in monerod — but unlike monerod's map the table is
/// bounded: an attacker cycling through addresses (IPv6 makes that free) must not grow it without end, so past
/// <see cref="MaxHosts"/> the host whose score changed longest ago is forgotten.
/// </summary>
internal sealed class HostFailScores
{
    public const int FailsBeforeBlock = 10;
    public const int MaxHosts = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, (int Score, long Touched)> _scores = [];
    private long _clock;

    /// <summary>Adds <paramref name="score"/> to the host's score; true when the host must now be banned.</summary>
    public bool Add(IPAddress address, int score)
    {
        var ip = BanList.Normalize(address);
        lock (_lock)
        {
            bool known = _scores.TryGetValue(ip, out var entry);
            int current = (int)Math.Min((long)entry.Score + score, int.MaxValue);
            bool ban = current > FailsBeforeBlock;
            _scores[ip] = (ban ? FailsBeforeBlock / 2 : current, ++_clock);
            // O(n) only when a new host arrives at a full table.
            if (!known && _scores.Count > MaxHosts) _scores.Remove(_scores.MinBy(kv => kv.Value.Touched).Key);
            return ban;
        }
    }

    public int ScoreOf(IPAddress address)
    {
        lock (_lock) return _scores.TryGetValue(BanList.Normalize(address), out var e) ? e.Score : 0;
    }

    /// <summary>How many hosts have a score (diagnostics, tests).</summary>
    public int Count
    {
        get { lock (_lock) return _scores.Count; }
    }
}
