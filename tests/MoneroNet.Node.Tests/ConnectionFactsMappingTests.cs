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
}
