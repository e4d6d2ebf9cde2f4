using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MoneroNet.Rpc.Events;
using MoneroNet.Rpc.Security;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Http;

/// <summary>GET /events and GET /dashboard on a real server over real HTTP connections.</summary>
public sealed class EventStreamTests
{
    private static NodeEvent Opened(int port) => new()
    {
        Type = NodeEventType.ConnectionOpened,
        Timestamp = DateTimeOffset.UtcNow,
        ConnectionId = Guid.NewGuid(),
        Address = $"127.0.0.1:{port}",
        Incoming = true,
    };

    private static Uri Url(RunningServer server, string path) => new($"http://127.0.0.1:{server.EndPoint.Port}{path}");

    /// <summary>The next "data:" line of the stream, as JSON.</summary>
    private static async Task<JsonElement> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
        }
        throw new EndOfStreamException("the event stream ended");
    }

    [Fact]
    public async Task Each_event_reaches_an_http_subscriber_within_a_second()
    {
        using var hub = new NodeEventHub(TimeProvider.System);
        await using var server = await RunningServer.StartAsync(events: hub);
        using var client = new HttpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await client.GetAsync(Url(server, "/events"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await Polling.UntilAsync(() => hub.SubscriberCount == 1);

        for (int i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            hub.Publish(Opened(20_000 + i));
            var e = await NextEventAsync(reader, timeout.Token);
            watch.Stop();
            Assert.Equal("connection_opened", e.GetProperty("type").GetString());
            Assert.Equal($"127.0.0.1:{20_000 + i}", e.GetProperty("address").GetString());
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"event {i} took {watch.Elapsed}");
        }

        response.Dispose(); // the client leaves: its slot is freed
        await Polling.UntilAsync(() => hub.SubscriberCount == 0);
    }

    [Fact]
    public async Task Over_the_subscriber_cap_the_answer_is_503()
    {
        using var hub = new NodeEventHub(TimeProvider.System, maxSubscribers: 1);
        await using var server = await RunningServer.StartAsync(events: hub);
        using var client = new HttpClient();

        using var first = await client.GetAsync(Url(server, "/events"), HttpCompletionOption.ResponseHeadersRead);
        using var second = await client.GetAsync(Url(server, "/events"), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(1, hub.SubscriberCount);
    }

    [Theory]
    [InlineData("/events")]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/dashboard.js")]
    public async Task The_restricted_server_answers_404(string path)
    {
        using var hub = new NodeEventHub(TimeProvider.System);
        await using var server = await RunningServer.StartAsync(restricted: true, events: hub);
        using var client = new HttpClient();

        using var response = await client.GetAsync(Url(server, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, hub.SubscriberCount);
    }

    [Fact]
    public async Task Behind_rpc_login_the_stream_needs_digest_credentials()
    {
        using var hub = new NodeEventHub(TimeProvider.System);
        await using var server = await RunningServer.StartAsync(
            events: hub, options: new RpcServerOptions { BindIp = IPAddress.Loopback, Port = 0, Login = new RpcLogin("monero", "pw") });
        using var anonymous = new HttpClient();
        using var handler = new HttpClientHandler { Credentials = new NetworkCredential("monero", "pw") };
        using var authenticated = new HttpClient(handler);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var refused = await anonymous.GetAsync(Url(server, "/events"), HttpCompletionOption.ResponseHeadersRead);
        using var refusedPage = await anonymous.GetAsync(Url(server, "/dashboard"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedPage.StatusCode);
        Assert.Equal(0, hub.SubscriberCount);

        using var response = await authenticated.GetAsync(Url(server, "/events"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await Polling.UntilAsync(() => hub.SubscriberCount == 1);
        hub.Publish(Opened(20_100));
        Assert.Equal("127.0.0.1:20100", (await NextEventAsync(reader, timeout.Token)).GetProperty("address").GetString());
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_dropped_and_its_slot_freed_while_publishing_goes_on()
    {
        using var hub = new NodeEventHub(TimeProvider.System, bufferCapacity: 16, overflowGrace: TimeSpan.FromMilliseconds(500));
        await using var server = await RunningServer.StartAsync(events: hub);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(server.EndPoint);
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        await Polling.UntilAsync(() => hub.SubscriberCount == 1);

        // Never read: Kestrel's pipe and the socket buffers fill, then the subscriber's 16 slots.
        var publish = Stopwatch.StartNew();
        for (int i = 0; i < 20_000 && !hub.Overflows.Equals(1L); i++)
        {
            hub.Publish(Opened(i));
            if (i % 1000 == 999) await Task.Delay(20);
        }
        publish.Stop();

        Assert.Equal(1, hub.Overflows);
        await Polling.UntilAsync(() => hub.SubscriberCount == 0);
        // The server ended the stuck stream: reading now reaches the connection's end (the server aborted it) or the
        // chunked body's last chunk, never waits for more events.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[65536];
        var tail = "";
        try
        {
            int n;
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                tail = (tail + Encoding.ASCII.GetString(buffer, 0, n))[^Math.Min(tail.Length + n, 64)..];
                if (tail.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal)) break;
            }
        }
        catch (SocketException) { }
        Assert.False(timeout.IsCancellationRequested, "the stuck stream was not ended");
    }

    [Fact]
    public async Task The_dashboard_and_its_assets_are_served_from_the_binary_with_a_self_only_policy()
    {
        await using var server = await RunningServer.StartAsync(events: null);
        using var client = new HttpClient();

        using var page = await client.GetAsync(Url(server, "/dashboard"));
        using var script = await client.GetAsync(Url(server, "/dashboard/dashboard.js"));
        using var style = await client.GetAsync(Url(server, "/dashboard/dashboard.css"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("/dashboard/dashboard.js", html, StringComparison.Ordinal);
        Assert.Contains("/dashboard/dashboard.css", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Contains("EventSource", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, style.StatusCode);
        Assert.Equal("text/css", style.Content.Headers.ContentType!.MediaType);
    }
}
