using System.Diagnostics;
using MoneroNet.Rpc.Methods;
using Prometheus;

namespace MoneroNet.Rpc.Metrics;

/// <summary>
/// RPC requests and their handling time by method (<c>moneronet_rpc_requests_total</c>,
/// <c>moneronet_rpc_request_duration_seconds</c>). The label is a name from the method registry only: a JSON-RPC
/// method's name ("get_info"), a URI or binary endpoint's path ("/get_info", "/get_hashes.bin"), "/metrics"; every
/// other request (unknown or refused method, unparsable body, unknown target) is pooled under
/// <see cref="Unknown"/>, so a client cannot grow the label set. Children are resolved once, so recording a request
/// allocates nothing; a method's series appear once it has been called.
/// </summary>
public sealed class RpcRequestMetrics
{
    public const string Unknown = "unknown";

    /// <summary>The path of the metrics endpoint, counted like a method.</summary>
    public const string MetricsPath = "/metrics";

    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly Dictionary<string, (Counter.Child Requests, Histogram.Child Duration)> _byMethod = new(StringComparer.Ordinal);
    private readonly (Counter.Child Requests, Histogram.Child Duration) _unknown;

    public RpcRequestMetrics(CollectorRegistry registry, RpcMethodRegistry methods)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(methods);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var requests = factory.CreateCounter(
            "moneronet_rpc_requests_total", "RPC requests answered, by method (JSON-RPC name or endpoint path; unknown for anything else)",
            new CounterConfiguration { LabelNames = ["method"], SuppressInitialValue = true });
        var duration = factory.CreateHistogram(
            "moneronet_rpc_request_duration_seconds", "Time to handle an RPC request (parse, run the method, build the answer), by method",
            new HistogramConfiguration { LabelNames = ["method"], Buckets = DurationBuckets, SuppressInitialValue = true });

        var names = methods.JsonRpcMethods.Select(m => m.Name)
            .Concat(methods.UriEndpoints.Select(e => e.Key))
            .Concat(methods.BinaryEndpoints.Select(e => e.Key))
            .Append(MetricsPath)
            .Append(Unknown);
        foreach (var name in names)
        {
            _byMethod.TryAdd(name, (requests.WithLabels(name), duration.WithLabels(name)));
        }

        _unknown = _byMethod[Unknown];
    }

    /// <summary>Counts one request under <paramref name="method"/> (a registry name, else <see cref="Unknown"/>),
    /// handled since <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void Record(string method, long startTimestamp)
    {
        var (requests, duration) = _byMethod.TryGetValue(method, out var children) ? children : _unknown;
        requests.Inc();
        duration.Observe(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
    }
}
