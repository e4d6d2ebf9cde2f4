using System.Net;
using MoneroNet.Rpc.Security;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Security;

/// <summary>The Authorization header grammar monerod's http_auth.cpp accepts, seen through the server.</summary>
public sealed class DigestAuthorizationTests
{
    private const string Body = "{\"jsonrpc\":\"2.0\",\"id\":\"0\",\"method\":\"get_connections\"}";

    private static Task<RunningServer> StartAsync() => RunningServer.StartAsync(
        node: new FakeNodeQuery(Snapshots.Ipv4()),
        options: new RpcServerOptions { BindIp = IPAddress.Loopback, Port = 0, Login = new RpcLogin("a", "pw") });

    /// <summary>Gets a nonce on a fresh connection, then sends the header made from it.</summary>
    private static async Task<HttpResponseBytes> AnswerAsync(RunningServer server, Func<string, string> header)
    {
        await using var connection = await KeepAliveConnection.OpenAsync(server.EndPoint);
        var challenge = await connection.PostAsync("/json_rpc", Body);
        var nonce = DigestClient.NonceOf(challenge.Header("WWW-authenticate")!);
        return await connection.PostAsync("/json_rpc", Body, header(nonce));
    }

    private static string Response(string nonce) =>
        DigestClient.Md5($"{DigestClient.Md5("a:monero-rpc:pw")}:{nonce}:0000000A:c:auth:{DigestClient.Md5("POST:/json_rpc")}");

    [Fact]
    public async Task Scheme_and_field_names_are_case_insensitive_values_may_be_quoted_and_extra_fields_are_ignored()
    {
        await using var server = await StartAsync();

        var answer = await AnswerAsync(server, nonce =>
            $"  dIgEsT USERNAME=\"a\",Nonce=\"{nonce}\" , URI=\"/json_rpc\",cnonce=\"c\",NC=0000000A,QOP=\"auth\","
            + $"Algorithm=\"MD5\",opaque=\"x\",domain=\"/\",stale=false,realm=\"ignored\",response=\"{Response(nonce).ToUpperInvariant()}\"");

        // monerod lets the first answer after a challenge through whatever its nc (here 0x0A); later ones must count.
        Assert.Equal("HTTP/1.1 200 Ok", answer.StatusLine);
        Assert.Equal(1, server.Node.Calls);
    }

    [Theory]
    [InlineData("Basic YTpwdw==")]
    [InlineData("Digest")]
    [InlineData("Digest username=\"a\",")]
    [InlineData("Digest username=\"a\", foo=\"bar\"")]
    [InlineData("Digest username=a")]
    [InlineData("Digest nc=1")]
    [InlineData("Digest response=\"abc\"")]
    [InlineData("Digest username=\"a\" trailing")]
    public async Task Malformed_headers_fail_without_stale(string header)
    {
        await using var server = await StartAsync();

        var answer = await AnswerAsync(server, _ => header);

        Assert.Equal("HTTP/1.1 401 Unauthorized", answer.StatusLine);
        Assert.EndsWith("stale=false", answer.Header("WWW-authenticate"), StringComparison.Ordinal);
        Assert.Equal(0, server.Node.Calls);
    }

    [Fact]
    public async Task An_algorithm_other_than_md5_fails()
    {
        await using var server = await StartAsync();

        var answer = await AnswerAsync(server, nonce =>
            DigestClient.Rfc2617("a", "pw", nonce, 1).Replace("algorithm=MD5", "algorithm=SHA-256", StringComparison.Ordinal));

        Assert.EndsWith("stale=false", answer.Header("WWW-authenticate"), StringComparison.Ordinal);
    }
}
