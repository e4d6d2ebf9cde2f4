using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;

namespace MoneroNet.Benchmarks.Rpc;

/// <summary>
/// <c>get_connections</c> at 10,000 idle peers (the load test's "Many peers" size): the method building its result
/// and the result rendered as the response body: into one array (what the HTTP layer did before), or measured and
/// streamed into a pipe (what it does now).
/// </summary>
[MemoryDiagnoser]
public class GetConnectionsBenchmarks
{
    private const long Now = 1_800_000_000;

    [Params(10_000)]
    public int Connections { get; set; }

    private GetConnectionsMethod _method = null!;
    private PipeWriter _sink = null!;

    [GlobalSetup]
    public void Setup()
    {
        var time = new FixedTime(DateTimeOffset.FromUnixTimeSeconds(Now));
        _method = new GetConnectionsMethod(new FakeConnectionsQuery(Connections, Now), time);
        _sink = PipeWriter.Create(Stream.Null);
    }

    [Benchmark]
    public async Task<RpcJsonObject> BuildResult() => (await _method.InvokeAsync(RpcParams.Empty, default)).Result!;

    [Benchmark]
    public async Task<int> BuildAndRenderToArray()
    {
        var result = await _method.InvokeAsync(RpcParams.Empty, default);
        return EpeeJsonWriter.Write(result.Result!).Length;
    }

    /// <summary>The HTTP path: measure for Content-Length, then stream into a pipe (here one that discards).</summary>
    [Benchmark]
    public async Task<long> BuildMeasureAndStream()
    {
        var result = await _method.InvokeAsync(RpcParams.Empty, default);
        var length = EpeeJsonWriter.GetByteCount(result.Result!);
        await EpeeJsonWriter.WriteAsync(result.Result!, _sink, default);
        return length;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
