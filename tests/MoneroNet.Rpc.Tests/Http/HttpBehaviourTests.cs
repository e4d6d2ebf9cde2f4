using System.Net.Sockets;
using System.Text;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Http;

public sealed class HttpBehaviourTests
{
    private const string GetConnections = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"get_connections\"}";

    [Fact]
    public async Task A_request_over_one_MiB_in_total_is_answered_by_closing_the_connection()
    {
        await using var server = await RunningServer.StartAsync();

        // The size of monerod's capture: 1 048 673 bytes of JSON body.
        var body = GetConnections[..^1] + ",\"pad\":\"" + new string('x', 1_048_673 - GetConnections.Length - 9) + "\"}";
        Assert.Equal(1_048_673, body.Length);
        var received = await SendTolerantAsync(server, RawHttp.Request("POST", "/json_rpc", body));

        Assert.Empty(received);
    }

    [Fact]
    public async Task The_limit_counts_request_line_and_headers_with_the_body()
    {
        await using var server = await RunningServer.StartAsync();
        var emptyHead = RawHttp.Request("POST", "/json_rpc", "").Length;
        var limit = Rpc.RpcServerOptions.DefaultMaxRequestBytes;

        var justFits = GetConnections + new string(' ', limit - emptyHead - GetConnections.Length - 10);
        var fits = RawHttp.Request("POST", "/json_rpc", justFits);
        Assert.True(fits.Length <= limit);
        var answer = HttpResponseBytes.Parse(await SendTolerantAsync(server, fits));
        Assert.Equal("HTTP/1.1 200 Ok", answer.StatusLine);
        Assert.Contains("\"connections\": []", answer.BodyText, StringComparison.Ordinal);

        // Same body size, but a long header pushes the total over the limit.
        var overByHeader = Encoding.ASCII.GetBytes(
            $"POST /json_rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: {new string('p', 64)}\r\nContent-Length: {justFits.Length}\r\nConnection: close\r\n\r\n{justFits}");
        Assert.True(overByHeader.Length > limit);
        Assert.Empty(await SendTolerantAsync(server, overByHeader));
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_too()
    {
        await using var server = await RunningServer.StartAsync();
        var chunk = new string(' ', 512 * 1024);
        var request = Encoding.ASCII.GetBytes(
            "POST /json_rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + $"{chunk.Length:x}\r\n{chunk}\r\n{chunk.Length:x}\r\n{chunk}\r\n0\r\n\r\n");
        Assert.Empty(await SendTolerantAsync(server, request));
    }

    [Fact]
    public async Task Headers_are_monerods_plus_kestrels_date_and_the_reason_phrase_is_monerods()
    {
        await using var server = await RunningServer.StartAsync();
        var answer = await server.SendAsync(RawHttp.Request("POST", "/json_rpc", GetConnections));
        Assert.Equal("HTTP/1.1 200 Ok", answer.StatusLine);
        Assert.Equal(
            new[] { "Content-Length", "Content-Type", "Server", "Accept-Ranges", "Last-Modified", "Connection", "Date" }.Order(),
            answer.Headers.Select(h => h.Key).Order());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Any_http_method_reaches_json_rpc(string method)
    {
        await using var server = await RunningServer.StartAsync();
        var answer = await server.SendAsync(RawHttp.Request(method, "/json_rpc", GetConnections));
        Assert.Equal("HTTP/1.1 200 Ok", answer.StatusLine);
        Assert.StartsWith("{\r\n  \"id\": 1,", answer.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/json_rpc?x=1")]
    [InlineData("/json_rpc/")]
    [InlineData("/JSON_RPC")]
    [InlineData("/get_info?x=1")]
    [InlineData("/get_connections")]
    [InlineData("//json_rpc")]
    public async Task The_whole_target_must_match_exactly(string target)
    {
        await using var server = await RunningServer.StartAsync();
        var answer = await server.SendAsync(RawHttp.Request("POST", target, GetConnections));
        Assert.Equal("HTTP/1.1 404 Not found", answer.StatusLine);
        Assert.Empty(answer.Body);
        Assert.Equal("text/plain", answer.Header("Content-Type"));
    }

    [Fact]
    public async Task Keep_alive_serves_several_requests_on_one_connection()
    {
        await using var server = await RunningServer.StartAsync(node: new FakeNodeQuery(Snapshots.Ipv4()));
        var first = RawHttp.Request("POST", "/json_rpc", GetConnections, close: false);
        var second = RawHttp.Request("GET", "/json_rpc", GetConnections.Replace("\"id\":1", "\"id\":2"), close: true);

        var received = await RawHttp.ExchangeAsync(server.EndPoint, [.. first, .. second]);
        var answers = HttpResponseBytes.ParseAll(received);

        Assert.Equal(2, answers.Count);
        Assert.Null(answers[0].Header("Connection"));
        Assert.Contains("\"id\": 1,", answers[0].BodyText, StringComparison.Ordinal);
        Assert.Contains("\"id\": 2,", answers[1].BodyText, StringComparison.Ordinal);
        Assert.Equal(2, server.Node.Calls);
    }

    [Fact]
    public async Task A_method_that_is_not_a_string_gets_500_and_the_connection_closes_even_with_keep_alive()
    {
        await using var server = await RunningServer.StartAsync();
        var bad = RawHttp.Request("POST", "/json_rpc", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}", close: false);
        var next = RawHttp.Request("POST", "/json_rpc", GetConnections, close: false);

        var received = await RawHttp.ExchangeAsync(server.EndPoint, [.. bad, .. next]);
        var answers = HttpResponseBytes.ParseAll(received);

        var only = Assert.Single(answers);
        Assert.Equal("HTTP/1.1 500 Internal Server Error", only.StatusLine);
        Assert.Equal("close", only.Header("Connection"));
        Assert.Equal("application/json", only.Header("Content-Type"));
        Assert.Empty(only.Body);
    }

    [Fact]
    public async Task Restricted_mode_hides_restricted_uri_endpoints_but_not_allowed_ones()
    {
        await using var server = await RunningServer.StartAsync(restricted: true);

        var hidden = await server.SendAsync(RawHttp.Request("POST", "/get_peer_list", "{}"));
        Assert.Equal("HTTP/1.1 404 Not found", hidden.StatusLine);
        Assert.Empty(hidden.Body);

        var allowed = await server.SendAsync(RawHttp.Request("POST", "/echo", "{\"flag\":true}"));
        Assert.Equal("HTTP/1.1 200 Ok", allowed.StatusLine);
        Assert.Equal("{\r\n  \"flag\": true,\r\n  \"status\": \"OK\",\r\n  \"untrusted\": false\r\n}", allowed.BodyText);
    }

    [Fact]
    public async Task A_uri_parameter_of_the_wrong_type_is_a_bad_request()
    {
        await using var server = await RunningServer.StartAsync();
        var answer = await server.SendAsync(RawHttp.Request("POST", "/echo", "{\"flag\":\"yes\"}"));
        Assert.Equal("HTTP/1.1 400 Bad request", answer.StatusLine);
        Assert.Empty(answer.Body);
    }

    /// <summary>Sends and reads, treating a reset while sending as the server having closed the connection.</summary>
    private static async Task<byte[]> SendTolerantAsync(RunningServer server, byte[] request)
    {
        using var cts = new CancellationTokenSource(RawHttp.DefaultTimeout);
        using var client = new TcpClient();
        await client.ConnectAsync(server.EndPoint, cts.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, cts.Token);
        }
        catch (IOException)
        {
            // The server closed while we were still sending: it answered nothing.
        }

        return await RawHttp.ReadToEndAsync(stream, cts.Token);
    }
}
