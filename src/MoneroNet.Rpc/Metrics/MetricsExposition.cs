using MoneroNet.Rpc.Dispatch;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;
using Prometheus;

namespace MoneroNet.Rpc.Metrics;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format 0.0.4. What this server measures itself, its RPC requests, is held in
/// prometheus-net instruments (<see cref="RpcRequestMetrics"/>, one registry per server); what others already count is
/// read when the scrape comes and written from that one read: the .NET runtime's counters (<see cref="RuntimeMetrics"/>)
/// and the node's P2P families (<see cref="NodeMetrics"/>, the RTT histogram last). prometheus-net was chosen
/// over OpenTelemetry's exporter by measurement (docs/BENCHMARKS.md "/metrics"): a fraction of the time and garbage
/// per scrape, exact metric names, and a registry of its own per server instead of process-wide meter listeners.
/// </summary>
public sealed class MetricsExposition
{
    /// <summary>The Content-Type of the Prometheus text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly NodeMetrics _nodeMetrics;
    private readonly RuntimeMetrics _runtimeMetrics = new();

    public MetricsExposition(INodeQuery node, RpcMethodRegistry methods)
    {
        Requests = new RpcRequestMetrics(_registry, methods);
        _nodeMetrics = new NodeMetrics(node);
    }

    /// <summary>Where the dispatchers count their requests.</summary>
    public RpcRequestMetrics Requests { get; }

    /// <summary>
    /// Collects every family now and writes the exposition text into pooled segments (the caller owns them and
    /// releases them once sent: <see cref="RpcReply.Pooled"/>), with no intermediate buffer or copy.
    /// </summary>
    public async Task<PooledSegmentBuffer> ScrapeAsync(CancellationToken cancellationToken)
    {
        var body = new PooledSegmentBuffer();
        try
        {
            await using (var stream = new BufferWriterStream(body))
            {
                await _registry.CollectAndExportAsTextAsync(stream, ExpositionFormat.PrometheusText, cancellationToken).ConfigureAwait(false);
            }

            _runtimeMetrics.WriteTo(body);
            _nodeMetrics.WriteTo(body);
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }
}
