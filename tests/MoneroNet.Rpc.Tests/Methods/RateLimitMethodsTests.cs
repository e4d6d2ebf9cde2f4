using System.Net;
using System.Text.Json;
using MoneroNet.Rpc.Node;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Methods;

/// <summary>
/// /get_limit and /set_limit answer as monerod 0.18's on_get_limit/on_set_limit (docs/PROTOCOL.md §7.7): kB/s, a
/// positive value sets, 0 keeps, -1 restores monerod's defaults, any other negative value is "Invalid parameter";
/// /get_limit stays available on a restricted server, /set_limit does not.
/// </summary>
public sealed class RateLimitMethodsTests
{
    [Fact]
    public async Task Get_limit_reports_the_nodes_throttle_in_kB_per_second()
    {
        await using var server = await RunningServer.StartAsync();
        server.Node.RateLimits = new RateLimitsSnapshot(UpKBps: 100, DownKBps: 300);

        using var doc = await PostAsync(server, "/get_limit", "{}");

        var root = doc.RootElement;
        Assert.Equal(100, root.GetProperty("limit_up").GetInt64());
        Assert.Equal(300, root.GetProperty("limit_down").GetInt64());
        Assert.Equal("OK", root.GetProperty("status").GetString());
        Assert.False(root.GetProperty("untrusted").GetBoolean());
    }

    [Fact]
    public async Task Set_limit_sets_positive_values_keeps_zero_and_restores_monerods_default_on_minus_one()
    {
        await using var server = await RunningServer.StartAsync();
        server.Node.RateLimits = new RateLimitsSnapshot(UpKBps: 10, DownKBps: 20);

        using (var set = await PostAsync(server, "/set_limit", """{"limit_down": 64, "limit_up": 0}"""))
        {
            Assert.Equal(64, set.RootElement.GetProperty("limit_down").GetInt64());
            Assert.Equal(10, set.RootElement.GetProperty("limit_up").GetInt64());
            Assert.Equal("OK", set.RootElement.GetProperty("status").GetString());
        }
        Assert.Equal(new RateLimitsSnapshot(10, 64), server.Node.RateLimits);

        using (var reset = await PostAsync(server, "/set_limit", """{"limit_down": -1, "limit_up": -1}"""))
        {
            Assert.Equal(8192, reset.RootElement.GetProperty("limit_down").GetInt64());
            Assert.Equal(2048, reset.RootElement.GetProperty("limit_up").GetInt64());
        }

        using (var keep = await PostAsync(server, "/set_limit", "{}"))
            Assert.Equal(8192, keep.RootElement.GetProperty("limit_down").GetInt64());
        Assert.Equal(new RateLimitsSnapshot(2048, 8192), server.Node.RateLimits);
    }

    [Fact]
    public async Task Set_limit_with_a_negative_value_other_than_minus_one_is_an_invalid_parameter()
    {
        await using var server = await RunningServer.StartAsync();
        server.Node.RateLimits = new RateLimitsSnapshot(UpKBps: 10, DownKBps: 20);

        // monerod applies limit_down before it looks at limit_up, and then answers with zeroed limits.
        using var doc = await PostAsync(server, "/set_limit", """{"limit_down": 50, "limit_up": -5}""");

        Assert.Equal("Invalid parameter", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("limit_down").GetInt64());
        Assert.Equal(0, doc.RootElement.GetProperty("limit_up").GetInt64());
        Assert.Equal(new RateLimitsSnapshot(10, 50), server.Node.RateLimits);
    }

    [Fact]
    public async Task Restricted_server_answers_get_limit_and_refuses_set_limit()
    {
        await using var server = await RunningServer.StartAsync(restricted: true);
        using var http = new HttpClient();

        var get = await http.PostAsync($"http://{server.EndPoint}/get_limit", new StringContent("{}"));
        var set = await http.PostAsync($"http://{server.EndPoint}/set_limit", new StringContent("""{"limit_up": 1}"""));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, set.StatusCode);
        Assert.Equal(new RateLimitsSnapshot(2048, 8192), server.Node.RateLimits);
    }

    private static async Task<JsonDocument> PostAsync(RunningServer server, string path, string body)
    {
        using var http = new HttpClient();
        var response = await http.PostAsync($"http://{server.EndPoint}{path}", new StringContent(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
