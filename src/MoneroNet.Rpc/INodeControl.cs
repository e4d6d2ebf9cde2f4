using System.Net;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc;

/// <summary>
/// What the RPC layer may change in the running node (the admin methods a restricted server refuses). Kept apart from
/// <see cref="INodeQuery"/> so that a read-only server can be built without it.
/// </summary>
public interface INodeControl
{
    /// <summary>Sets the public-zone incoming limit (<see cref="uint.MaxValue"/> = unlimited); lowering it closes excess incoming connections.</summary>
    void SetInPeers(uint limit);

    /// <summary>Sets the public-zone outgoing limit; lowering it closes excess outgoing connections.</summary>
    void SetOutPeers(uint limit);

    /// <summary>
    /// Sets the node-wide P2P throttle (<c>/set_limit</c>), kB/s; a null direction keeps its limit. Returns the limits
    /// now in force. A node without a throttle does not implement it, and the call fails.
    /// </summary>
    RateLimitsSnapshot SetRateLimits(long? upKBps, long? downKBps) => throw new NotSupportedException("this node has no P2P rate limit");

    /// <summary>Bans a host for <paramref name="duration"/> and closes its connections (a zero duration only closes them).</summary>
    void Ban(IPAddress address, TimeSpan duration);

    /// <summary>Bans an IPv4 subnet for <paramref name="duration"/> and closes the connections inside it.</summary>
    void Ban(IPNetwork subnet, TimeSpan duration);

    /// <summary>
    /// Bans a host on the RPC server's own initiative (its fail score, <see cref="Http.RpcHostGuard"/>): as
    /// <see cref="Ban(IPAddress, TimeSpan)"/>, but the node records the ban's source as "auto:&lt;reason&gt;"
    /// (extended get_bans). A node that keeps no sources bans it as any other.
    /// </summary>
    void AutoBan(IPAddress address, TimeSpan duration, string reason) => Ban(address, duration);

    /// <summary>Lifts the host's ban and punches the host out of any banned subnet holding it.</summary>
    void Unban(IPAddress address);

    /// <summary>Lifts every ban inside the subnet, cutting it out of larger banned subnets (monerod master's arithmetic).</summary>
    void Unban(IPNetwork subnet);

    /// <summary>
    /// /set_log_level: the host's logging takes monerod's preset for <paramref name="level"/> (0-4, checked by the
    /// caller). False when the host does not let the RPC change its logging.
    /// </summary>
    bool SetLogLevel(int level) => false;

    /// <summary>
    /// /set_log_categories: the host's logging takes monerod's category text (a level, <c>+cats</c>, <c>-cats</c> or
    /// categories). Returns the categories now in force, or null when the host does not let the RPC change its logging.
    /// </summary>
    string? SetLogCategories(string categories) => null;

    /// <summary>
    /// /stop_daemon: starts the node's graceful stop (as SIGTERM) and returns at once. False when the host does not let
    /// the RPC stop it.
    /// </summary>
    bool RequestStop() => false;
}
