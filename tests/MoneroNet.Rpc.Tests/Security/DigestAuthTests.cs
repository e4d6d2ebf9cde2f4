using System.Net;
using System.Text.RegularExpressions;
using MoneroNet.Rpc.Security;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Security;

/// <summary>--rpc-login: monerod's digest authentication (docs/PROTOCOL.md §7.6, login__* transcripts, http_auth.cpp).</summary>
public sealed partial class DigestAuthTests
{
    private const string User = "monero";
    private const string Password = "s3cret:with colon";
    private const string GetConnections = "{\"jsonrpc\":\"2.0\",\"id\":\"0\",\"method\":\"get_connections\"}";

    private static Task<RunningServer> StartAsync(bool restricted = false) => RunningServer.StartAsync(
        restricted: restricted,
        node: new FakeNodeQuery(Snapshots.Ipv4()),
        options: new RpcServerOptions { BindIp = IPAddress.Loopback, Port = 0, Login = new RpcLogin(User, Password) });

    [Theory]
    [InlineData("login__no_credentials_401.txt")]
    [InlineData("login__get_connections_no_connections_wrong_password.txt")]
    public async Task Unauthenticated_requests_get_monerods_401(string transcriptName)
    {
        var transcript = Transcript.Load(transcriptName);
        await using var server = await StartAsync();

        var answer = await server.SendAsync(transcript.Request);
        var expected = transcript.Response!;

        Assert.Equal(expected.StatusLine, answer.StatusLine);
        Assert.Equal(expected.Body, answer.Body);
        foreach (var name in new[] { "Server", "Content-Length", "Content-Type", "Accept-Ranges", "Connection" })
            Assert.Equal(expected.Header(name), answer.Header(name));
        var expectedChallenges = Challenges(expected).Select(WithoutNonce).ToList();
        var challenges = Challenges(answer);
        Assert.Equal(expectedChallenges, challenges.Select(WithoutNonce).ToList());
        var nonce = DigestClient.NonceOf(challenges[0]);
        Assert.Equal(nonce, DigestClient.NonceOf(challenges[1]));
        Assert.Equal(16, Convert.FromBase64String(nonce).Length);
        Assert.Equal(0, server.Node.Calls);
    }

    [Fact]
    public async Task Each_challenge_has_a_new_random_nonce()
    {
        await using var server = await StartAsync();
        await using var connection = await KeepAliveConnection.OpenAsync(server.EndPoint);

        var first = await connection.PostAsync("/json_rpc", GetConnections);
        var second = await connection.PostAsync("/json_rpc", GetConnections);

        Assert.NotEqual(DigestClient.NonceOf(Challenges(first)[0]), DigestClient.NonceOf(Challenges(second)[0]));
    }

    [Fact]
    public async Task Rfc2617_answer_passes_and_the_nonce_count_must_follow_the_requests()
    {
        await using var server = await StartAsync();
        await using var connection = await KeepAliveConnection.OpenAsync(server.EndPoint);
        var nonce = DigestClient.NonceOf(Challenges(await connection.PostAsync("/json_rpc", GetConnections))[0]);

        var first = await connection.PostAsync("/json_rpc", GetConnections, DigestClient.Rfc2617(User, Password, nonce, 1));
        var second = await connection.PostAsync("/json_rpc", GetConnections, DigestClient.Rfc2617(User, Password, nonce, 2, cnonce: "b3RoZXI="));
        var replayed = await connection.PostAsync("/json_rpc", GetConnections, DigestClient.Rfc2617(User, Password, nonce, 2));

        Assert.Equal("HTTP/1.1 200 Ok", first.StatusLine);
        Assert.Contains("\"peer_id\"", first.BodyText, StringComparison.Ordinal);
        Assert.Equal("HTTP/1.1 200 Ok", second.StatusLine);
        Assert.Equal("HTTP/1.1 401 Unauthorized", replayed.StatusLine);
        Assert.All(Challenges(replayed), c => Assert.EndsWith(",stale=true", c, StringComparison.Ordinal));
        Assert.NotEqual(nonce, DigestClient.NonceOf(Challenges(replayed)[0]));
        Assert.Equal(2, server.Node.Calls);
    }

