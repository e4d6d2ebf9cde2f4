using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Hosting;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Many_parallel_requests_all_get_their_own_answer()
    {
        const int Requests = 400;
        // 32 connections at once from 127.0.0.1: above monerod's default of 25 per private address, so raised here.
        var options = new RpcServerOptions { BindIp = System.Net.IPAddress.Loopback, Port = 0, MaxConnectionsPerPrivateIp = 32 };
        await using var server = await RunningServer.StartAsync(
            node: new FakeNodeQuery(Snapshots.Ipv4(), Snapshots.Ipv4(host: "127.0.0.30", port: 37027)), options: options);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.EndPoint}"), Timeout = TimeSpan.FromSeconds(30) };
        using var gate = new SemaphoreSlim(32);

        var answers = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                using var content = new StringContent($"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"get_connections\"}}");
                using var response = await http.PostAsync("/json_rpc", content);
                return (i, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
            }
            finally
            {
                gate.Release();
            }
        }));

        foreach (var (i, status, body) in answers)
        {
            Assert.Equal(200, status);
            Assert.StartsWith($"{{\r\n  \"id\": {i},\r\n", body, StringComparison.Ordinal);
            Assert.Contains("127.0.0.30:37027", body, StringComparison.Ordinal);
        }

        Assert.Equal(Requests, server.Node.Calls);
    }
}
