using System.Globalization;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Methods.Connections;

/// <summary>
/// JSON-RPC <c>get_connection_stats</c> (MoneroNet only, docs/OBSERVABILITY.md "RPC methods"): node-wide counters since
/// start — messages and bytes by command and direction (the keys of extended get_connections), closes by reason,
/// handshakes by result, round-trip-time percentiles estimated from the histogram (<see cref="RttPercentiles"/>),
/// suspected proxies grouped by inner peer id — and the open connections counted by type, state, direction and zone
/// with the top subnets and ASes (<see cref="LiveConnectionCounts"/>). Takes no parameters. Refused in restricted mode.
/// </summary>
public sealed class GetConnectionStatsMethod(INodeQuery node) : IRpcMethod
{
    private readonly INodeQuery _node = node ?? throw new ArgumentNullException(nameof(node));

    public string Name => "get_connection_stats";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        var stats = _node.GetConnectionStats();
        var connections = _node.GetConnections();
        var traffic = stats.Traffic;
        var result = new RpcJsonObject()
            .Set("bytes_recv_per_msg", ConnectionFactsFormatter.PerCommand(traffic.BytesReceived))
            .Set("bytes_sent_per_msg", ConnectionFactsFormatter.PerCommand(traffic.BytesSent))
            .Set("closes_by_reason", LiveConnectionCounts.Counts(stats.ClosesByReason))
            .Set("connections", LiveConnectionCounts.Format(connections))
            .Set("handshakes_by_result", LiveConnectionCounts.Counts(stats.HandshakesByResult))
            .Set("local_addresses", LocalAddresses(stats.LocalAddresses))
            .Set("msgs_recv_per_msg", ConnectionFactsFormatter.PerCommand(traffic.MessagesReceived))
            .Set("msgs_sent_per_msg", ConnectionFactsFormatter.PerCommand(traffic.MessagesSent))
            .Set("rtt", Rtt(stats.Rtt))
            .Set("suspected_proxies", Proxies(stats.SuspectedProxies));
        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(result)));
    }

    /// <summary>The node's listeners, each {"address": "host:port", "zone": …}, as get_connections names zones.</summary>
    private static RpcJsonArray LocalAddresses(IReadOnlyList<LocalAddressSnapshot> addresses)
    {
        var array = new RpcJsonArray(addresses.Count);
        foreach (var local in addresses)
        {
            array.Add(new RpcJsonObject().Set("address", local.Address).Set("zone", local.Zone));
        }

        return array;
    }

    /// <summary>Samples, mean, p50/p90/p99 (left out before any sample) and the buckets themselves.</summary>
    private static RpcJsonObject Rtt(RttHistogramSnapshot histogram)
    {
        var buckets = new RpcJsonArray(histogram.Counts.Count);
        for (var i = 0; i < histogram.Counts.Count; i++)
        {
            var bucket = new RpcJsonObject().Set("count", histogram.Counts[i]);
            // The overflow bucket (Prometheus's le="+Inf") has no upper bound: it is the last one, without le_ms.
            if (i < histogram.UpperBoundsMs.Count) bucket.Set("le_ms", histogram.UpperBoundsMs[i]);
            buckets.Add(bucket);
        }

        var rtt = new RpcJsonObject().Set("buckets", buckets).Set("samples", histogram.SampleCount);
        if (histogram.SampleCount > 0) rtt.Set("mean_ms", histogram.SumMs / histogram.SampleCount);
        if (RttPercentiles.Estimate(histogram, 0.50) is { } p50) rtt.Set("p50_ms", p50);
        if (RttPercentiles.Estimate(histogram, 0.90) is { } p90) rtt.Set("p90_ms", p90);
        if (RttPercentiles.Estimate(histogram, 0.99) is { } p99) rtt.Set("p99_ms", p99);
        return rtt;
    }

    private static RpcJsonArray Proxies(IReadOnlyList<SuspectedProxySnapshot> proxies)
    {
        var array = new RpcJsonArray(proxies.Count);
        foreach (var p in proxies.OrderByDescending(p => p.LastSeenUnixSeconds).ThenBy(p => p.InnerPeerId))
        {
            var addresses = new RpcJsonArray(p.Addresses.Count);
            foreach (var a in p.Addresses) addresses.Add(new RpcJsonString(a));
            array.Add(new RpcJsonObject()
                .Set("addresses", addresses)
                .Set("inner_peer_id", p.InnerPeerId.ToString("x16", CultureInfo.InvariantCulture))
                .Set("last_seen", (ulong)Math.Max(0, p.LastSeenUnixSeconds))
                .Set("outer_peer_ids", ConnectionFactsFormatter.PeerIds(p.OuterPeerIds)));
        }

        return array;
    }
}
