using System.Net;
using MoneroNet.Rpc;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Fuzz;

/// <summary>
/// A node for the RPC methods to read: fixed facts, no connections, one host and one subnet ban; the admin calls
/// change nothing, so every execution sees the same node.
/// </summary>
internal sealed class FuzzNode : INodeQuery, INodeControl
{
    private static readonly RateLimitsSnapshot RateLimits = new(RateLimitsSnapshot.MonerodDefaultUpKBps, RateLimitsSnapshot.MonerodDefaultDownKBps);

    private static readonly IPAddress BannedHost = IPAddress.Parse("192.0.2.7");
    private static readonly IPNetwork BannedSubnet = IPNetwork.Parse("198.51.100.0/24");

    private static readonly NodeInfoSnapshot Info = new()
    {
        Network = NodeNetwork.Testnet,
        StartedUnixSeconds = 1_700_000_000,
        InPeersLimit = uint.MaxValue,
        OutPeersLimit = 12,
        IncomingConnections = 0,
        OutgoingConnections = 0,
        WhitePeerlistSize = 0,
        GrayPeerlistSize = 0,
        ChainHeight = 1,
        TopBlockHash = "48ca7cd3c8de5b6a4d53d2861fbdaedca141553559f9be9520068053cda8430b",
        CumulativeDifficulty = 1,
        BestPeerHeight = 0,
        Synchronized = false,
        FreeSpaceBytes = 1_000_000_000,
    };

    private static readonly NetStatsSnapshot NetStats = new()
    {
        StartedUnixSeconds = 1_700_000_000, TotalBytesIn = 0, TotalBytesOut = 0, TotalPacketsIn = 0, TotalPacketsOut = 0,
    };

    private static readonly BanSnapshot[] Bans =
    [
        new() { Address = BannedHost, SecondsRemaining = 3600 },
        new() { Subnet = BannedSubnet, SecondsRemaining = 7200 },
    ];

    public IReadOnlyList<ConnectionSnapshot> GetConnections() => [];

    public NodeInfoSnapshot GetNodeInfo() => Info;

    public NetStatsSnapshot GetNetStats() => NetStats;

    public PeerListsSnapshot GetPeerLists(bool publicOnly) => PeerListsSnapshot.Empty;

    public IReadOnlyList<BanSnapshot> GetBans() => Bans;

    public IReadOnlyList<ClosedConnectionSnapshot> GetClosedConnections(int count) => [];

    public ConnectionStatsSnapshot GetConnectionStats() => new()
    {
        Traffic = CommandTraffic.Empty(),
        ClosesByReason = new Dictionary<string, ulong>(),
        HandshakesByResult = new Dictionary<string, ulong>(),
        Rtt = new RttHistogramSnapshot { UpperBoundsMs = [], Counts = [0], SampleCount = 0, SumMs = 0 },
        SuspectedProxies = [],
    };

    public bool IsBanned(IPAddress address, out long secondsRemaining)
    {
        secondsRemaining = address.Equals(BannedHost) ? 3600 : BannedSubnet.Contains(address) ? 7200 : 0;
        return secondsRemaining > 0;
    }

    /// <summary>monerod's default throttle, so /get_limit and /set_limit run their whole path under the fuzzer; a set
    /// answers what it would be and keeps nothing, as every admin call here.</summary>
    public RateLimitsSnapshot GetRateLimits() => RateLimits;

    public RateLimitsSnapshot SetRateLimits(long? upKBps, long? downKBps) =>
        new(upKBps ?? RateLimits.UpKBps, downKBps ?? RateLimits.DownKBps);

    public bool SetLogLevel(int level) => level is >= 0 and <= 4;

    public string? SetLogCategories(string categories) => categories;

    public void SetInPeers(uint limit)
    {
    }

    public void SetOutPeers(uint limit)
    {
    }

    public void Ban(IPAddress address, TimeSpan duration)
    {
    }

    public void Ban(IPNetwork subnet, TimeSpan duration)
    {
    }

    public void Unban(IPAddress address)
    {
    }

    public void Unban(IPNetwork subnet)
    {
    }
}
