using System.Globalization;
using System.Net;
using MoneroNet.Rpc;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Benchmarks.Metrics;

/// <summary>
/// A node of <c>count</c> live peers held the way the host holds them (one object per session with its state in
/// fields), answering the reads <c>get_info</c> and <c>/metrics</c> make as the host does: get_info's counts walk every
/// session once (it needs the best peer height); /metrics' counts are copied, under a lock, from a tally kept as
/// sessions come and go (the registry's ConnectionTally: 2 × 4 states, 8 types × 5 address types); the node-wide counters are a fixed set (every command with traffic,
/// six handshake results, ten close reasons, 24 RTT buckets, five suspected proxies, 60 bans from three sources).
/// </summary>
internal sealed class FakeNodeAtScale : INodeQuery
{
    private readonly Session[] _sessions;
    private readonly ConnectionStatsSnapshot _stats;
    private readonly BanSnapshot[] _bans;
    private readonly Lock _tallyLock = new();
    private readonly int[] _byDirectionAndState = new int[2 * 4];
    private readonly int[] _byTypeAndAddressType = new int[8 * 5];

    public FakeNodeAtScale(int count)
    {
        var random = new Random(42);
        _sessions = new Session[count];
        for (var i = 0; i < count; i++)
        {
            _sessions[i] = new Session(
                Incoming: i % 4 != 0, State: random.Next(4), ConnectionType: i % 4 == 0 ? 1 + random.Next(7) : 0,
                AddressType: (byte)(i % 10 == 0 ? 2 : 1), Height: (ulong)random.Next(1, 3_000_000));
            var s = _sessions[i];
            _byDirectionAndState[(s.Incoming ? 0 : 4) + s.State]++;
            _byTypeAndAddressType[s.ConnectionType * 5 + s.AddressType]++;
        }

        var traffic = CommandTraffic.Empty();
        for (var c = 0; c < TrafficCommands.Count; c++)
        {
            traffic.MessagesReceived[c] = (ulong)random.Next(1, 1_000_000);
            traffic.MessagesSent[c] = (ulong)random.Next(1, 1_000_000);
            traffic.BytesReceived[c] = (ulong)random.NextInt64(1, 1L << 40);
            traffic.BytesSent[c] = (ulong)random.NextInt64(1, 1L << 40);
        }

        double[] bounds = [0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000];
        _stats = new ConnectionStatsSnapshot
        {
            Traffic = traffic,
            HandshakesByResult = new[] { "ok", "timeout", "wrong_network", "duplicate_peer_id", "rejected", "failed" }
                .ToDictionary(r => r, _ => (ulong)random.Next(1, 100_000)),
            ClosesByReason = Enumerable.Range(0, 10).ToDictionary(r => string.Create(CultureInfo.InvariantCulture, $"reason_{r}"), _ => (ulong)random.Next(1, 100_000)),
            Rtt = new RttHistogramSnapshot
            {
                UpperBoundsMs = bounds,
                Counts = Enumerable.Range(0, bounds.Length + 1).Select(_ => (ulong)random.Next(0, 10_000)).ToArray(),
                SampleCount = 0,
                SumMs = 123_456.789,
            },
            SuspectedProxies = Enumerable.Range(0, 5).Select(p => new SuspectedProxySnapshot
            {
                InnerPeerId = (ulong)random.NextInt64(),
                Addresses = ["203.0.113.1:18080", "203.0.113.2:18080"],
                OuterPeerIds = [1, 2],
                LastSeenUnixSeconds = 1_800_000_000,
            }).ToArray(),
        };
        string[] sources = ["rpc", "ban_list:block.txt", "auto:protocol_violation"];
        _bans = Enumerable.Range(0, 60).Select(b => new BanSnapshot
        {
            Address = new IPAddress([198, 51, 100, (byte)b]),
            SecondsRemaining = 3600,
            Source = sources[b % 3],
        }).ToArray();
    }

    public IReadOnlyList<ConnectionSnapshot> GetConnections() => throw new NotSupportedException();

    /// <summary>As the host: every session walked once for the public-zone counts and the best height.</summary>
    public NodeInfoSnapshot GetNodeInfo()
    {
        ulong incoming = 0, outgoing = 0, best = 0;
        foreach (var s in _sessions)
        {
            if (s.AddressType is 1 or 2)
            {
                if (s.Incoming) incoming++;
                else outgoing++;
            }

            if (s.State != 0) best = Math.Max(best, s.Height);
        }

        return new NodeInfoSnapshot
        {
            Network = NodeNetwork.Testnet, StartedUnixSeconds = 1_800_000_000, InPeersLimit = uint.MaxValue, OutPeersLimit = 12,
            IncomingConnections = incoming, OutgoingConnections = outgoing, WhitePeerlistSize = 1000, GrayPeerlistSize = 5000,
            ChainHeight = 1, TopBlockHash = new string('0', 64), CumulativeDifficulty = 1, BestPeerHeight = best,
            Synchronized = false, FreeSpaceBytes = 1_000_000_000,
        };
    }

    /// <summary>As the host: every session walked once, two array increments each.</summary>
    public ConnectionCounts GetConnectionCounts()
    {
        var byState = new int[_byDirectionAndState.Length];
        var byType = new int[_byTypeAndAddressType.Length];
        lock (_tallyLock)
        {
            _byDirectionAndState.CopyTo(byState, 0);
            _byTypeAndAddressType.CopyTo(byType, 0);
        }

        var counts = new ConnectionCounts();
        for (var state = 0; state < 4; state++)
        {
            counts.AddByDirectionAndState(incoming: true, state, byState[state]);
            counts.AddByDirectionAndState(incoming: false, state, byState[4 + state]);
        }

        for (var type = 0; type < 8; type++)
        {
            for (byte addressType = 0; addressType < 5; addressType++)
            {
                var n = byType[type * 5 + addressType];
                if (n != 0) counts.AddByTypeAndZone(type, ConnectionCounts.ZoneOf(addressType), n);
            }
        }

        return counts;
    }

    public PeerListSizes GetPeerListSizes() => new(1000, 5000);

    public NetStatsSnapshot GetNetStats() => new()
    {
        StartedUnixSeconds = 1_800_000_000, TotalBytesIn = 123_456_789_012, TotalBytesOut = 234_567_890_123,
        TotalPacketsIn = 1_000_000, TotalPacketsOut = 2_000_000,
    };

    public PeerListsSnapshot GetPeerLists(bool publicOnly) => throw new NotSupportedException();

    public IReadOnlyList<BanSnapshot> GetBans() => _bans;

    public IReadOnlyList<ClosedConnectionSnapshot> GetClosedConnections(int count) => throw new NotSupportedException();

    public ConnectionStatsSnapshot GetConnectionStats() => _stats;

    public bool IsBanned(IPAddress address, out long secondsRemaining)
    {
        secondsRemaining = 0;
        return false;
    }

    private sealed record Session(bool Incoming, int State, int ConnectionType, byte AddressType, ulong Height);
}
