using System.Net;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Tests.Support;

/// <summary>A node whose state the test sets; <see cref="FakeNodeControl"/> changes it as the real node would.</summary>
internal sealed class FakeNodeQuery(params ConnectionSnapshot[] connections) : INodeQuery
{
    /// <summary>Testnet's genesis block hash.</summary>
    public const string TestnetGenesis = "48ca7cd3c8de5b6a4d53d2861fbdaedca141553559f9be9520068053cda8430b";

    private readonly object _lock = new();
    private readonly Dictionary<IPAddress, long> _hostBans = [];
    private readonly Dictionary<IPNetwork, long> _subnetBans = [];
    private volatile IReadOnlyList<ConnectionSnapshot> _connections = connections;
    private volatile NodeInfoSnapshot _info = DefaultInfo();

    public int Calls;

    /// <summary>The clock bans are measured against (unix seconds); the test moves it.</summary>
    public long Now { get; set; } = RunningServer.Epoch.ToUnixTimeSeconds();

    public IReadOnlyList<ConnectionSnapshot> Connections
    {
        get => _connections;
        set => _connections = value;
    }

    public NodeInfoSnapshot Info
    {
        get => _info;
        set => _info = value;
    }

    public NetStatsSnapshot NetStats { get; set; } = new()
    {
        StartedUnixSeconds = 0, TotalBytesIn = 0, TotalBytesOut = 0, TotalPacketsIn = 0, TotalPacketsOut = 0,
    };

    public PeerListsSnapshot PublicPeerLists { get; set; } = PeerListsSnapshot.Empty;

    /// <summary>The lists with every zone; the public ones when not set.</summary>
    public PeerListsSnapshot? AllPeerLists { get; set; }

    public List<bool> PeerListRequests { get; } = [];

    public static NodeInfoSnapshot DefaultInfo() => new()
    {
        Network = NodeNetwork.Testnet,
        StartedUnixSeconds = RunningServer.Epoch.ToUnixTimeSeconds() - 60,
        InPeersLimit = uint.MaxValue,
        OutPeersLimit = 12,
        IncomingConnections = 0,
        OutgoingConnections = 0,
        WhitePeerlistSize = 0,
        GrayPeerlistSize = 0,
        ChainHeight = 1,
        TopBlockHash = TestnetGenesis,
        CumulativeDifficulty = 1,
        BestPeerHeight = 0,
        Synchronized = false,
        FreeSpaceBytes = 1_000_000_000,
    };

    public IReadOnlyList<ConnectionSnapshot> GetConnections()
    {
        Interlocked.Increment(ref Calls);
        return _connections;
    }

    public NodeInfoSnapshot GetNodeInfo() => _info;

    public NetStatsSnapshot GetNetStats() => NetStats;

    /// <summary>The throttle /get_limit reads and <see cref="FakeNodeControl.SetRateLimits"/> changes.</summary>
    public RateLimitsSnapshot RateLimits { get; set; } = new(RateLimitsSnapshot.MonerodDefaultUpKBps, RateLimitsSnapshot.MonerodDefaultDownKBps);

    public RateLimitsSnapshot GetRateLimits() => RateLimits;

    public PeerListsSnapshot GetPeerLists(bool publicOnly)
    {
        lock (_lock)
        {
            PeerListRequests.Add(publicOnly);
        }

        return publicOnly ? PublicPeerLists : AllPeerLists ?? PublicPeerLists;
    }

    /// <summary>When set, what GetBans answers instead of the bans FakeNodeControl sets (sources and times included).</summary>
    public IReadOnlyList<BanSnapshot>? BansWithSources { get; set; }

    public IReadOnlyList<BanSnapshot> GetBans()
    {
        if (BansWithSources is { } given) return given;
        lock (_lock)
        {
            return _hostBans.Select(b => new BanSnapshot { Address = b.Key, SecondsRemaining = b.Value - Now })
                .Concat(_subnetBans.Select(b => new BanSnapshot { Subnet = b.Key, SecondsRemaining = b.Value - Now }))
                .Where(b => b.SecondsRemaining > 0)
                .ToList();
        }
    }

    /// <summary>What get_closed_connections lists, newest first.</summary>
    public IReadOnlyList<ClosedConnectionSnapshot> ClosedConnections { get; set; } = [];

    public ConnectionStatsSnapshot ConnectionStats { get; set; } = new()
    {
        Traffic = CommandTraffic.Empty(),
        ClosesByReason = new Dictionary<string, ulong>(),
        HandshakesByResult = new Dictionary<string, ulong>(),
        Rtt = new RttHistogramSnapshot { UpperBoundsMs = [], Counts = [0], SampleCount = 0, SumMs = 0 },
        SuspectedProxies = [],
    };

    /// <summary>The counts the RPC asked get_closed_connections for, in order.</summary>
    public List<int> ClosedConnectionRequests { get; } = [];

    public IReadOnlyList<ClosedConnectionSnapshot> GetClosedConnections(int count)
    {
        Interlocked.Increment(ref Calls);
        lock (_lock) ClosedConnectionRequests.Add(count);
        return ClosedConnections.Take(count).ToList();
    }

    public ConnectionStatsSnapshot GetConnectionStats()
    {
        Interlocked.Increment(ref Calls);
        return ConnectionStats;
    }

    public bool IsBanned(IPAddress address, out long secondsRemaining)
    {
        lock (_lock)
        {
            var until = _hostBans.GetValueOrDefault(address);
            foreach (var (subnet, end) in _subnetBans)
            {
                if (subnet.Contains(address))
                {
                    until = Math.Max(until, end);
                }
            }

            secondsRemaining = Math.Max(0, until - Now);
            return secondsRemaining > 0;
        }
    }

    internal void SetHostBan(IPAddress address, long? until)
    {
        lock (_lock)
        {
            if (until is { } end) _hostBans[address] = end;
            else _hostBans.Remove(address);
        }
    }

    internal void SetSubnetBan(IPNetwork subnet, long? until)
    {
        lock (_lock)
        {
            if (until is { } end) _subnetBans[subnet] = end;
            else _subnetBans.Remove(subnet);
        }
    }
}
