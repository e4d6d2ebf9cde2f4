using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using MoneroNet.Node.CommandLine;

namespace MoneroNet.Node.Tests;

/// <summary>
/// A node run from a config file with the RPC security settings: main and restricted servers, IPv6, login asked on a
/// (fake) terminal, TLS autodetect with a certificate generated into the data dir. Loopback only, exclusive peer.
/// </summary>
public sealed class ConfigFileNodeTests : IDisposable
{
    private const string GetConnections = "{\"jsonrpc\":\"2.0\",\"id\":\"0\",\"method\":\"get_connections\"}";

    private readonly string _home = Directory.CreateTempSubdirectory("moneronet-confignode-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
        listener.Server.DualMode = false;
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private NodeOptions OptionsFromFile(string settings)
    {
        var path = Path.Combine(_home, "node.conf");
        File.WriteAllText(path, $"""
            regtest=1
            data-dir={Path.Combine(_home, "data")}
            p2p-bind-ip=127.0.0.1
            p2p-bind-port=0
            add-exclusive-node=127.0.0.1:1
            no-igd=1
            {settings}
            """);
        var result = NodeCommandLine.Parse(["--config-file", path], _home, _home);
        Assert.True(result.Action == CommandLineAction.Run, result.Error);
        return result.Options!;
    }

    private static HttpClient Client(NetworkCredential? credentials = null) => new(new HttpClientHandler
    {
        Credentials = credentials,
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
    })
    { Timeout = TimeSpan.FromSeconds(10) };

    private static async Task<string> PostUntilUpAsync(HttpClient client, string url, string body)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
                return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    [Fact]
    public async Task Main_and_restricted_servers_with_login_tls_autodetect_and_ipv6()
    {
        int main = FreePort(), restricted = FreePort();
        var options = OptionsFromFile($"""
            rpc-bind-port={main}
            rpc-restricted-bind-port={restricted}
            rpc-use-ipv6=1
            rpc-login=alice
            """);
        var typed = new Queue<string?>(["pw", "pw"]);
        var prompts = new StringWriter();
        var prompt = new RpcLoginPrompt(haveTerminal: true, () => typed.Dequeue(), prompts);
        using var stop = new CancellationTokenSource();
        var run = NodeHost.RunAsync(options, prompt, NullLoggerFactory.Instance, stop.Token);
        try
        {
            using var alice = Client(new NetworkCredential("alice", "pw"));
            using var anonymous = Client();

            var overTls = await PostUntilUpAsync(alice, $"https://127.0.0.1:{main}/json_rpc", GetConnections);
            var plain = await PostUntilUpAsync(alice, $"http://127.0.0.1:{main}/json_rpc", GetConnections);
            var ipv6 = await PostUntilUpAsync(alice, $"https://[::1]:{main}/json_rpc", GetConnections);
            var refused = await PostUntilUpAsync(anonymous, $"http://127.0.0.1:{main}/json_rpc", GetConnections);
            var restrictedRefusal = await PostUntilUpAsync(alice, $"http://127.0.0.1:{restricted}/json_rpc", GetConnections);
            var restrictedInfo = await PostUntilUpAsync(alice, $"https://[::1]:{restricted}/get_info", "{}");
            var mainInfo = await PostUntilUpAsync(alice, $"http://127.0.0.1:{main}/get_info", "{}");

            Assert.Equal("RPC server password: Confirm password: ", prompts.ToString());
            Assert.StartsWith("200 ", overTls);
            Assert.Contains("\"status\": \"OK\"", overTls, StringComparison.Ordinal);
            Assert.StartsWith("200 ", plain);
            Assert.StartsWith("200 ", ipv6);
            Assert.StartsWith("401 ", refused);
            Assert.Contains("\"code\": -32601", restrictedRefusal, StringComparison.Ordinal);
            Assert.Contains("\"restricted\": true", restrictedInfo, StringComparison.Ordinal);
            Assert.Contains("\"rpc_connections_count\": 0", restrictedInfo, StringComparison.Ordinal);
            Assert.Contains("\"start_time\": 0", restrictedInfo, StringComparison.Ordinal);
            Assert.Contains("\"free_space\": 18446744073709551615", restrictedInfo, StringComparison.Ordinal);
            Assert.Contains("\"restricted\": false", mainInfo, StringComparison.Ordinal);
            Assert.DoesNotContain("\"start_time\": 0", mainInfo, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(options.DataDir, "rpc_ssl.crt")));
            Assert.True(File.Exists(Path.Combine(options.DataDir, "rpc_ssl.key")));
        }
        finally
        {
            stop.Cancel();
            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(15)));
        }
    }

    [Fact]
    public async Task A_login_without_password_and_without_a_terminal_stops_the_start()
    {
        var options = OptionsFromFile($"rpc-bind-port={FreePort()}\nrpc-login=alice\n");
        var prompt = new RpcLoginPrompt(haveTerminal: false, () => throw new InvalidOperationException("no terminal to read"), TextWriter.Null);

        var exitCode = await NodeHost.RunAsync(options, prompt, NullLoggerFactory.Instance, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "--rpc-login alice has no password and there is no terminal to ask for it: give it as alice:PASSWORD",
            prompt.Resolve("alice", null).Error);
    }

    [Fact]
    public async Task Restricted_rpc_restricts_the_main_server()
    {
        var main = FreePort();
        var options = OptionsFromFile($"rpc-bind-port={main}\nrestricted-rpc=1\nrpc-ssl=disabled\n");
        using var stop = new CancellationTokenSource();
        var run = NodeHost.RunAsync(options, new RpcLoginPrompt(false, () => null, TextWriter.Null), NullLoggerFactory.Instance, stop.Token);
        try
        {
            using var client = Client();
            var refused = await PostUntilUpAsync(client, $"http://127.0.0.1:{main}/json_rpc", GetConnections);
            var peerList = await PostUntilUpAsync(client, $"http://127.0.0.1:{main}/get_peer_list", "{}");

            Assert.Contains("\"code\": -32601", refused, StringComparison.Ordinal);
            Assert.StartsWith("404 ", peerList);
            Assert.False(File.Exists(Path.Combine(options.DataDir, "rpc_ssl.crt")));
        }
        finally
        {
            stop.Cancel();
            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(15)));
        }
    }
}
