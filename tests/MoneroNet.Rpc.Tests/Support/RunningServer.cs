using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MoneroNet.Rpc.Methods;

namespace MoneroNet.Rpc.Tests.Support;

/// <summary>A real RpcServer on 127.0.0.1, port 0, with a fake node and a fake clock.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    /// <summary>The transcripts were captured at 2026-11-28 around 06:16 UTC; any fixed second works.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 28, 6, 16, 14, TimeSpan.Zero);

    private RunningServer(RpcServer server, FakeNodeQuery node, FakeTimeProvider time)
    {
        Server = server;
        Node = node;
        Time = time;
    }

    public RpcServer Server { get; }

    public FakeNodeQuery Node { get; }

    public FakeTimeProvider Time { get; }

    public long Now => Time.GetUtcNow().ToUnixTimeSeconds();

    public IPEndPoint EndPoint => Server.BoundEndPoints[0];

    public static async Task<RunningServer> StartAsync(
        bool restricted = false,
        FakeNodeQuery? node = null,
        RpcServerOptions? options = null,
        ILoggerFactory? loggerFactory = null,
        Func<INodeQuery, TimeProvider, RpcMethodRegistry>? registry = null)
    {
        node ??= new FakeNodeQuery();
        var time = new FakeTimeProvider(Epoch);
        options ??= new RpcServerOptions { BindIp = IPAddress.Loopback, Port = 0 };
        options = options with { Restricted = restricted || options.Restricted };
        var methods = (registry ?? FakeMethods.Registry)(node, time);
        var server = new RpcServer(options, methods, time, loggerFactory ?? NullLoggerFactory.Instance);
        await server.StartAsync(CancellationToken.None);
        return new RunningServer(server, node, time);
    }

    public async Task<HttpResponseBytes> SendAsync(byte[] request)
    {
        var bytes = await RawHttp.ExchangeAsync(EndPoint, request);
        return HttpResponseBytes.Parse(bytes);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
