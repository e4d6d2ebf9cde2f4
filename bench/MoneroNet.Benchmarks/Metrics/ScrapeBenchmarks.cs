using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using MoneroNet.Rpc;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;
using MoneroNet.Rpc.Methods.Info;
using MoneroNet.Rpc.Metrics;

namespace MoneroNet.Benchmarks.Metrics;

/// <summary>
/// What a Prometheus scrape costs at 10,000 peers, against the bar of the issue (no more than a get_info), and
/// prometheus-net against OpenTelemetry's exporter: in process (the method or the exposition alone) and over HTTP on
/// loopback (request, server, answer, client), the node read from <see cref="FakeNodeAtScale"/>. Allocation is
/// process-wide, so the HTTP rows include the client's and Kestrel's garbage too.
/// </summary>
[MemoryDiagnoser]
public class ScrapeBenchmarks : IDisposable
{
    [Params(10_000)]
    public int Connections { get; set; }

    private FakeNodeAtScale _node = null!;
    private GetInfoMethod _getInfo = null!;
    private MetricsExposition _exposition = null!;
    private NodeMetrics _nodeOnly = null!;
    private Prometheus.CollectorRegistry _rpcOnly = null!;
    private readonly System.Buffers.ArrayBufferWriter<byte> _nodeOnlyOutput = new(64 * 1024);
    private RpcServer _server = null!;
    private OpenTelemetryMetricsServer _openTelemetry = null!;
    private HttpClient _http = null!;
    private Uri _getInfoUri = null!;
    private Uri _metricsUri = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _node = new FakeNodeAtScale(Connections);
        var methods = RpcMethodRegistry.CreateDefault(_node, null, new RpcServerFacts(false, new MoneroNet.Rpc.Http.RpcConnectionCounter()), TimeProvider.System);
        _getInfo = (GetInfoMethod)methods.JsonRpcMethods.First(m => m.Name == "get_info");
        _exposition = new MetricsExposition(_node, methods);
        _nodeOnly = new NodeMetrics(_node);
        _rpcOnly = Prometheus.Metrics.NewCustomRegistry();
        var rpcOnly = new RpcRequestMetrics(_rpcOnly, methods);
        foreach (var method in new[] { "get_info", "/get_info", RpcRequestMetrics.MetricsPath })
        {
            rpcOnly.Record(method, System.Diagnostics.Stopwatch.GetTimestamp());
        }

        _server = new RpcServer(new RpcServerOptions { BindIp = IPAddress.Loopback, Port = 0 }, methods, TimeProvider.System,
            NullLoggerFactory.Instance, bans: _node);
        await _server.StartAsync(default);
        _getInfoUri = new Uri($"http://127.0.0.1:{_server.Port}/get_info");
        _metricsUri = new Uri($"http://127.0.0.1:{_server.Port}/metrics");
        _openTelemetry = await OpenTelemetryMetricsServer.StartAsync(_node);
        _http = new HttpClient();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _http.Dispose();
        await _openTelemetry.DisposeAsync();
        await _server.DisposeAsync();
    }

    public void Dispose()
    {
        _http?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public async Task<int> GetInfo_InProcess()
    {
        var result = await _getInfo.InvokeAsync(RpcParams.Empty, default);
        return EpeeJsonWriter.Write(result.Result!).Length;
    }

    [Benchmark]
    public async Task<long> Metrics_PrometheusNet_InProcess()
    {
        using var body = await _exposition.ScrapeAsync(default);
        return body.Length;
    }

    /// <summary>The node's P2P families alone (no runtime counters, no RPC families): the part that reads the node.</summary>
    [Benchmark]
    public Task<long> NodeFamiliesOnly_InProcess()
    {
        _nodeOnlyOutput.ResetWrittenCount();
        _nodeOnly.WriteTo(_nodeOnlyOutput);
        return Task.FromResult((long)_nodeOnlyOutput.WrittenCount);
    }

    /// <summary>The RPC request families alone (prometheus-net instruments), three methods called.</summary>
    [Benchmark]
    public async Task<long> RpcFamiliesOnly_InProcess()
    {
        await _rpcOnly.CollectAndExportAsTextAsync(Stream.Null, default);
        return 0;
    }

    public Task<int> ConnectionCountsOnly() => Task.FromResult(_node.GetConnectionCounts().Total);

    public Task<ulong> NodeInfoOnly() => Task.FromResult(_node.GetNodeInfo().IncomingConnections);

    [Benchmark]
    public async Task<int> GetInfo_Http() => (await _http.GetByteArrayAsync(_getInfoUri)).Length;

    [Benchmark]
    public async Task<int> Metrics_PrometheusNet_Http() => (await _http.GetByteArrayAsync(_metricsUri)).Length;

    [Benchmark]
    public async Task<int> Metrics_OpenTelemetry_Http() => (await _http.GetByteArrayAsync(_openTelemetry.MetricsUri)).Length;
}
