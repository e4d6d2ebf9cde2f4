using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Hosting;

public sealed class RpcServerTests
{
    private const string GetConnections = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"get_connections\"}";

    [Fact]
    public async Task Port_zero_binds_an_ephemeral_port_and_stop_releases_it()
    {
        var server = await RunningServer.StartAsync();
        var endPoint = server.EndPoint;
        Assert.Equal(IPAddress.Loopback, endPoint.Address);
        Assert.NotEqual(0, endPoint.Port);
        Assert.Equal(endPoint.Port, server.Server.Port);

        await server.Server.StopAsync(CancellationToken.None);
        Assert.Empty(server.Server.BoundEndPoints);
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(endPoint));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Listens_on_the_ipv6_address_as_well()
    {
        var options = new RpcServerOptions { BindIp = IPAddress.Loopback, Port = 0, BindIpv6 = IPAddress.IPv6Loopback };
        await using var server = await RunningServer.StartAsync(options: options, node: new FakeNodeQuery(Snapshots.Ipv4()));

        Assert.Equal(2, server.Server.BoundEndPoints.Count);
        var v6 = Assert.Single(server.Server.BoundEndPoints, e => e.AddressFamily == AddressFamily.InterNetworkV6);
        var answer = HttpResponseBytes.Parse(await RawHttp.ExchangeAsync(v6, RawHttp.Request("POST", "/json_rpc", GetConnections)));
        Assert.Equal("HTTP/1.1 200 Ok", answer.StatusLine);
        Assert.Contains("\"address\": \"127.0.0.22:35365\"", answer.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_twice_is_refused_and_stopping_twice_is_harmless()
    {
        await using var server = await RunningServer.StartAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.Server.StartAsync(CancellationToken.None));
        await server.Server.StopAsync(CancellationToken.None);
        await server.Server.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Options_are_checked()
    {
        var node = new FakeNodeQuery();
        Assert.Throws<ArgumentOutOfRangeException>(() => new RpcServer(new RpcServerOptions { Port = 70000 }, node, TimeProvider.System, LoggerFactory.Create(_ => { })));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RpcServer(new RpcServerOptions { MaxRequestBytes = 10 }, node, TimeProvider.System, LoggerFactory.Create(_ => { })));
    }

    [Fact]
    public async Task Aspnet_information_logs_stay_off_the_hosts_console()
    {
        var sink = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
        await using (var server = await RunningServer.StartAsync(loggerFactory: factory))
        {
            await server.SendAsync(RawHttp.Request("POST", "/json_rpc", GetConnections));
            await server.SendAsync(RawHttp.Request("POST", "/nowhere", "{}"));
        }

        Assert.DoesNotContain(sink.Entries, e => e.Category.StartsWith("Microsoft.", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
        Assert.Contains(sink.Entries, e => e.Category == "daemon.rpc" && e.Message.Contains("listening", StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

        public IReadOnlyCollection<(string Category, LogLevel Level, string Message)> Entries => _entries;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }

    [Fact]
    public async Task A_large_get_connections_is_streamed_with_its_exact_content_length()
    {
        // 3,000 connections: about 2 MB, many pooled segments copied into the response pipe.
        var snapshots = Enumerable.Range(0, 3000)
            .Select(i => Snapshots.Ipv4(host: $"127.30.{i / 250}.{i % 250 + 1}", port: (ushort)(20000 + i)))
            .ToArray();
        await using var server = await RunningServer.StartAsync(node: new FakeNodeQuery(snapshots));

        var bytes = await RawHttp.ExchangeAsync(server.EndPoint, RawHttp.Request("POST", "/json_rpc", GetConnections));
        var answer = HttpResponseBytes.Parse(bytes);

        // The same answer built as a tree by the formatters and printed by the renderer the RPC used before.
        var now = server.Time.GetUtcNow().ToUnixTimeSeconds();
        var connections = new MoneroNet.Rpc.Json.RpcJsonArray(snapshots.Select(s => MoneroNet.Rpc.Methods.ConnectionInfoFormatter.Format(s, now)));
        var expected = MoneroNet.Rpc.Tests.Json.TreeRendererOracle.Render(new MoneroNet.Rpc.Json.RpcJsonObject()
            .Set("id", 1UL).Set("jsonrpc", "2.0")
            .Set("result", MoneroNet.Rpc.Methods.RpcResponseBase.WithStatusOk(new MoneroNet.Rpc.Json.RpcJsonObject().Set("connections", connections))));
        Assert.Equal("HTTP/1.1 200 Ok", answer.StatusLine);
        Assert.Equal(expected.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Header("Content-Length"));
        Assert.Equal(expected, answer.Body);
        Assert.Equal(bytes.Length, answer.Length);
    }
}
