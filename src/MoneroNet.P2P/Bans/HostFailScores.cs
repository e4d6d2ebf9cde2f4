using System.Net;

namespace MoneroNet.P2P.Bans;

/// <summary>
/// monerod's per-IP fail score (add_host_fail): protocol offences add points; when a host's score goes above 10
/// (P2P_IP_FAILS_BEFORE_BLOCK) it is banned (P2P_IP_BLOCKTIME, 24 h) and its score drops to 5, so the next offences
/// ban it again sooner. Scores never decay while the node runs, as in monerod.
/// </summary>
internal sealed class HostFailScores
{
    public const int FailsBeforeBlock = 10;

    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, int> _scores = [];

    /// <summary>Adds <paramref name="score"/> to the host's score; true when the host must now be banned.</summary>
    public bool Add(IPAddress address, int score)
    {
        var ip = BanList.Normalize(address);
        lock (_lock)
        {
            _scores.TryGetValue(ip, out int current);
            current = (int)Math.Min((long)current + score, int.MaxValue);
            if (current > FailsBeforeBlock)
            {
                _scores[ip] = FailsBeforeBlock / 2;
                return true;
            }
            _scores[ip] = current;
            return false;
        }
    }

    public int ScoreOf(IPAddress address)
    {
        lock (_lock) return _scores.TryGetValue(BanList.Normalize(address), out int s) ? s : 0;
    }
}
