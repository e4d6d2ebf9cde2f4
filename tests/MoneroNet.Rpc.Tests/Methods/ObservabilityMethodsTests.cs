using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MoneroNet.Rpc.Dispatch;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;
using MoneroNet.Rpc.Methods.Bans;
using MoneroNet.Rpc.Methods.Connections;
using MoneroNet.Rpc.Node;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Methods;

/// <summary>Issue 9's RPC methods: get_closed_connections, get_connection_stats, extended get_bans (exact JSON).</summary>
public sealed class ObservabilityMethodsTests
{
    private static string Json(RpcResult result) => EpeeJsonWriter.WriteToString(Assert.IsType<RpcJsonObject>(result.Result));

    private static ClosedConnectionSnapshot Closed(ConnectionSnapshot connection, string reason, long at) => new()
    {
        Connection = connection,
        CloseReason = reason,
        CloseDetail = "connection closed by peer",
        ClosedUnixSeconds = at,
    };

    private static async Task<string> DispatchAsync(FakeNodeQuery node, string body, bool restricted = false)
    {
        var time = new FakeTimeProvider(RunningServer.Epoch);
        var dispatcher = new JsonRpcDispatcher(FakeMethods.Registry(node, time), restricted, NullLogger.Instance);
        var reply = await dispatcher.DispatchAsync(Encoding.UTF8.GetBytes(body), CancellationToken.None);
        return Encoding.UTF8.GetString(reply.Body);
    }

    [Fact]
    public async Task Get_closed_connections_prints_every_field_as_of_the_close_newest_first()
    {
        var withFacts = Snapshots.Ipv4(started: 1_000, now: 1_006) with { Facts = FactsSnapshots.Facts() };
        var plain = Snapshots.Ipv4(host: "127.0.0.23", started: 900, now: 950);
        var node = new FakeNodeQuery { ClosedConnections = [Closed(withFacts, "remote_closed", 1_010), Closed(plain, "idle_timeout", 960)] };

        var result = await new GetClosedConnectionsMethod(node).InvokeAsync(RpcParams.Empty, CancellationToken.None);

        Assert.Equal(ExpectedClosedJson, Json(result));
        Assert.Equal([GetClosedConnectionsMethod.DefaultCount], node.ClosedConnectionRequests);
    }

    // live_time, recv_idle_time and send_idle_time are as of closed_at; the second entry kept no facts.
    private static readonly string ExpectedClosedJson = """
    {
      "connections": [{
        "address": "127.0.0.22:35365",
        "address_type": 1,
        "avg_download": 0,
        "avg_upload": 0,
        "bytes_recv_per_msg": {
          "handshake": 250,
          "other": 88
        },
        "bytes_sent_per_msg": {
          "handshake": 300,
          "ping": 38
        },
        "close_detail": "connection closed by peer",
        "close_reason": "remote_closed",
        "closed_at": 1010,
        "connection_id": "a32269a357504251916d72d978e5211d",
        "connection_type": "inbound",
        "current_download": 0,
        "current_upload": 0,
        "height": 1,
        "host": "127.0.0.22",
        "incoming": true,
        "inner_peer_ids": [],
        "ip": "127.0.0.22",
        "live_time": 10,
        "local_ip": false,
        "localhost": true,
        "min_ping_ms": 0.125,
        "msgs_recv_per_msg": {
          "handshake": 1,
          "other": 1
        },
        "msgs_sent_per_msg": {
          "handshake": 1,
          "ping": 2
        },
        "peer_id": "0102030405060708",
        "ping_ms": 0.25,
        "ping_wait_ms": 0,
        "port": "35365",
        "proxy_check": "consistent",
        "pruning_seed": 0,
        "recv_count": 338,
        "recv_idle_time": 4,
        "rpc_credits_per_hash": 0,
        "rpc_port": 0,
        "send_count": 338,
        "send_idle_time": 4,
        "state": "normal",
        "subnet": "127.0.0.0\/24",
        "support_flags": 1,
        "support_flags_requested": false
      },{
        "address": "127.0.0.23:35365",
        "address_type": 1,
        "avg_download": 0,
        "avg_upload": 0,
        "close_detail": "connection closed by peer",
        "close_reason": "idle_timeout",
        "closed_at": 960,
        "connection_id": "a32269a357504251916d72d978e5211d",
        "current_download": 0,
        "current_upload": 0,
        "height": 1,
        "host": "127.0.0.23",
        "incoming": true,
        "ip": "127.0.0.23",
        "live_time": 60,
        "local_ip": false,
        "localhost": true,
        "peer_id": "0102030405060708",
        "port": "35365",
        "pruning_seed": 0,
        "recv_count": 338,
        "recv_idle_time": 10,
        "rpc_credits_per_hash": 0,
        "rpc_port": 0,
        "send_count": 338,
        "send_idle_time": 10,
        "state": "normal",
        "support_flags": 1
      }],
      "status": "OK",
      "untrusted": false
    }
    """.ReplaceLineEndings("\r\n");

