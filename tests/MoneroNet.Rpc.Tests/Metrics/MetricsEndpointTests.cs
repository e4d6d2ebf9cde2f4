using System.Net;
using MoneroNet.Rpc.Node;
using MoneroNet.Rpc.Security;
using MoneroNet.Rpc.Tests.Security;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Metrics;

/// <summary>
/// GET /metrics over a real RpcServer with a fake node: the exposition parses, every value equals what the fake
/// holds, labels stay bounded, and the endpoint is refused where get_connections is (restricted server: 404) and
/// behind --rpc-login.
/// </summary>
public sealed class MetricsEndpointTests
{
    private static readonly RttHistogramSnapshot Rtt = new()
    {
        UpperBoundsMs = [1, 10, 100],
        Counts = [2, 5, 3, 1],
        SampleCount = 11,
        SumMs = 432.5,
    };

    private static FakeNodeQuery Node()
    {
        ConnectionSnapshot With(string host, bool incoming, string state, string? type, byte addressType = 1) => Snapshots.Ipv4(host) with
        {
            Incoming = incoming,
            State = state,
            AddressType = addressType,
            PeerId = 0xDEADBEEF00000000UL + (ulong)host.Length,
            Facts = type is null ? null : new ConnectionFactsSnapshot
            {
                ConnectionType = type, Traffic = CommandTraffic.Empty(), PingWaitMs = 0, ProxyCheck = "pending",
                SupportFlagsRequested = false, Subnet = "127.0.0.0/24",
            },
        };

        var node = new FakeNodeQuery(
            With("127.0.0.11", incoming: true, "normal", "inbound"),
            With("127.0.0.12", incoming: true, "normal", "inbound"),
            With("127.0.0.13", incoming: true, "before_handshake", "inbound"),
            With("127.0.0.14", incoming: false, "normal", "outbound"),
            With("127.0.0.15", incoming: false, "synchronizing", "anchor"),
            With("127.0.0.16", incoming: false, "standby", null),
            With("::1", incoming: false, "normal", "manual", addressType: 2))
        {
            NetStats = new NetStatsSnapshot
            {
                StartedUnixSeconds = 1, TotalBytesIn = 123_456_789, TotalBytesOut = 987_654, TotalPacketsIn = 10, TotalPacketsOut = 20,
            },
        };
        node.Info = FakeNodeQuery.DefaultInfo() with { WhitePeerlistSize = 17, GrayPeerlistSize = 250 };
        var traffic = CommandTraffic.Empty();
        for (var i = 0; i < TrafficCommands.Count; i++)
        {
            traffic.MessagesReceived[i] = (ulong)(100 + i);
            traffic.MessagesSent[i] = (ulong)(200 + i);
            traffic.BytesReceived[i] = (ulong)(10_000 + i);
            traffic.BytesSent[i] = (ulong)(20_000 + i);
        }

        node.ConnectionStats = new ConnectionStatsSnapshot
        {
            Traffic = traffic,
            ClosesByReason = new Dictionary<string, ulong> { ["remote_closed"] = 7, ["idle_timeout"] = 3 },
            HandshakesByResult = new Dictionary<string, ulong> { ["ok"] = 40, ["timeout"] = 2 },
            Rtt = Rtt,
            SuspectedProxies =
            [
                new SuspectedProxySnapshot { InnerPeerId = 0xAAAA, Addresses = ["203.0.113.5:18080", "203.0.113.6:18080"], OuterPeerIds = [1, 2], LastSeenUnixSeconds = 5 },
            ],
        };
        node.SetHostBan(IPAddress.Parse("198.51.100.1"), node.Now + 100);
        node.SetHostBan(IPAddress.Parse("198.51.100.2"), node.Now + 100);
        return node;
    }

    private static async Task<HttpResponseBytes> GetMetricsAsync(RunningServer server) =>
        await server.SendAsync(RawHttp.Request("GET", "/metrics", null, contentType: null));

