using System.Net;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P;
using MoneroNet.P2P.NetworkFacts;
using MoneroNet.P2P.PeerLists;
using MoneroNet.P2P.Stats;
using MoneroNet.P2P.Zones;
using MoneroNet.Rpc;
using MoneroNet.Rpc.Node;
using MoneroNet.Wire;

namespace MoneroNet.Node.Hosting;

/// <summary>
/// The RPC layer's view of the node: snapshots of the P2P node's connections, limits, peer lists, bans and traffic,
/// taken on demand; reading changes nothing. <paramref name="synchronized"/> is the latch the node's events move
/// (<see cref="SynchronizationLatch.Attach"/>). <paramref name="dataDirectory"/> is where get_info's free space is
/// measured (monerod measures its data directory); the current directory when not given. <paramref name="networkFacts"/>
/// gives each connection's subnet and, with --asn-map, its AS and country (looked up at snapshot time, see
/// <see cref="Facts"/>).
/// </summary>
internal sealed class P2PNodeQuery(P2PNode node, SynchronizationLatch synchronized, string? dataDirectory = null,
    PeerNetworkFacts? networkFacts = null) : INodeQuery
{
    private readonly string _dataDirectory = dataDirectory ?? Environment.CurrentDirectory;

    public IReadOnlyList<ConnectionSnapshot> GetConnections()
    {
        var list = new List<ConnectionSnapshot>(node.Connections.Count);
        foreach (var session in node.Connections.All) list.Add(Snapshot(session, networkFacts));
        return list;
    }

    /// <summary>
    /// One snapshot at a time straight from each live session (the registry is read without a lock), handed to the
    /// visitor and dropped: get_connections at 10,000 peers builds no list, and no facts unless they are listed.
    /// </summary>
    public void ForEachConnection(bool includeFacts, Action<ConnectionSnapshot> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        foreach (var session in node.Connections.All) visit(Snapshot(session, networkFacts, includeFacts));
    }

    /// <summary>Each P2P connection type's index in <see cref="ConnectionCounts.ConnectionTypes"/>, matched by name once
    /// so a scrape compares no strings.</summary>
    private static readonly int[] TypeIndexes = Enum.GetValues<PeerConnectionType>()
        .Select(t => ConnectionCounts.ConnectionTypes.ToList().IndexOf(PeerConnectionTypes.NameOf(t)) is var i and >= 0 ? i : ConnectionCounts.ConnectionTypes.Count - 1)
        .ToArray();

    /// <summary>
    /// /metrics' counts, copied from the registry's tally (<see cref="ConnectionTally"/>) under one lock: no walk over the
    /// sessions, so a scrape costs the same at 10,000 peers as at none. A state's enum value is its index in
    /// <see cref="ConnectionCounts.States"/> (same order).
    /// </summary>
    public ConnectionCounts GetConnectionCounts()
    {
        var tally = new ConnectionTally();
        node.Connections.CopyTally(tally);
        var counts = new ConnectionCounts();
        foreach (var state in Enum.GetValues<ConnectionState>())
        {
            counts.AddByDirectionAndState(incoming: true, (int)state, tally.ByDirectionAndState(incoming: true, state));
            counts.AddByDirectionAndState(incoming: false, (int)state, tally.ByDirectionAndState(incoming: false, state));
        }

        foreach (var type in Enum.GetValues<PeerConnectionType>())
        {
            for (byte addressType = 0; addressType < ConnectionTally.AddressTypeCount; addressType++)
            {
                int n = tally.ByTypeAndAddressType(type, addressType);
                if (n != 0) counts.AddByTypeAndZone(TypeIndexes[(int)type], ConnectionCounts.ZoneOf(addressType), n);
            }
        }

        return counts;
    }

    public PeerListSizes GetPeerListSizes() => new((ulong)node.PeerLists.WhiteCount, (ulong)node.PeerLists.GrayCount);

    public NodeInfoSnapshot GetNodeInfo()
    {
        var sync = node.Local.SyncData;
        ulong incoming = 0, outgoing = 0, bestPeerHeight = 0;
        foreach (var session in node.Connections.All)
        {
            if (session.Address.Type is NetworkAddressType.IPv4 or NetworkAddressType.IPv6)
            {
                // monerod counts every public-zone socket, whatever its state (back-ping connections included in 0.18).
                if (session.Incoming) incoming++;
                else outgoing++;
            }
            var state = session.State;
            if (state == ConnectionState.BeforeHandshake) continue;
            bestPeerHeight = Math.Max(bestPeerHeight, session.Height);
        }

        return new NodeInfoSnapshot
        {
            Network = ToRpc(node.Local.Network),
            Offline = node.Offline,
            StartedUnixSeconds = node.StartedUnixSeconds,
            InPeersLimit = ToLimit(node.InPeers),
            OutPeersLimit = ToLimit(node.OutPeers),
            IncomingConnections = incoming,
            OutgoingConnections = outgoing,
            WhitePeerlistSize = (ulong)node.PeerLists.WhiteCount,
            GrayPeerlistSize = (ulong)node.PeerLists.GrayCount,
            ChainHeight = sync.CurrentHeight,
            TopBlockHash = Convert.ToHexStringLower(sync.TopId.ToArray()),
            CumulativeDifficulty = sync.CumulativeDifficulty128,
            BestPeerHeight = bestPeerHeight,
            Synchronized = synchronized.IsSynchronized(peerAhead: bestPeerHeight > sync.CurrentHeight),
            FreeSpaceBytes = FreeSpace(),
        };
    }

    public RateLimitsSnapshot GetRateLimits() => new(node.RateLimits.UpKBps, node.RateLimits.DownKBps);

    public NetStatsSnapshot GetNetStats() => new()
    {
        StartedUnixSeconds = node.StartedUnixSeconds,
        TotalBytesIn = node.NetStats.TotalBytesIn,
        TotalBytesOut = node.NetStats.TotalBytesOut,
        TotalPacketsIn = node.NetStats.TotalPacketsIn,
        TotalPacketsOut = node.NetStats.TotalPacketsOut,
    };

    /// <summary>
    /// The public zone's lists, then (unless <paramref name="publicOnly"/>) each anonymity zone's in monerod's zone
    /// order (i2p before tor: its std::map of zones), as monerod's get_peerlist concatenates them.
    /// </summary>
    public PeerListsSnapshot GetPeerLists(bool publicOnly)
    {
        var white = node.PeerLists.White.Select(ToRpc).ToList();
        var gray = node.PeerLists.Gray.Select(ToRpc).ToList();
        if (!publicOnly)
        {
            foreach (var zone in new[] { NetworkZone.I2p, NetworkZone.Tor })
            {
                if (node.ZonePeerLists(zone) is not { } lists) continue;
                white.AddRange(lists.White.Select(ToRpc));
                gray.AddRange(lists.Gray.Select(ToRpc));
            }
        }
        return new(white, gray);
    }

    public IReadOnlyList<BanSnapshot> GetBans() => node.Bans.Snapshot()
        .Select(b => new BanSnapshot
        {
            Address = b.IsSubnet ? null : b.Address,
            Subnet = b.IsSubnet ? b.Subnet : null,
            SecondsRemaining = b.SecondsRemaining ?? long.MaxValue, // a ban for ever
            Source = b.Source,
            CreatedUnixSeconds = b.CreatedUnixSeconds,
        })
        .ToList();

    /// <summary>The P2P node's ring of closed sessions, each read with <see cref="Snapshot"/> as a live one is.</summary>
    public IReadOnlyList<ClosedConnectionSnapshot> GetClosedConnections(int count)
    {
        var closed = node.ClosedConnections.Newest(count);
        var list = new List<ClosedConnectionSnapshot>(closed.Count);
        foreach (var c in closed)
        {
            list.Add(new ClosedConnectionSnapshot
            {
                Connection = Snapshot(c.Session, networkFacts),
                CloseReason = DisconnectReasonNames.NameOf(c.Reason),
                CloseDetail = c.Detail,
                ClosedUnixSeconds = c.ClosedUnixSeconds,
            });
        }
        return list;
    }

    /// <summary>Closes since start by snake-case reason, every reason listed (0 for those never seen).</summary>
    private Dictionary<string, ulong> ClosesByReason()
    {
        var counts = node.ClosedConnections.ClosesByReason();
        var result = new Dictionary<string, ulong>(counts.Count, StringComparer.Ordinal);
        foreach (var (reason, count) in counts) result[DisconnectReasonNames.NameOf(reason)] = (ulong)count;
        return result;
    }

    public ConnectionStatsSnapshot GetConnectionStats()
    {
        var stats = node.Statistics;
        var rtt = stats.Rtt;
        var counts = new ulong[rtt.BucketCount];
        for (int i = 0; i < counts.Length; i++) counts[i] = rtt.CountOf(i);
        return new ConnectionStatsSnapshot
        {
            Traffic = ToRpc(stats.Traffic),
            ClosesByReason = ClosesByReason(),
            HandshakesByResult = stats.Handshakes.ToDictionary(),
            Rtt = new RttHistogramSnapshot
            {
                UpperBoundsMs = RttHistogram.UpperBoundsMs,
                Counts = counts,
                SampleCount = counts.Aggregate(0UL, (a, b) => a + b),
                SumMs = rtt.SumMs,
            },
            SuspectedProxies = stats.SuspectedProxies.Snapshot()
                .Select(p => new SuspectedProxySnapshot
                {
                    InnerPeerId = p.InnerPeerId,
                    Addresses = p.Addresses,
                    OuterPeerIds = p.OuterPeerIds,
                    LastSeenUnixSeconds = p.LastSeenUnixSeconds,
                })
                .ToList(),
            LocalAddresses = LocalAddresses(),
        };
    }

    /// <summary>The public listeners as bound, then each --anonymous-inbound by the hidden-service address peers of
    /// its zone dial (its listener binds a loopback port the Tor or I2P daemon forwards to).</summary>
    private List<LocalAddressSnapshot> LocalAddresses()
    {
        var addresses = node.ListenEndPoints.Select(e => new LocalAddressSnapshot(e.ToString(), "public")).ToList();
        foreach (var inbound in node.AnonymousInbounds)
            addresses.Add(new LocalAddressSnapshot(inbound.OurAddress.ToString(), NetworkZones.NameOf(inbound.Zone)));
        return addresses;
    }

    public bool IsBanned(IPAddress address, out long secondsRemaining)
    {
        var banned = node.Bans.IsBanned(address, out var left);
        secondsRemaining = banned ? left ?? long.MaxValue : 0;
        return banned;
    }

    internal static ConnectionSnapshot Snapshot(PeerSession s, PeerNetworkFacts? networkFacts = null, bool includeFacts = true)
    {
        var stats = s.Stats;
        var address = s.Address;
        // An anonymity peer's socket is the Tor/I2P daemon's loopback connection; monerod asks the peer's zone
        // address, which is neither local nor loopback.
        var ip = address.IPAddress;
        return new ConnectionSnapshot
        {
            Incoming = s.Incoming,
            AddressType = address.TypeId,
            Address = address.ToString(),
            Host = address.HostString(),
            Port = address.Port,
            IsLocalIp = ip is not null && !IPAddress.IsLoopback(ip) && P2PNode.IsLocalAddress(ip),
            IsLoopback = ip is not null && IPAddress.IsLoopback(ip),
            ConnectionId = s.ConnectionId.ToByteArray(bigEndian: true), // the dashed text without dashes, as monerod prints it
            PeerId = s.PeerId,
            SupportFlags = s.SupportFlags,
            RpcPort = s.RpcPort,
            RpcCreditsPerHash = s.RpcCreditsPerHash,
            PruningSeed = s.PruningSeed,
            State = s.State.ToMonerodString(),
            StartedUnixSeconds = stats.StartedUnixSeconds,
            LastRecvUnixSeconds = stats.LastRecvUnixSeconds,
            LastSendUnixSeconds = stats.LastSendUnixSeconds,
            RecvCount = stats.RecvCount,
            SendCount = stats.SendCount,
            CurrentDownloadBytesPerSecond = stats.CurrentDownloadBytesPerSecond,
            CurrentUploadBytesPerSecond = stats.CurrentUploadBytesPerSecond,
            Height = s.Height,
            Facts = includeFacts ? Facts(s, networkFacts) : null,
        };
    }

    /// <summary>
    /// MoneroNet's facts of a connection (extended get_connections). Subnet and AS are looked up here, at snapshot
    /// time, rather than cached on the session at handshake: the lookup is an allocation-free bisection, a SIGHUP
    /// reload of --asn-map then shows in the next listing, and a session carries no host data (10,000 peers × 3 fields).
    /// </summary>
    internal static ConnectionFactsSnapshot Facts(PeerSession s, PeerNetworkFacts? networkFacts)
    {
        var ip = s.RemoteEndPoint.Address;
        bool ipZone = s.Address.Type is NetworkAddressType.IPv4 or NetworkAddressType.IPv6;
        var described = ipZone ? (networkFacts ?? NoAsnMap).Describe(ip) : default(PeerFacts?);
        var asn = described?.Asn;
        return new ConnectionFactsSnapshot
        {
            ConnectionType = PeerConnectionTypes.NameOf(s.ConnectionType),
            Traffic = ToRpc(s.Traffic),
            PingMs = s.RoundTrips.LastMs,
            MinPingMs = s.RoundTrips.MinMs,
            PingWaitMs = s.PingWaitMs,
            ProxyCheck = ProxyCheckStates.NameOf(s.ProxyCheck.State),
            InnerPeerIds = s.ProxyCheck.InnerPeerIds,
            SupportFlagsRequested = s.SupportFlagsRequested,
            Subnet = described?.Subnet.ToString() ?? "",
            Asn = asn?.Number,
            AsName = asn?.Name,
            Country = asn?.Country,
        };
    }

    private static readonly PeerNetworkFacts NoAsnMap = new();

    /// <summary>A connection's or the node's counters in the RPC's form (the two enums' orders are one, tested).</summary>
    private static CommandTraffic ToRpc(ICommandTrafficReader traffic)
    {
        var result = CommandTraffic.Empty();
        for (int i = 0; i < CommandKinds.Count; i++)
        {
            var kind = (CommandKind)i;
            result.MessagesReceived[i] = traffic.MessagesReceived(kind);
            result.BytesReceived[i] = traffic.BytesReceived(kind);
            result.MessagesSent[i] = traffic.MessagesSent(kind);
            result.BytesSent[i] = traffic.BytesSent(kind);
        }
        return result;
    }

    private PeerListEntrySnapshot ToRpc(KnownPeer entry)
    {
        var ip = entry.Address.IPAddress;
        return new PeerListEntrySnapshot
        {
            AddressType = entry.Address.TypeId,
            Ip = ip,
            Text = ip is null ? entry.Address.ToString() : null,
            Port = entry.Address.Port,
            PeerId = entry.PeerId,
            LastSeenUnixSeconds = entry.LastSeenUnixSeconds,
            PruningSeed = entry.PruningSeed,
            RpcPort = entry.RpcPort,
            RpcCreditsPerHash = entry.RpcCreditsPerHash,
            Blocked = ip is not null && node.Bans.IsBanned(ip, out _),
        };
    }

    private static NodeNetwork ToRpc(NetworkType network) => network switch
    {
        NetworkType.Mainnet => NodeNetwork.Mainnet,
        NetworkType.Testnet => NodeNetwork.Testnet,
        NetworkType.Stagenet => NodeNetwork.Stagenet,
        _ => NodeNetwork.Fakechain,
    };

    /// <summary>The P2P layer keeps limits as longs (−1 = unlimited); monerod reports a u32 where −1 reads 4294967295.</summary>
    private static uint ToLimit(long limit) => limit is < 0 or >= uint.MaxValue ? uint.MaxValue : (uint)limit;

    private ulong FreeSpace()
    {
        try
        {
            return (ulong)Math.Max(0, new DriveInfo(Path.GetFullPath(_dataDirectory)).AvailableFreeSpace);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return 0; // monerod answers 0 when its space query fails
        }
    }
}