    [Theory]
    [InlineData("1", 1)]
    [InlineData("\"2\"", 2)]
    [InlineData("1000", 1000)]
    public async Task Get_closed_connections_takes_a_count_up_to_1000(string count, int expected)
    {
        var node = new FakeNodeQuery { ClosedConnections = Enumerable.Range(0, 3).Select(i => Closed(Snapshots.Ipv4(), "banned", 2_000 - i)).ToList() };

        var answer = await DispatchAsync(node, $"{{\"id\":1,\"method\":\"get_closed_connections\",\"params\":{{\"count\":{count}}}}}");

        Assert.Equal([expected], node.ClosedConnectionRequests);
        Assert.Equal(Math.Min(expected, 3), CountOf(answer, "\"close_reason\": \"banned\""));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-1")]
    [InlineData("\"many\"")]
    [InlineData("1.5")]
    [InlineData("true")]
    public async Task A_bad_count_is_invalid_params_as_monerod_answers_a_parameter_it_cannot_use(string count)
    {
        var node = new FakeNodeQuery();
        var answer = await DispatchAsync(node, $"{{\"id\":7,\"method\":\"get_closed_connections\",\"params\":{{\"count\":{count}}}}}");
        Assert.Equal("{\r\n  \"error\": {\r\n    \"code\": -32602,\r\n    \"message\": \"Invalid params\"\r\n  },\r\n  \"id\": 7,\r\n  \"jsonrpc\": \"2.0\"\r\n}", answer);
        Assert.Empty(node.ClosedConnectionRequests);
    }

    [Fact]
    public async Task Get_connection_stats_prints_node_wide_counters_and_live_counts()
    {
        var node = new FakeNodeQuery(
            Snapshots.Ipv4("127.0.0.22") with { Facts = FactsSnapshots.Facts("inbound", "127.0.0.0/24", asn: 64500) },
            Snapshots.Ipv4("127.0.0.23") with { Incoming = false, Facts = FactsSnapshots.Facts("outbound", "127.0.0.0/24", asn: 64500) },
            Snapshots.Ipv4("127.0.1.5") with { Incoming = false, State = "synchronizing", Facts = FactsSnapshots.Facts("anchor", "127.0.1.0/24", asn: 64501) },
            Snapshots.Ipv4("127.0.2.5"))
        {
            ConnectionStats = FactsSnapshots.Stats() with
            {
                LocalAddresses = [new("127.0.0.1:18080", "public"), new("[::1]:18080", "public")],
            },
        };

        var result = await new GetConnectionStatsMethod(node).InvokeAsync(RpcParams.Empty, CancellationToken.None);

        Assert.Equal(ExpectedStatsJson, Json(result));
    }

    // by_type "unknown": the fourth connection kept no facts; it counts in no subnet or AS either.
    private static readonly string ExpectedStatsJson = """
    {
      "bytes_recv_per_msg": {
        "handshake": 2500,
        "other": 880
      },
      "bytes_sent_per_msg": {
        "handshake": 3000,
        "ping": 380
      },
      "closes_by_reason": {
        "banned": 0,
        "idle_timeout": 1,
        "remote_closed": 3
      },
      "connections": {
        "by_address_type": {
          "ipv4": 4
        },
        "by_direction": {
          "inbound": 2,
          "outbound": 2
        },
        "by_state": {
          "normal": 3,
          "synchronizing": 1
        },
        "by_type": {
          "anchor": 1,
          "inbound": 1,
          "outbound": 1,
          "unknown": 1
        },
        "by_zone": {
          "public": 4
        },
        "top_asns": [{
          "as_name": "EXAMPLE-AS",
          "asn": 64500,
          "connections": 2
        },{
          "as_name": "EXAMPLE-AS",
          "asn": 64501,
          "connections": 1
        }],
        "top_subnets": [{
          "connections": 2,
          "subnet": "127.0.0.0\/24"
        },{
          "connections": 1,
          "subnet": "127.0.1.0\/24"
        }],
        "total": 4
      },
      "handshakes_by_result": {
        "ok": 4,
        "timeout": 1
      },
      "local_addresses": [{
        "address": "127.0.0.1:18080",
        "zone": "public"
      },{
        "address": "[::1]:18080",
        "zone": "public"
      }],
      "msgs_recv_per_msg": {
        "handshake": 10,
        "other": 10
      },
      "msgs_sent_per_msg": {
        "handshake": 10,
        "ping": 20
      },
      "rtt": {
        "buckets": [{
          "count": 5,
          "le_ms": 1
        },{
          "count": 4,
          "le_ms": 10
        },{
          "count": 0,
          "le_ms": 100
        },{
          "count": 1
        }],
        "mean_ms": 25,
        "p50_ms": 1,
        "p90_ms": 10,
        "p99_ms": 100,
        "samples": 10
      },
      "status": "OK",
      "suspected_proxies": [{
        "addresses": ["127.0.0.9:18080","127.0.0.10:18080"],
        "inner_peer_id": "aabbccddeeff0011",
        "last_seen": 1800000000,
        "outer_peer_ids": ["1111111111111111","2222222222222222"]
      }],
      "untrusted": false
    }
    """.ReplaceLineEndings("\r\n");

    [Fact]
    public async Task Get_connection_stats_with_nothing_yet_leaves_the_percentiles_out()
    {
        var result = await new GetConnectionStatsMethod(new FakeNodeQuery()).InvokeAsync(RpcParams.Empty, CancellationToken.None);
        var rtt = Assert.IsType<RpcJsonObject>(result.Result!["rtt"]);
        Assert.Null(rtt["p50_ms"]);
        Assert.Null(rtt["mean_ms"]);
        Assert.Equal(0UL, Assert.IsType<RpcJsonUnsigned>(rtt["samples"]).Value);
        var connections = Assert.IsType<RpcJsonObject>(result.Result["connections"]);
        Assert.Equal(0UL, Assert.IsType<RpcJsonUnsigned>(connections["total"]).Value);
    }

    [Fact]
    public void Top_lists_are_bounded_and_ordered_by_count_then_name()
    {
        var connections = Enumerable.Range(0, 30)
            .Select(i => Snapshots.Ipv4($"10.0.{i}.1") with { Facts = FactsSnapshots.Facts(subnet: $"10.0.{i}.0/24", asn: (uint)(64_500 + i)) })
            .Concat(Enumerable.Range(0, 3).Select(i => Snapshots.Ipv4($"10.0.29.{i + 2}") with { Facts = FactsSnapshots.Facts(subnet: "10.0.29.0/24", asn: 64_529) }))
            .ToList();

        var counts = LiveConnectionCounts.Format(connections);

        var subnets = Assert.IsType<RpcJsonArray>(counts["top_subnets"]).Items.Cast<RpcJsonObject>().ToList();
        Assert.Equal(LiveConnectionCounts.TopCount, subnets.Count);
        Assert.Equal("10.0.29.0/24", Assert.IsType<RpcJsonString>(subnets[0]["subnet"]).Value);
        Assert.Equal(4UL, Assert.IsType<RpcJsonUnsigned>(subnets[0]["connections"]).Value);
        // Ties (one connection each) in ordinal order of the subnet text.
        Assert.Equal("10.0.0.0/24", Assert.IsType<RpcJsonString>(subnets[1]["subnet"]).Value);
        Assert.Equal("10.0.1.0/24", Assert.IsType<RpcJsonString>(subnets[2]["subnet"]).Value);
        var asns = Assert.IsType<RpcJsonArray>(counts["top_asns"]).Items.Cast<RpcJsonObject>().ToList();
        Assert.Equal(LiveConnectionCounts.TopCount, asns.Count);
        Assert.Equal(64_529UL, Assert.IsType<RpcJsonUnsigned>(asns[0]["asn"]).Value);
        Assert.Equal(64_500UL, Assert.IsType<RpcJsonUnsigned>(asns[1]["asn"]).Value);
        Assert.Equal(33UL, Assert.IsType<RpcJsonUnsigned>(counts["total"]).Value);
    }

    [Theory]
    [InlineData(0.5, 1.0)]   // rank 5 of 10: the last sample of the first bucket, its upper bound
    [InlineData(0.6, 3.25)]  // rank 6: a quarter into (1, 10]
    [InlineData(0.9, 10.0)]  // rank 9: the top of (1, 10]
    [InlineData(0.99, 100.0)] // rank 9.9: in the overflow bucket, reported as the last bound
    public void Percentiles_interpolate_within_the_bucket_as_prometheus_does(double q, double expected)
    {
        var histogram = FactsSnapshots.Stats().Rtt;
        Assert.Equal(expected, RttPercentiles.Estimate(histogram, q)!.Value, precision: 9);
    }

    [Fact]
    public void A_percentile_of_an_empty_histogram_is_unknown()
    {
        Assert.Null(RttPercentiles.Estimate(new RttHistogramSnapshot { UpperBoundsMs = [1], Counts = [0, 0], SampleCount = 0, SumMs = 0 }, 0.5));
    }

    private static FakeNodeQuery WithSourcedBans() => new()
    {
        BansWithSources =
        [
            new BanSnapshot { Address = IPAddress.Parse("192.0.2.7"), SecondsRemaining = 3600, Source = "rpc", CreatedUnixSeconds = 1_800_000_000 },
            new BanSnapshot { Subnet = IPNetwork.Parse("198.51.100.0/24"), SecondsRemaining = long.MaxValue, Source = "ban_list:bans.txt", CreatedUnixSeconds = 1_799_999_000 },
            new BanSnapshot { Address = IPAddress.Parse("2001:db8::1"), SecondsRemaining = 86_400, Source = "auto:bad_peer_list", CreatedUnixSeconds = 1_800_000_100 },
        ],
    };

    [Fact]
    public async Task Get_bans_without_extended_is_monerods_answer_byte_for_byte()
    {
        var plain = Json(await new GetBansMethod(WithSourcedBans()).InvokeAsync(RpcParams.Empty, CancellationToken.None));
        Assert.Equal(
            "{\r\n  \"bans\": [{\r\n    \"host\": \"192.0.2.7\",\r\n    \"ip\": 117571776,\r\n    \"seconds\": 3600\r\n  },{\r\n" +
            "    \"host\": \"2001:db8::1\",\r\n    \"ip\": 0,\r\n    \"seconds\": 86400\r\n  },{\r\n" +
            "    \"host\": \"198.51.100.0\\/24\",\r\n    \"ip\": 0,\r\n    \"seconds\": 4294967295\r\n  }],\r\n" +
            "  \"status\": \"OK\",\r\n  \"untrusted\": false\r\n}", plain);
        var notTrue = new RpcParams(new RpcJsonObject().Set("extended", "true"));
        Assert.Equal(plain, Json(await new GetBansMethod(WithSourcedBans()).InvokeAsync(notTrue, CancellationToken.None)));
    }

    [Fact]
    public async Task Get_bans_extended_adds_source_and_created()
    {
        var extended = new RpcParams(new RpcJsonObject().Set("extended", true));
        Assert.Equal(
            "{\r\n  \"bans\": [{\r\n    \"created\": 1800000000,\r\n    \"host\": \"192.0.2.7\",\r\n    \"ip\": 117571776,\r\n" +
            "    \"seconds\": 3600,\r\n    \"source\": \"rpc\"\r\n  },{\r\n" +
            "    \"created\": 1800000100,\r\n    \"host\": \"2001:db8::1\",\r\n    \"ip\": 0,\r\n    \"seconds\": 86400,\r\n" +
            "    \"source\": \"auto:bad_peer_list\"\r\n  },{\r\n" +
            "    \"created\": 1799999000,\r\n    \"host\": \"198.51.100.0\\/24\",\r\n    \"ip\": 0,\r\n    \"seconds\": 4294967295,\r\n" +
            "    \"source\": \"ban_list:bans.txt\"\r\n  }],\r\n  \"status\": \"OK\",\r\n  \"untrusted\": false\r\n}",
            Json(await new GetBansMethod(WithSourcedBans()).InvokeAsync(extended, CancellationToken.None)));
    }

    [Theory]
    [InlineData("get_closed_connections")]
    [InlineData("get_connection_stats")]
    public async Task The_new_methods_are_refused_on_the_restricted_server_as_get_connections_is(string method)
    {
        var node = new FakeNodeQuery(Snapshots.Ipv4());
        var refused = await DispatchAsync(node, $"{{\"id\":3,\"method\":\"{method}\",\"params\":{{\"count\":1}}}}", restricted: true);
        var getConnections = await DispatchAsync(node, "{\"id\":3,\"method\":\"get_connections\"}", restricted: true);

        Assert.Equal("{\r\n  \"error\": {\r\n    \"code\": -32601,\r\n    \"message\": \"Method not found\"\r\n  },\r\n  \"id\": 3,\r\n  \"jsonrpc\": \"2.0\"\r\n}", refused);
        Assert.Equal(getConnections, refused);
        Assert.Equal(0, node.Calls);
        Assert.Contains("\"result\"", await DispatchAsync(node, $"{{\"id\":3,\"method\":\"{method}\"}}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extended_get_bans_is_refused_on_the_restricted_server_too()
    {
        var refused = await DispatchAsync(WithSourcedBans(), "{\"id\":3,\"method\":\"get_bans\",\"params\":{\"extended\":true}}", restricted: true);
        Assert.Contains("-32601", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("source", refused, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
