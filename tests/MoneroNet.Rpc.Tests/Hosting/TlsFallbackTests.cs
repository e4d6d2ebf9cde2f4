using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Hosting;

/// <summary>
/// monerod's console client (default --rpc-ssl autodetect) opens with a TLS ClientHello and falls back to plain HTTP
/// when that fails: the plain RPC port must refuse the handshake at once, then serve the plain request.
/// </summary>
public sealed class TlsFallbackTests
{
    [Fact]
    public async Task A_tls_client_hello_is_refused_quickly_and_plain_http_works_afterwards()
    {
        await using var server = await RunningServer.StartAsync(node: new FakeNodeQuery(Snapshots.Ipv4()));

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(server.EndPoint);
            await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
            var clock = Stopwatch.StartNew();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var options = new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" };

            var failure = await Record.ExceptionAsync(() => tls.AuthenticateAsClientAsync(options, timeout.Token));

            Assert.NotNull(failure);
            Assert.IsNotType<OperationCanceledException>(failure);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the handshake took {clock.Elapsed} to fail");
        }

        var answer = await server.SendAsync(RawHttp.Request("POST", "/json_rpc", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"get_connections\"}"));
        Assert.Equal("HTTP/1.1 200 Ok", answer.StatusLine);
        Assert.Contains("\"peer_id\": \"0102030405060708\"", answer.BodyText, StringComparison.Ordinal);
    }
}
