using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MoneroNet.Rpc.Events;
using MoneroNet.Rpc.Http;
using MoneroNet.Rpc.Methods;

namespace MoneroNet.Rpc.Tests.Support;

/// <summary>A real RpcServer on 127.0.0.1, port 0, with a fake node (its bans refuse connections) and a fake clock.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    /// <summary>The transcripts were captured at 2026-11-28 around 06:16 UTC; any fixed second works.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 28, 6, 16, 14, TimeSpan.Zero);

    private RunningServer(RpcServer server, FakeNodeQuery node, FakeNodeControl control, FakeTimeProvider time)
    {
        Server = server;
        Node = node;
        Control = control;
        Time = time;
    }

    public RpcServer Server { get; }

    public FakeNodeQuery Node { get; }

    public FakeNodeControl Control { get; }

    public FakeTimeProvider Time { get; }

    public long Now => Time.GetUtcNow().ToUnixTimeSeconds();

    public IPEndPoint EndPoint => Server.BoundEndPoints[0];

    /// <param name="registry">Builds the methods; by default every real method plus <see cref="FakeMethods"/>.</param>
    public static async Task<RunningServer> StartAsync(
        bool restricted = false,
        FakeNodeQuery? node = null,
        RpcServerOptions? options = null,
        ILoggerFactory? loggerFactory = null,
        Func<FakeNodeQuery, TimeProvider, RpcMethodRegistry>? registry = null,
        NodeEventHub? events = null)
    {
        node ??= new FakeNodeQuery();
        var control = new FakeNodeControl(node);
        var time = new FakeTimeProvider(Epoch);
        options ??= new RpcServerOptions { BindIp = IPAddress.Loopback, Port = 0 };
        options = options with { Restricted = restricted || options.Restricted };
        var connections = new RpcConnectionCounter();
        var methods = registry is null
            ? FakeMethods.Registry(node, time, options.Restricted, connections, control)
            : registry(node, time);
        var server = new RpcServer(options, methods, time, loggerFactory ?? NullLoggerFactory.Instance, connections, node, control)
        {
            Events = events,
        };
        await server.StartAsync(CancellationToken.None);
        return new RunningServer(server, node, control, time);
    }

    public async Task<HttpResponseBytes> SendAsync(byte[] request)
    {
        var bytes = await RawHttp.ExchangeAsync(EndPoint, request);
        return HttpResponseBytes.Parse(bytes);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
