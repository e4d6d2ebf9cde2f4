using Microsoft.Extensions.Logging;

namespace MoneroNet.P2P;

/// <summary>
/// The P2P layer's log categories, named as monerod names its own (MONERO_DEFAULT_LOG_CATEGORY in src/p2p,
/// src/cryptonote_protocol and contrib/epee), so a monerod operator's filters and habits carry over.
/// </summary>
public static class P2PLogCategories
{
    /// <summary>The node: listening, stop, handshakes, dials, the maintainer, bans (monerod's net_node.inl).</summary>
    public const string Node = "net.p2p";
    /// <summary>One connection: opened, closed, what it sent that we refused (epee's connection_basic.cpp).</summary>
    public const string Connection = "net.conn";
    /// <summary>Limits: connections refused or dropped for in/out-peers and the per-IP limit (epee's network_throttle).</summary>
    public const string Throttle = "net.throttle";
    /// <summary>The peer lists: loading, saving, gray-list housekeeping.</summary>
    public const string PeerList = "net.peerlist";
    /// <summary>The cryptonote protocol: heights and notifications (monerod's cryptonote_protocol_handler).</summary>
    public const string Cryptonote = "net.cn";
}

/// <summary>One logger a category, created once from the node's factory and handed to the components.</summary>
internal sealed class P2PLoggers(ILoggerFactory factory)
{
    public ILogger Node { get; } = factory.CreateLogger(P2PLogCategories.Node);
    public ILogger Connection { get; } = factory.CreateLogger(P2PLogCategories.Connection);
    public ILogger Throttle { get; } = factory.CreateLogger(P2PLogCategories.Throttle);
    public ILogger PeerList { get; } = factory.CreateLogger(P2PLogCategories.PeerList);
    public ILogger Cryptonote { get; } = factory.CreateLogger(P2PLogCategories.Cryptonote);
}
