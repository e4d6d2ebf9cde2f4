using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using MoneroNet.Rpc.Security;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Security;

/// <summary>--rpc-ssl: enabled (TLS only), autodetect (TLS and plain HTTP on one port), with given or generated certificates.</summary>
public sealed class TlsModeTests
{
    private const string GetConnections = "{\"jsonrpc\":\"2.0\",\"id\":\"0\",\"method\":\"get_connections\"}";

    private static Task<RunningServer> StartAsync(RpcTlsMode mode, X509Certificate2? certificate = null, RpcLogin? login = null) =>
        RunningServer.StartAsync(
            node: new FakeNodeQuery(Snapshots.Ipv4()),
            options: new RpcServerOptions { BindIp = IPAddress.Loopback, Port = 0, Tls = mode, Certificate = certificate, Login = login });

    private static HttpClient TrustingClient(NetworkCredential? credentials = null) => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        Credentials = credentials,
    });

    [Theory]
    [InlineData(RpcTlsMode.Enabled)]
    [InlineData(RpcTlsMode.Autodetect)]
    public async Task Https_works_with_a_generated_self_signed_certificate(RpcTlsMode mode)
    {
        await using var server = await StartAsync(mode);
        using var client = TrustingClient();

        using var response = await client.PostAsync($"https://127.0.0.1:{server.EndPoint.Port}/json_rpc", new StringContent(GetConnections));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"peer_id\": \"0102030405060708\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Autodetect_serves_plain_http_on_the_same_port_byte_for_byte()
    {
        await using var server = await StartAsync(RpcTlsMode.Autodetect);

        var answer = await server.SendAsync(RawHttp.Request("POST", "/json_rpc", GetConnections));

        Assert.Equal("HTTP/1.1 200 Ok", answer.StatusLine);
        Assert.Equal("Epee-based", answer.Header("Server"));
        Assert.Contains("\"peer_id\": \"0102030405060708\"", answer.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enabled_refuses_plain_http()
    {
        await using var server = await StartAsync(RpcTlsMode.Enabled);

        var bytes = await RawHttp.ExchangeAsync(server.EndPoint, RawHttp.Request("POST", "/json_rpc", GetConnections), TimeSpan.FromSeconds(10));

        Assert.False(System.Text.Encoding.ASCII.GetString(bytes).StartsWith("HTTP/1.1 200", StringComparison.Ordinal));
        Assert.Equal(0, server.Node.Calls);
    }

    [Fact]
    public async Task The_given_certificate_is_the_one_presented()
    {
        using var certificate = RpcCertificate.CreateSelfSigned(new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var server = await StartAsync(RpcTlsMode.Autodetect, certificate);
        using var client = new TcpClient();
        await client.ConnectAsync(server.EndPoint);
        X509Certificate? presented = null;
        await using var tls = new SslStream(client.GetStream(), false, (_, cert, _, _) =>
        {
            presented = cert;
            return true;
        });

        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" });

        Assert.Equal(certificate.Thumbprint, new X509Certificate2(presented!).Thumbprint);
    }

    [Fact]
    public async Task Login_works_over_tls()
    {
        await using var server = await StartAsync(RpcTlsMode.Enabled, login: new RpcLogin("u", "p"));
        using var client = TrustingClient(new NetworkCredential("u", "p"));

        using var response = await client.PostAsync($"https://127.0.0.1:{server.EndPoint.Port}/json_rpc", new StringContent(GetConnections));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(RpcTlsMode.Autodetect, new string[0])]
    [InlineData(RpcTlsMode.Enabled, new[] { "--rpc-ssl", "enabled", "--rpc-ssl-allow-any-cert" })]
    [InlineData(RpcTlsMode.Autodetect, new[] { "--rpc-ssl", "disabled" })]
    public async Task Monerods_console_client_reaches_the_server(RpcTlsMode mode, string[] clientFlags)
    {
        await using var server = await StartAsync(mode);

        var output = await MonerodConsole.RunAsync(server.EndPoint.Port, [.. clientFlags, "print_cn"]);

        Assert.Contains("0102030405060708", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_certificate_pair_is_reused_and_half_a_pair_is_an_error()
    {
        var directory = Directory.CreateTempSubdirectory("moneronet-rpc-ssl-");
        try
        {
            var basePath = Path.Combine(directory.FullName, "rpc_ssl");
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            using var created = RpcCertificate.LoadOrCreate(basePath, time);
            using var loaded = RpcCertificate.LoadOrCreate(basePath, time);

            Assert.Equal(created.Thumbprint, loaded.Thumbprint);
            Assert.True(loaded.HasPrivateKey);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(basePath + ".key"));
            Assert.Equal(time.GetUtcNow().AddDays(182).UtcDateTime, created.NotAfter.ToUniversalTime(), TimeSpan.FromSeconds(1));

            File.Delete(basePath + ".key");
            Assert.Throws<IOException>(() => RpcCertificate.LoadOrCreate(basePath, time));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