    [Fact]
    public async Task Scrape_reports_exactly_what_the_node_holds()
    {
        var node = Node();
        await using var server = await RunningServer.StartAsync(node: node);

        var answer = await GetMetricsAsync(server);

        Assert.Equal("HTTP/1.1 200 Ok", answer.StatusLine);
        Assert.StartsWith("text/plain; version=0.0.4", answer.Header("Content-Type"), StringComparison.Ordinal);
        var text = PrometheusText.Parse(answer.BodyText);

        // monero-exporter's names: every connection of get_connections, by direction and state.
        Assert.Equal("gauge", text.Types["monero_p2p_connections"]);
        Assert.Equal(2, text.Value("monero_p2p_connections", ("type", "in"), ("state", "normal")));
        Assert.Equal(1, text.Value("monero_p2p_connections", ("type", "in"), ("state", "before_handshake")));
        Assert.Equal(0, text.Value("monero_p2p_connections", ("type", "in"), ("state", "standby")));
        Assert.Equal(2, text.Value("monero_p2p_connections", ("type", "out"), ("state", "normal")));
        Assert.Equal(1, text.Value("monero_p2p_connections", ("type", "out"), ("state", "synchronizing")));
        Assert.Equal(1, text.Value("monero_p2p_connections", ("type", "out"), ("state", "standby")));
        Assert.Equal(node.Connections.Count, text.Of("monero_p2p_connections").Sum(s => s.Value));
        Assert.Equal(123_456_789, text.Value("monero_net_rx_bytes"));
        Assert.Equal(987_654, text.Value("monero_net_tx_bytes"));
        Assert.Equal(17, text.Value("monero_peerlist", ("type", "white")));
        Assert.Equal(250, text.Value("monero_peerlist", ("type", "gray")));
        Assert.Equal(2, text.Value("monero_bans"));

        // Connection types by zone; a connection without facts counts as unknown (as in get_connection_stats).
        Assert.Equal(3, text.Value("moneronet_p2p_connections", ("connection_type", "inbound"), ("zone", "public")));
        Assert.Equal(1, text.Value("moneronet_p2p_connections", ("connection_type", "outbound"), ("zone", "public")));
        Assert.Equal(1, text.Value("moneronet_p2p_connections", ("connection_type", "unknown"), ("zone", "public")));
        Assert.Equal(1, text.Value("moneronet_p2p_connections", ("connection_type", "anchor"), ("zone", "public")));
        Assert.Equal(1, text.Value("moneronet_p2p_connections", ("connection_type", "manual"), ("zone", "public")));
        Assert.DoesNotContain(text.Of("moneronet_p2p_connections"), s => s.Labels["connection_type"] == "seed");

        Assert.Equal("counter", text.Types["moneronet_p2p_messages_total"]);
        for (var i = 0; i < TrafficCommands.Count; i++)
        {
            var command = TrafficCommands.NameOf((TrafficCommand)i);
            Assert.Equal(100 + i, text.Value("moneronet_p2p_messages_total", ("command", command), ("direction", "in")));
            Assert.Equal(200 + i, text.Value("moneronet_p2p_messages_total", ("command", command), ("direction", "out")));
            Assert.Equal(10_000 + i, text.Value("moneronet_p2p_bytes_total", ("command", command), ("direction", "in")));
            Assert.Equal(20_000 + i, text.Value("moneronet_p2p_bytes_total", ("command", command), ("direction", "out")));
        }

        Assert.Equal(40, text.Value("moneronet_p2p_handshakes_total", ("result", "ok")));
        Assert.Equal(2, text.Value("moneronet_p2p_handshakes_total", ("result", "timeout")));
        Assert.Equal(7, text.Value("moneronet_p2p_closes_total", ("reason", "remote_closed")));
        Assert.Equal(3, text.Value("moneronet_p2p_closes_total", ("reason", "idle_timeout")));
        Assert.Equal(2, text.Value("moneronet_bans", ("source", "rpc")));
        Assert.Equal(1, text.Value("moneronet_p2p_suspected_proxies"));
        Assert.Equal(2, text.Value("moneronet_p2p_suspected_proxy_addresses"));

        // The RTT histogram in seconds, buckets cumulative, +Inf = _count.
        Assert.Equal("histogram", text.Types["moneronet_p2p_rtt_seconds"]);
        Assert.Equal(2, text.Value("moneronet_p2p_rtt_seconds_bucket", ("le", "0.001")));
        Assert.Equal(7, text.Value("moneronet_p2p_rtt_seconds_bucket", ("le", "0.01")));
        Assert.Equal(10, text.Value("moneronet_p2p_rtt_seconds_bucket", ("le", "0.1")));
        Assert.Equal(11, text.Value("moneronet_p2p_rtt_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(11, text.Value("moneronet_p2p_rtt_seconds_count"));
        Assert.Equal(0.4325, text.Value("moneronet_p2p_rtt_seconds_sum"), 12);

        // The .NET runtime's own counters are there, with true readings.
        Assert.True(text.Value("dotnet_gc_heap_total_allocated_bytes_total") > 0);
        Assert.True(text.Value("dotnet_thread_pool_thread_count") >= 1);
        Assert.True(text.Value("process_start_time_seconds") > 1_700_000_000);
    }

    [Fact]
    public async Task Values_follow_the_node_from_one_scrape_to_the_next()
    {
        var node = Node();
        await using var server = await RunningServer.StartAsync(node: node);
        var first = PrometheusText.Parse((await GetMetricsAsync(server)).BodyText);

        node.Connections = [node.Connections[0]];
        node.SetHostBan(IPAddress.Parse("198.51.100.1"), null);
        node.SetHostBan(IPAddress.Parse("198.51.100.2"), null);
        node.NetStats = node.NetStats with { TotalBytesIn = 200_000_000 };
        var second = PrometheusText.Parse((await GetMetricsAsync(server)).BodyText);

        Assert.Equal(7, first.Of("monero_p2p_connections").Sum(s => s.Value));
        Assert.Equal(1, second.Of("monero_p2p_connections").Sum(s => s.Value));
        Assert.Equal(0, second.Value("moneronet_p2p_connections", ("connection_type", "anchor"), ("zone", "public")));
        Assert.Equal(0, second.Value("moneronet_bans", ("source", "rpc")));
        Assert.Equal(0, second.Value("monero_bans"));
        Assert.Equal(200_000_000, second.Value("monero_net_rx_bytes"));
    }

    [Fact]
    public async Task A_ban_source_with_quotes_backslashes_and_newlines_stays_one_well_formed_label()
    {
        // A ban list's file name is the one label value an operator chooses; the text format must escape it.
        const string oddSource = "ban_list:my \"bad\" list\\v2\n.txt";
        var node = Node();
        node.BansWithSources =
        [
            new BanSnapshot { Address = IPAddress.Parse("198.51.100.7"), SecondsRemaining = 60, Source = oddSource },
            new BanSnapshot { Address = IPAddress.Parse("198.51.100.8"), SecondsRemaining = 60, Source = oddSource },
            new BanSnapshot { Address = IPAddress.Parse("198.51.100.9"), SecondsRemaining = 60, Source = "rpc" },
        ];
        await using var server = await RunningServer.StartAsync(node: node);

        var body = (await GetMetricsAsync(server)).BodyText;
        var text = PrometheusText.Parse(body);

        Assert.Equal(2, text.Value("moneronet_bans", ("source", oddSource)));
        Assert.Equal(1, text.Value("moneronet_bans", ("source", "rpc")));
        Assert.Equal(3, text.Value("monero_bans"));
        Assert.Contains("source=\"ban_list:my \\\"bad\\\" list\\\\v2\\n.txt\"", body, StringComparison.Ordinal);
        // Every line is a comment or one sample: the newline in the name did not split one.
        Assert.All(body.Split('\n', StringSplitOptions.RemoveEmptyEntries), line =>
            Assert.Matches(@"^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? [-+0-9.eE]+|.* (\+Inf|NaN))$", line));
    }

    [Fact]
    public async Task Labels_never_carry_a_peer_address_or_id()
    {
        var node = Node();
        await using var server = await RunningServer.StartAsync(node: node);

        var body = (await GetMetricsAsync(server)).BodyText;

        foreach (var connection in node.Connections)
        {
            Assert.DoesNotContain($"\"{connection.Host}", body, StringComparison.Ordinal);
            Assert.DoesNotContain(connection.PeerId.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("203.0.113.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("198.51.100.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rpc_requests_are_counted_by_method_and_unknown_ones_pooled()
    {
        await using var server = await RunningServer.StartAsync(node: Node());
        for (var i = 0; i < 3; i++)
            await server.SendAsync(RawHttp.Request("POST", "/json_rpc", "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"get_info\"}"));
        await server.SendAsync(RawHttp.Request("POST", "/get_info", "{}"));
        for (var i = 0; i < 20; i++)
            await server.SendAsync(RawHttp.Request("POST", "/json_rpc", $"{{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"no_such_method_{i}\"}}"));
        await server.SendAsync(RawHttp.Request("GET", "/no_such_endpoint_at_all", null));
        await GetMetricsAsync(server);

        var text = PrometheusText.Parse((await GetMetricsAsync(server)).BodyText);

        Assert.Equal(3, text.Value("moneronet_rpc_requests_total", ("method", "get_info")));
        Assert.Equal(1, text.Value("moneronet_rpc_requests_total", ("method", "/get_info")));
        Assert.Equal(21, text.Value("moneronet_rpc_requests_total", ("method", "unknown")));
        Assert.Equal(1, text.Value("moneronet_rpc_requests_total", ("method", "/metrics"))); // the scrape being answered is not in yet
        Assert.True(text.Value("moneronet_rpc_method_duration_seconds_total", ("method", "get_info")) > 0);
        Assert.Equal("counter", text.Types["moneronet_rpc_method_duration_seconds_total"]);
        // The time by method is the sum of the requests' times, so it is at most what the one histogram counted.
        Assert.True(text.Of("moneronet_rpc_method_duration_seconds_total").Sum(s => s.Value)
            <= text.Value("moneronet_rpc_request_duration_seconds_sum") + 1e-9);
        // One histogram for every request: the 3 get_info, the /get_info, the 21 unknown and the earlier scrape.
        Assert.Equal("histogram", text.Types["moneronet_rpc_request_duration_seconds"]);
        Assert.Equal(26, text.Value("moneronet_rpc_request_duration_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(26, text.Value("moneronet_rpc_request_duration_seconds_count"));
        Assert.DoesNotContain(text.Samples, s => s.Labels.TryGetValue("method", out var m) && m.StartsWith("no_such", StringComparison.Ordinal));
        // Methods never called publish no series.
        Assert.DoesNotContain(text.Samples, s => s.Labels.TryGetValue("method", out var m) && m == "sync_info");
    }

    [Fact]
    public async Task The_restricted_server_refuses_it_with_404()
    {
        await using var server = await RunningServer.StartAsync(restricted: true, node: Node());

        var answer = await GetMetricsAsync(server);

        Assert.Equal("HTTP/1.1 404 Not found", answer.StatusLine);
        Assert.Empty(answer.Body);
    }

    [Fact]
    public async Task With_rpc_login_it_needs_digest_credentials()
    {
        const string user = "monero", password = "metrics pass";
        await using var server = await RunningServer.StartAsync(
            node: Node(), options: new RpcServerOptions { BindIp = IPAddress.Loopback, Port = 0, Login = new RpcLogin(user, password) });
        await using var connection = await KeepAliveConnection.OpenAsync(server.EndPoint);

        var refused = await connection.PostAsync("/metrics", "", method: "GET");
        Assert.Equal("HTTP/1.1 401 Unauthorized", refused.StatusLine);
        Assert.DoesNotContain("monero_p2p_connections", refused.BodyText, StringComparison.Ordinal);

        var challenge = refused.Headers.First(h => h.Key.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase)).Value;
        var authorization = DigestClient.Rfc2617(user, password, DigestClient.NonceOf(challenge), 1, method: "GET", uri: "/metrics");
        var answer = await connection.PostAsync("/metrics", "", authorization, method: "GET");

        Assert.Equal("HTTP/1.1 200 Ok", answer.StatusLine);
        Assert.Equal(7, PrometheusText.Parse(answer.BodyText).Of("monero_p2p_connections").Sum(s => s.Value));
    }
}
