using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MoneroNet.Rpc.Security;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Security;

/// <summary>
/// --rpc-ssl-allowed-fingerprints, --rpc-ssl-ca-certificates, --rpc-ssl-allow-chained (client certificates checked
/// over TLS as monerod's server does), --rpc-access-control-origins (monerod's CORS headers) and --rpc-ignore-ipv4.
/// </summary>
public sealed class ClientCertificateAndCorsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature, true));
        return request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
    }

    private static X509Certificate2 IssuedBy(X509Certificate2 ca, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        using var issued = request.Create(ca, Now.AddDays(-1), Now.AddDays(29), [1, 2, 3, 4]);
        return issued.CopyWithPrivateKey(key);
    }

    private static async Task<bool> AcceptedAsync(RunningServer server, X509Certificate2? client)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        if (client is not null) handler.ClientCertificates.Add(client);
        using var http = new HttpClient(handler);
        try
        {
            var response = await http.PostAsync($"https://{server.EndPoint}/get_limit", new StringContent("{}"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static RpcServerOptions Tls(RpcClientCertificates clients) =>
        new() { BindIp = IPAddress.Loopback, Port = 0, Tls = RpcTlsMode.Enabled, ClientCertificates = clients };

    [Fact]
    public async Task A_listed_fingerprint_is_accepted_and_other_or_missing_certificates_are_refused()
    {
        using var allowed = SelfSigned("allowed");
        using var other = SelfSigned("other");
        var clients = new RpcClientCertificates([SHA256.HashData(allowed.RawData)], null, allowChained: false);
        await using var server = await RunningServer.StartAsync(options: Tls(clients));

        Assert.True(await AcceptedAsync(server, allowed));
        Assert.False(await AcceptedAsync(server, other));
        Assert.False(await AcceptedAsync(server, null));
    }

    [Fact]
    public async Task A_ca_file_accepts_its_own_certificates_and_with_allow_chained_the_ones_it_issued()
    {
        using var ca = SelfSigned("ca");
        using var leaf = IssuedBy(ca, "leaf");
        using var stranger = SelfSigned("stranger");
        var authorities = new X509Certificate2Collection { X509CertificateLoader.LoadCertificate(ca.RawData) };

        await using (var depthZero = await RunningServer.StartAsync(options: Tls(new RpcClientCertificates([], authorities, allowChained: false))))
        {
            Assert.True(await AcceptedAsync(depthZero, ca));
            Assert.False(await AcceptedAsync(depthZero, leaf));
        }

        await using var chained = await RunningServer.StartAsync(options: Tls(new RpcClientCertificates([], authorities, allowChained: true)));
        Assert.True(await AcceptedAsync(chained, leaf));
        Assert.False(await AcceptedAsync(chained, stranger));
    }

    [Fact]
    public async Task Listed_origins_get_monerods_cors_headers_and_others_none()
    {
        var options = new RpcServerOptions { BindIp = IPAddress.Loopback, Port = 0, AccessControlOrigins = ["https://wallet.example"] };
        await using var server = await RunningServer.StartAsync(options: options);
        using var http = new HttpClient();

        using var listed = new HttpRequestMessage(HttpMethod.Options, $"http://{server.EndPoint}/get_info");
        listed.Headers.Add("Origin", "https://wallet.example");
        var preflight = await http.SendAsync(listed);
        Assert.Equal(HttpStatusCode.OK, preflight.StatusCode);
        Assert.Equal("https://wallet.example", Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("www-authenticate", Assert.Single(preflight.Headers.GetValues("Access-Control-Expose-Headers")));
        Assert.Equal("Content-Type, Authorization, X-Requested-With", Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Headers")));
        Assert.Equal("POST, PUT, GET, OPTIONS", Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Methods")));

        using var post = new HttpRequestMessage(HttpMethod.Post, $"http://{server.EndPoint}/get_info") { Content = new StringContent("{}") };
        post.Headers.Add("Origin", "https://wallet.example");
        var answered = await http.SendAsync(post);
        Assert.True(answered.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(answered.Headers.Contains("Access-Control-Allow-Headers"));

        using var stranger = new HttpRequestMessage(HttpMethod.Post, $"http://{server.EndPoint}/get_info") { Content = new StringContent("{}") };
        stranger.Headers.Add("Origin", "https://evil.example");
        Assert.False((await http.SendAsync(stranger)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Ignore_ipv4_serves_on_ipv6_when_the_ipv4_port_is_taken()
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        squatter.Listen();
        int taken = ((IPEndPoint)squatter.LocalEndPoint!).Port;
        var options = new RpcServerOptions { BindIp = IPAddress.Loopback, Port = taken, BindIpv6 = IPAddress.IPv6Loopback };

        await Assert.ThrowsAnyAsync<IOException>(() => RunningServer.StartAsync(options: options));

        await using var server = await RunningServer.StartAsync(options: options with { IgnoreIpv4BindFailure = true });
        var endPoint = Assert.Single(server.Server.BoundEndPoints);
        Assert.Equal(IPAddress.IPv6Loopback, endPoint.Address);
        using var http = new HttpClient();
        var response = await http.PostAsync($"http://[::1]:{taken}/get_limit", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
