using System.Net;
using MoneroNet.P2P;
using MoneroNet.P2P.Bans;
using MoneroNet.Node.Logging;
using MoneroNet.Rpc;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Node.Hosting;

/// <summary>
/// The RPC layer's admin methods (set_bans, /in_peers, /out_peers, /set_limit) applied to the P2P node, and
/// /set_log_level, /set_log_categories applied to the host's <see cref="LogLevelPolicy"/> (when it has one), and
/// /stop_daemon handed to the host's stop (when it gives one).
/// </summary>
internal sealed class P2PNodeControl(P2PNode node, LogLevelPolicy? logging = null, Action? requestStop = null) : INodeControl
{
    public bool RequestStop()
    {
        if (requestStop is null)
            return false;
        requestStop();
        return true;
    }

    public bool SetLogLevel(int level)
    {
        if (logging is null)
            return false;
        logging.SetLevel(level);
        return true;
    }

    public string? SetLogCategories(string categories) => logging?.SetLog(categories);

    /// <summary>The P2P node's limits are longs and "unlimited" is any value above the connection count: u32 max is one.</summary>
    public void SetInPeers(uint limit) => node.SetInPeers(limit);

    public void SetOutPeers(uint limit) => node.SetOutPeers(limit);

    public RateLimitsSnapshot SetRateLimits(long? upKBps, long? downKBps)
    {
        if (upKBps is { } up) node.RateLimits.UpKBps = up;
        if (downKBps is { } down) node.RateLimits.DownKBps = down;
        return new RateLimitsSnapshot(node.RateLimits.UpKBps, node.RateLimits.DownKBps);
    }

    public void Ban(IPAddress address, TimeSpan duration) => node.Bans.Ban(address, duration);

    public void Ban(IPNetwork subnet, TimeSpan duration) => node.Bans.Ban(subnet, duration);

    public void AutoBan(IPAddress address, TimeSpan duration, string reason) =>
        node.Bans.Ban(address, duration, BanSources.Auto(reason));

    public void Unban(IPAddress address) => node.Bans.Unban(address);

    public void Unban(IPNetwork subnet) => node.Bans.Unban(subnet);
}
