using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using MoneroNet.Node.Hosting;
using MoneroNet.P2P;
using MoneroNet.P2P.NetworkFacts;
using MoneroNet.P2P.Stats;
using MoneroNet.Rpc.Node;
using MoneroNet.Wire;

namespace MoneroNet.Node.Tests;

/// <summary>
/// The host's mapping of the P2P node's per-connection facts and node-wide counters into the RPC's snapshots
/// (P2PNodeQuery): every counter reaches its TrafficCommand key, the subnet and --asn-map facts are looked up.
/// </summary>
public sealed class ConnectionFactsMappingTests
{
    [Fact]
    public void The_P2P_command_kinds_and_the_RPC_traffic_keys_are_the_same_list_in_the_same_order()
    {
        Assert.Equal(Enum.GetNames<CommandKind>(), Enum.GetNames<TrafficCommand>());
        Assert.Equal(CommandKinds.Count, TrafficCommands.Count);
    }

    [Fact]
    public async Task A_connection_snapshot_carries_its_facts_and_the_stats_the_node_wide_counters()
    {
        static P2POptions Options(IPAddress bind) => new()
        {
            Network = NetworkType.Testnet,
            BindAddress = bind,
            Port = 0,
            UseSeedNodes = false,
            MaxConnectionsPerIp = 100,
        };
        await using var a = new P2PNode(Options(IPAddress.Parse("127.0.0.1")), NullLoggerFactory.Instance);
        await using var b = new P2PNode(Options(IPAddress.Parse("127.0.0.1")), NullLoggerFactory.Instance);
        await a.StartAsync();
        await b.StartAsync();
        var outgoing = (await a.ConnectAsync(b.ListenEndPoints[0]))!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!outgoing.HandshakeComplete && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.True(outgoing.HandshakeComplete);

        var map = AsnMap.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "asn", "test-asn-map.tsv"));
        var query = new P2PNodeQuery(a, new SynchronizationLatch(), networkFacts: new PeerNetworkFacts(map));
        var facts = Assert.Single(query.GetConnections()).Facts!;
        Assert.Equal("manual", facts.ConnectionType);
        Assert.Equal("127.0.0.0/24", facts.Subnet);
        Assert.Equal(64496u, facts.Asn);
        Assert.Equal("ZZ", facts.Country);
        Assert.Equal("pending", facts.ProxyCheck);
        Assert.NotNull(facts.PingMs); // the handshake's round trip, as initiator
        Assert.Equal(outgoing.Traffic.BytesSent(CommandKind.Handshake), facts.Traffic.BytesSent[(int)TrafficCommand.Handshake]);
        Assert.Equal(1UL, facts.Traffic.MessagesReceived[(int)TrafficCommand.Handshake]);

        // Without a map: the subnet still, no AS.
        var plain = Assert.Single(new P2PNodeQuery(a, new SynchronizationLatch()).GetConnections()).Facts!;
        Assert.Equal("127.0.0.0/24", plain.Subnet);
        Assert.Null(plain.Asn);
        Assert.Null(plain.AsName);

        var stats = query.GetConnectionStats();
        Assert.Equal(1UL, stats.HandshakesByResult["ok"]);
        Assert.Equal(0UL, stats.HandshakesByResult["timeout"]);
        Assert.Equal(1UL, stats.Traffic.MessagesSent[(int)TrafficCommand.Handshake]);
        Assert.True(stats.Rtt.SampleCount >= 1);
        Assert.Equal(stats.Rtt.UpperBoundsMs.Count + 1, stats.Rtt.Counts.Count);
        Assert.Empty(stats.SuspectedProxies);
    }

    [Fact]
    public async Task ForEachConnection_visits_what_GetConnections_lists_and_reads_the_facts_only_when_asked()
    {
        static P2POptions Options() => new()
        {
            Network = NetworkType.Testnet,
            BindAddress = IPAddress.Loopback,
            Port = 0,
            UseSeedNodes = false,
            MaxConnectionsPerIp = 100,
        };
        // One peer node per connection: a node takes one connection from a given peer id.
        await using var a = new P2PNode(Options(), NullLoggerFactory.Instance);
        await using var b = new P2PNode(Options(), NullLoggerFactory.Instance);
        await using var c = new P2PNode(Options(), NullLoggerFactory.Instance);
        await using var d = new P2PNode(Options(), NullLoggerFactory.Instance);
        var sessions = new List<MoneroNet.P2P.Connections.PeerSession>();
        await a.StartAsync();
        foreach (var peer in new[] { b, c, d })
        {
            await peer.StartAsync();
            sessions.Add((await a.ConnectAsync(peer.ListenEndPoints[0]))!);
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (sessions.Any(s => !s.HandshakeComplete) && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.All(sessions, s => Assert.True(s.HandshakeComplete));

        var query = new P2PNodeQuery(a, new SynchronizationLatch());
        var listed = query.GetConnections();
        var plain = new List<MoneroNet.Rpc.ConnectionSnapshot>();
        var extended = new List<MoneroNet.Rpc.ConnectionSnapshot>();
        query.ForEachConnection(includeFacts: false, plain.Add);
        query.ForEachConnection(includeFacts: true, extended.Add);

        static string[] Ids(IEnumerable<MoneroNet.Rpc.ConnectionSnapshot> c) => c.Select(s => Convert.ToHexString(s.ConnectionId)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(3, listed.Count);
        Assert.Equal(Ids(listed), Ids(plain));
        Assert.Equal(Ids(listed), Ids(extended));
        Assert.All(plain, s => Assert.Null(s.Facts));
        Assert.All(extended, s => Assert.Equal("manual", s.Facts!.ConnectionType));
        // Apart from the facts, a visited snapshot is the listed one (the peers are idle, so no counter moved between;
        // the decaying current speeds are time-dependent and left out of the comparison).
        var byId = listed.ToDictionary(s => Convert.ToHexString(s.ConnectionId));
        Assert.All(plain, s => Assert.Equal(
            byId[Convert.ToHexString(s.ConnectionId)] with
            {
                Facts = null,
                ConnectionId = s.ConnectionId,
                CurrentDownloadBytesPerSecond = s.CurrentDownloadBytesPerSecond,
                CurrentUploadBytesPerSecond = s.CurrentUploadBytesPerSecond,
            },
            s));
    }
}