    [Fact]
    public async Task Md5_sess_answer_passes_on_uri_endpoints_too()
    {
        await using var server = await StartAsync();
        await using var connection = await KeepAliveConnection.OpenAsync(server.EndPoint);
        var nonce = DigestClient.NonceOf(Challenges(await connection.PostAsync("/get_info", "{}"))[1]);

        var answer = await connection.PostAsync("/get_info", "{}", DigestClient.Rfc2617(User, Password, nonce, 1, uri: "/get_info", sess: true));

        Assert.Equal("HTTP/1.1 200 Ok", answer.StatusLine);
        Assert.Contains("\"height\"", answer.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rfc2069_answer_without_qop_passes_once_per_nonce()
    {
        await using var server = await StartAsync();
        await using var connection = await KeepAliveConnection.OpenAsync(server.EndPoint);
        var nonce = DigestClient.NonceOf(Challenges(await connection.PostAsync("/json_rpc", GetConnections))[0]);

        var first = await connection.PostAsync("/json_rpc", GetConnections, DigestClient.Rfc2069(User, Password, nonce));
        var again = await connection.PostAsync("/json_rpc", GetConnections, DigestClient.Rfc2069(User, Password, nonce));

        Assert.Equal("HTTP/1.1 200 Ok", first.StatusLine);
        Assert.Equal("HTTP/1.1 401 Unauthorized", again.StatusLine);
        Assert.EndsWith("stale=true", Challenges(again)[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong password", "POST", User)]
    [InlineData(Password, "GET", User)] // answer computed for another method
    [InlineData(Password, "POST", "Monero")] // user names are case-sensitive
    public async Task Wrong_answers_get_a_fresh_challenge_that_is_not_stale(string password, string answeredMethod, string user)
    {
        await using var server = await StartAsync();
        await using var connection = await KeepAliveConnection.OpenAsync(server.EndPoint);
        var nonce = DigestClient.NonceOf(Challenges(await connection.PostAsync("/json_rpc", GetConnections))[0]);

        var answer = await connection.PostAsync("/json_rpc", GetConnections, DigestClient.Rfc2617(user, password, nonce, 1, method: answeredMethod));

        Assert.Equal("HTTP/1.1 401 Unauthorized", answer.StatusLine);
        Assert.All(Challenges(answer), c => Assert.EndsWith(",stale=false", c, StringComparison.Ordinal));
        Assert.Equal(0, server.Node.Calls);
    }

    [Fact]
    public async Task A_nonce_belongs_to_the_connection_it_was_issued_on()
    {
        await using var server = await StartAsync();
        await using var first = await KeepAliveConnection.OpenAsync(server.EndPoint);
        await using var second = await KeepAliveConnection.OpenAsync(server.EndPoint);
        var nonce = DigestClient.NonceOf(Challenges(await first.PostAsync("/json_rpc", GetConnections))[0]);

        var elsewhere = await second.PostAsync("/json_rpc", GetConnections, DigestClient.Rfc2617(User, Password, nonce, 1));

        Assert.Equal("HTTP/1.1 401 Unauthorized", elsewhere.StatusLine);
        Assert.EndsWith("stale=true", Challenges(elsewhere)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_is_answered_without_credentials_as_monerod_does()
    {
        await using var server = await StartAsync();
        await using var connection = await KeepAliveConnection.OpenAsync(server.EndPoint);

        var answer = await connection.PostAsync("/json_rpc", "", method: "OPTIONS");

        Assert.Equal("HTTP/1.1 200 OK", answer.StatusLine);
        Assert.Empty(Challenges(answer));
    }

    [Fact]
    public async Task HttpClient_digest_credentials_work_for_many_requests_and_a_wrong_password_is_refused()
    {
        await using var server = await StartAsync();
        var url = $"http://127.0.0.1:{server.EndPoint.Port}/json_rpc";
        using var good = new HttpClient(new HttpClientHandler { Credentials = new NetworkCredential(User, Password) });
        using var bad = new HttpClient(new HttpClientHandler { Credentials = new NetworkCredential(User, "nope") });

        for (var i = 0; i < 3; i++)
        {
            using var response = await good.PostAsync(url, new StringContent(GetConnections));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"peer_id\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var refused = await bad.PostAsync(url, new StringContent(GetConnections));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(3, server.Node.Calls);
    }

    [Fact]
    public async Task Curl_digest_gets_through()
    {
        Assert.True(File.Exists("/usr/bin/curl"), "/usr/bin/curl is missing");
        await using var server = await StartAsync();

        var output = await ProcessRunner.RunAsync(
            "/usr/bin/curl", "-s", "--digest", "-u", $"{User}:{Password}", "-H", "Content-Type: application/json",
            "-d", GetConnections, $"http://127.0.0.1:{server.EndPoint.Port}/json_rpc");

        Assert.Contains("\"peer_id\": \"0102030405060708\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monerods_console_client_logs_in()
    {
        await using var server = await StartAsync();

        var output = await MonerodConsole.RunAsync(server.EndPoint.Port, "--rpc-login", $"{User}:{Password}", "print_cn");

        Assert.Contains("Remote Host", output, StringComparison.Ordinal);
        Assert.Contains("0102030405060708", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_restricted_server_asks_for_the_login_as_well()
    {
        await using var server = await StartAsync(restricted: true);
        var url = $"http://127.0.0.1:{server.EndPoint.Port}/get_info";
        using var anonymous = new HttpClient();
        using var good = new HttpClient(new HttpClientHandler { Credentials = new NetworkCredential(User, Password) });

        using var refused = await anonymous.PostAsync(url, new StringContent("{}"));
        using var allowed = await good.PostAsync(url, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("\"restricted\": true", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get_closed_connections")]
    [InlineData("get_connection_stats")]
    [InlineData("get_bans")]
    public async Task Issue_9s_methods_are_behind_the_login(string method)
    {
        await using var server = await StartAsync();
        var url = $"http://127.0.0.1:{server.EndPoint.Port}/json_rpc";
        var body = $"{{\"jsonrpc\":\"2.0\",\"id\":\"0\",\"method\":\"{method}\",\"params\":{{\"extended\":true}}}}";
        using var anonymous = new HttpClient();
        using var wrong = new HttpClient(new HttpClientHandler { Credentials = new NetworkCredential(User, "wrong") });
        using var good = new HttpClient(new HttpClientHandler { Credentials = new NetworkCredential(User, Password) });

        using var refused = await anonymous.PostAsync(url, new StringContent(body));
        using var badLogin = await wrong.PostAsync(url, new StringContent(body));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badLogin.StatusCode);
        Assert.Equal(0, server.Node.Calls);

        using var allowed = await good.PostAsync(url, new StringContent(body));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("\"status\": \"OK\"", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static List<string> Challenges(HttpResponseBytes response) =>
        response.Headers.Where(h => h.Key.Equals("WWW-authenticate", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();

    private static string WithoutNonce(string challenge) => NonceValue().Replace(challenge, "nonce=\"*\"");

    [GeneratedRegex("nonce=\"[^\"]*\"")]
    private static partial Regex NonceValue();
}
