using System.Diagnostics;
using MoneroNet.Rpc.Methods;
using Prometheus;

namespace MoneroNet.Rpc.Metrics;

/// <summary>
/// RPC requests and their handling time: requests by method (<c>moneronet_rpc_requests_total</c>), time spent by method
/// (<c>moneronet_rpc_method_duration_seconds_total</c>: divided by the method's requests, its mean time) and one histogram of every request's time (<c>moneronet_rpc_request_duration_seconds</c>). A histogram by
/// method would cost 15 series a method that has been called (each a line printed at every scrape, most of a scrape's
/// cost; docs/BENCHMARKS.md "/metrics"); by method, a time and a count say which method is slow, and the one histogram
/// gives the percentiles. The label is a name from the method registry only: a JSON-RPC
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

    private readonly Dictionary<string, (Counter.Child Requests, Counter.Child Duration)> _byMethod = new(StringComparer.Ordinal);
    private readonly (Counter.Child Requests, Counter.Child Duration) _unknown;
    private readonly Histogram _duration;

    public RpcRequestMetrics(CollectorRegistry registry, RpcMethodRegistry methods)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(methods);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var requests = factory.CreateCounter(
            "moneronet_rpc_requests_total", "RPC requests answered, by method (JSON-RPC name or endpoint path; unknown for anything else)",
            new CounterConfiguration { LabelNames = ["method"], SuppressInitialValue = true });
        var methodDuration = factory.CreateCounter(
            "moneronet_rpc_method_duration_seconds_total", "Time spent handling RPC requests (parse, run the method, build the answer), by method; over moneronet_rpc_requests_total, the mean",
            new CounterConfiguration { LabelNames = ["method"], SuppressInitialValue = true });
        _duration = factory.CreateHistogram(
            "moneronet_rpc_request_duration_seconds", "Time to handle an RPC request (parse, run the method, build the answer), every method",
            new HistogramConfiguration { Buckets = DurationBuckets });

        var names = methods.JsonRpcMethods.Select(m => m.Name)
            .Concat(methods.UriEndpoints.Select(e => e.Key))
            .Concat(methods.BinaryEndpoints.Select(e => e.Key))
            .Append(MetricsPath)
            .Append(Unknown);
        foreach (var name in names)
        {
            _byMethod.TryAdd(name, (requests.WithLabels(name), methodDuration.WithLabels(name)));
        }

        _unknown = _byMethod[Unknown];
    }

    /// <summary>Counts one request under <paramref name="method"/> (a registry name, else <see cref="Unknown"/>),
    /// handled since <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void Record(string method, long startTimestamp)
    {
        var (requests, duration) = _byMethod.TryGetValue(method, out var children) ? children : _unknown;
        var seconds = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
        requests.Inc();
        duration.Inc(seconds);
        _duration.Observe(seconds);
    }
}
