using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using MoneroNet.Rpc.Dispatch;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;

namespace MoneroNet.Benchmarks.Rpc;

/// <summary>
/// <c>get_connections</c> at 10,000 idle peers (the load test's "Many peers" size): the answer printed by the
/// forward-only writer straight from the connections into pooled segments (what the RPC does now), and then copied
/// into a pipe; against the generic tree built per connection and printed (what it did before the writer).
/// </summary>
[MemoryDiagnoser]
public class GetConnectionsBenchmarks
{
    private const long Now = 1_800_000_000;

    [Params(10_000)]
    public int Connections { get; set; }

    private FakeConnectionsQuery _node = null!;
    private GetConnectionsMethod _method = null!;
    private PipeWriter _sink = null!;

    [GlobalSetup]
    public void Setup()
    {
        var time = new FixedTime(DateTimeOffset.FromUnixTimeSeconds(Now));
        _node = new FakeConnectionsQuery(Connections, Now);
        _method = new GetConnectionsMethod(_node, time);
        _sink = PipeWriter.Create(Stream.Null);
    }

    /// <summary>The tree of the earlier code (one RpcJsonObject per connection), printed into pooled segments.</summary>
    [Benchmark(Baseline = true)]
    public long TreeBuiltAndPrinted()
    {
        var connections = new RpcJsonArray(Connections);
        foreach (var connection in _node.GetConnections()) connections.Add(ConnectionInfoFormatter.Format(connection, Now));
        var reply = RpcReply.Json(RpcResponseBase.WithStatusOk(new RpcJsonObject().Set("connections", connections)));
        var length = reply.BodyLength;
        reply.ReleaseJsonBody();
        return length;
    }

    /// <summary>The method's result written into pooled segments: what the dispatcher does.</summary>
    [Benchmark]
    public async Task<long> WrittenToSegments()
    {
        var result = await _method.InvokeAsync(RpcParams.Empty, default);
        var reply = RpcReply.Json(result.WriteResult);
        var length = reply.BodyLength;
        reply.ReleaseJsonBody();
        return length;
    }

    /// <summary>The HTTP path: written into segments, then copied into a pipe (here one that discards).</summary>
    [Benchmark]
    public async Task<long> WrittenAndCopiedToPipe()
    {
        var result = await _method.InvokeAsync(RpcParams.Empty, default);
        var reply = RpcReply.Json(result.WriteResult);
        var length = reply.BodyLength;
        await reply.JsonBody!.CopyToAsync(_sink, default);
        reply.ReleaseJsonBody();
        return length;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
