using System.Text;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using MoneroNet.Rpc.Dispatch;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;
using MoneroNet.Rpc.Node;
using MoneroNet.Rpc.Tests.Json;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Methods;

public sealed class GetConnectionsMethodTests
{
    private static readonly RpcParams Extended = new(new RpcJsonObject().Set("extended", true));

    /// <summary>The result object as the dispatcher prints it (the forward-only writer, into pooled segments).</summary>
    private static byte[] Print(RpcResult result)
    {
        Assert.True(result.IsSuccess);
        return RpcReply.Json(result.WriteResult).Body;
    }

    private static RpcJsonObject Parsed(RpcResult result) => EpeeJsonReader.Parse(Print(result)) ?? throw new InvalidOperationException("unparsable");

    [Fact]
    public async Task Uses_whole_unix_seconds_of_the_time_provider()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_010_999));
        var node = new FakeNodeQuery(Snapshots.Ipv4(started: 1_800_000_000, now: 1_800_000_000));
        var method = new GetConnectionsMethod(node, time);

        var result = Parsed(await method.InvokeAsync(RpcParams.Empty, CancellationToken.None));

        var connection = Assert.IsType<RpcJsonObject>(Assert.IsType<RpcJsonArray>(result["connections"]).Items.Single());
        Assert.Equal(10UL, Assert.IsType<RpcJsonUnsigned>(connection["live_time"]).Value);
        Assert.Equal("OK", Assert.IsType<RpcJsonString>(result["status"]).Value);
        Assert.False(Assert.IsType<RpcJsonBool>(result["untrusted"]).Value);
        Assert.False(method.AllowedInRestrictedMode);
        Assert.Equal("get_connections", method.Name);
    }

    [Fact]
    public async Task No_connections_is_an_empty_array_not_a_missing_key()
    {
        var method = new GetConnectionsMethod(new FakeNodeQuery(), TimeProvider.System);
        var printed = Encoding.UTF8.GetString(Print(await method.InvokeAsync(RpcParams.Empty, CancellationToken.None)));
        Assert.Equal("{\r\n  \"connections\": [],\r\n  \"status\": \"OK\",\r\n  \"untrusted\": false\r\n}", printed);
    }

    /// <summary>
    /// Random connections, plain and extended, with and without facts, of every address type: the answer the writer
    /// prints straight from the connections is byte for byte the tree the formatters build, printed by the tree
    /// renderer the RPC used before (<see cref="TreeRendererOracle"/>).
    /// </summary>
    [Fact]
    public async Task The_written_answer_equals_the_formatters_tree_printed_by_the_old_renderer()
    {
        const long now = 1_800_000_000;
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now));
        var cases = Gen.Select(GenConnection(now).Array[0, 6], Gen.Bool);
        foreach (var (connections, extended) in cases.Array[200].Single())
        {
            var method = new GetConnectionsMethod(new FakeNodeQuery(connections), time);
            var written = Print(await method.InvokeAsync(extended ? Extended : RpcParams.Empty, CancellationToken.None));

            var tree = new RpcJsonArray();
            foreach (var c in connections) tree.Add(extended ? ConnectionFactsFormatter.FormatExtended(c, now) : ConnectionInfoFormatter.Format(c, now));
            var expected = TreeRendererOracle.Render(RpcResponseBase.WithStatusOk(new RpcJsonObject().Set("connections", tree)));

            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(written));
        }
    }

    [Fact]
    public async Task The_plain_listing_asks_the_node_for_no_facts_and_the_extended_one_does()
    {
        var node = new FactsRecordingNode(Snapshots.Ipv4() with { Facts = FactsSnapshots.Facts() });
        var method = new GetConnectionsMethod(node, TimeProvider.System);

        var plain = Encoding.UTF8.GetString(Print(await method.InvokeAsync(RpcParams.Empty, CancellationToken.None)));
        var extended = Encoding.UTF8.GetString(Print(await method.InvokeAsync(Extended, CancellationToken.None)));

        Assert.Equal([false, true], node.IncludeFacts);
        Assert.DoesNotContain("connection_type", plain, StringComparison.Ordinal);
        Assert.Contains("\"connection_type\": \"inbound\"", extended, StringComparison.Ordinal);
    }

    private static readonly Gen<string> GenText = Gen.OneOf(
        Gen.String[Gen.Char['a', 'z'], 0, 8],
        Gen.String[Gen.Char['\u0000', '\u007f'], 0, 10],
        Gen.Const("\u00e9/\\\""));

    private static readonly Gen<double> GenDouble = Gen.OneOf(Gen.Double, Gen.Double[0, 1000], Gen.Const(0.0));

    private static Gen<ConnectionSnapshot> GenConnection(long now) =>
        from addressType in Gen.OneOf(Gen.Const((byte)1), Gen.Const((byte)2), Gen.Byte[0, 4])
        from host in GenText
        from port in Gen.UShort
        from ids in Gen.Select(Gen.Byte.Array[16], Gen.ULong, Gen.UInt, Gen.UInt)
        from times in Gen.Select(Gen.Long[now - 100_000, now + 10], Gen.Long[0, now + 10], Gen.Long[0, now + 10])
        from counts in Gen.Select(Gen.ULong, Gen.ULong, GenDouble, GenDouble)
        from misc in Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.UShort, Gen.ULong)
        from state in Gen.OneOf(Gen.Const("normal"), Gen.Const("before_handshake"), Gen.Const("synchronizing"), Gen.Const("standby"))
        from facts in Gen.Frequency((1, Gen.Const((ConnectionFactsSnapshot?)null)), (3, GenFacts.Select(f => (ConnectionFactsSnapshot?)f)))
        select new ConnectionSnapshot
        {
            Incoming = misc.Item1,
            AddressType = addressType,
            Address = host + ":" + port,
            Host = host,
            Port = port,
            IsLocalIp = misc.Item2,
            IsLoopback = misc.Item3,
            ConnectionId = ids.Item1,
            PeerId = ids.Item2,
            SupportFlags = ids.Item3,
            RpcPort = misc.Item4,
            RpcCreditsPerHash = ids.Item4,
            PruningSeed = ids.Item3 ^ ids.Item4,
            State = state,
            StartedUnixSeconds = times.Item1,
            LastRecvUnixSeconds = times.Item2,
            LastSendUnixSeconds = times.Item3,
            RecvCount = counts.Item1,
            SendCount = counts.Item2,
            CurrentDownloadBytesPerSecond = counts.Item3,
            CurrentUploadBytesPerSecond = counts.Item4,
            Height = misc.Item5,
            Facts = facts,
        };

    private static readonly Gen<double?> GenOptionalDouble = Gen.Frequency((1, Gen.Const((double?)null)), (3, GenDouble.Select(d => (double?)d)));

    private static readonly Gen<ulong[]> GenCounts = Gen.Frequency((1, Gen.Const(0UL)), (1, Gen.ULong)).Array[TrafficCommands.Count];

    private static readonly Gen<ConnectionFactsSnapshot> GenFacts =
        from type in Gen.OneOf(Gen.Const("inbound"), Gen.Const("outbound"), Gen.Const("anchor"))
        from traffic in Gen.Select(GenCounts, GenCounts, GenCounts, GenCounts)
        from pings in Gen.Select(GenOptionalDouble, GenOptionalDouble, GenDouble)
        from proxy in Gen.OneOf(Gen.Const("pending"), Gen.Const("consistent"), Gen.Const("mismatch"))
        from inner in Gen.ULong.List[0, 3]
        from requested in Gen.Bool
        from subnet in GenText
        from asn in Gen.Frequency((1, Gen.Const((uint?)null)), (1, Gen.UInt.Select(a => (uint?)a)))
        from asName in GenText.Null()
        from country in GenText.Null()
        select new ConnectionFactsSnapshot
        {
            ConnectionType = type,
            Traffic = new CommandTraffic { MessagesReceived = traffic.Item1, BytesReceived = traffic.Item2, MessagesSent = traffic.Item3, BytesSent = traffic.Item4 },
            PingMs = pings.Item1,
            MinPingMs = pings.Item2,
            PingWaitMs = pings.Item3,
            ProxyCheck = proxy,
            InnerPeerIds = inner,
            SupportFlagsRequested = requested,
            Subnet = subnet,
            Asn = asn,
            AsName = asName,
            Country = country,
        };

    /// <summary>Records whether each walk asked for the facts.</summary>
    private sealed class FactsRecordingNode(params ConnectionSnapshot[] connections) : INodeQuery
    {
        private readonly FakeNodeQuery _inner = new(connections);

        public List<bool> IncludeFacts { get; } = [];

        public void ForEachConnection(bool includeFacts, Action<ConnectionSnapshot> visit)
        {
            IncludeFacts.Add(includeFacts);
            foreach (var c in connections) visit(includeFacts ? c : c with { Facts = null });
        }

        public IReadOnlyList<ConnectionSnapshot> GetConnections() => _inner.GetConnections();
        public NodeInfoSnapshot GetNodeInfo() => _inner.GetNodeInfo();
        public NetStatsSnapshot GetNetStats() => _inner.GetNetStats();
        public PeerListsSnapshot GetPeerLists(bool publicOnly) => _inner.GetPeerLists(publicOnly);
        public IReadOnlyList<BanSnapshot> GetBans() => _inner.GetBans();
        public IReadOnlyList<ClosedConnectionSnapshot> GetClosedConnections(int count) => _inner.GetClosedConnections(count);
        public ConnectionStatsSnapshot GetConnectionStats() => _inner.GetConnectionStats();
        public bool IsBanned(System.Net.IPAddress address, out long secondsRemaining) => _inner.IsBanned(address, out secondsRemaining);
    }
}
