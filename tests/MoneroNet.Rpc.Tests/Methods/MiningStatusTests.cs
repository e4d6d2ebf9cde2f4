using System.Net;
using MoneroNet.Rpc.Methods.Info;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Methods;

/// <summary>
/// /mining_status, which monerod's console `status` command asks for: an idle, genesis-only node answers with the
/// fields of monerod 0.18's response (as a fresh testnet monerod answers: not active, block target 60, difficulty 1,
/// Cryptonight), and the restricted server refuses it with monerod's empty 404.
/// </summary>
public sealed class MiningStatusTests
{
    private const string ExpectedTestnetBody =
        "{\r\n  \"active\": false,\r\n  \"address\": \"\",\r\n  \"bg_idle_threshold\": 0,\r\n  \"bg_ignore_battery\": false,\r\n" +
        "  \"bg_min_idle_seconds\": 0,\r\n  \"bg_target\": 0,\r\n  \"block_reward\": 0,\r\n  \"block_target\": 60,\r\n" +
        "  \"difficulty\": 1,\r\n  \"difficulty_top64\": 0,\r\n  \"is_background_mining_enabled\": false,\r\n" +
        "  \"pow_algorithm\": \"Cryptonight\",\r\n  \"speed\": 0,\r\n  \"status\": \"OK\",\r\n  \"threads_count\": 0,\r\n" +
        "  \"untrusted\": false,\r\n  \"wide_difficulty\": \"0x1\"\r\n}";

    [Fact]
    public async Task Idle_genesis_node_answers_like_a_fresh_monerod()
    {
        await using var server = await RunningServer.StartAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync($"http://{server.EndPoint}/mining_status", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExpectedTestnetBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Restricted_server_refuses_it_with_an_empty_404()
    {
        await using var server = await RunningServer.StartAsync(restricted: true);
        using var http = new HttpClient();

        var response = await http.PostAsync($"http://{server.EndPoint}/mining_status", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(1, "Cryptonight")]
    [InlineData(6, "Cryptonight")]
    [InlineData(7, "CNv1 (Cryptonight variant 1)")]
    [InlineData(8, "CNv2 (Cryptonight variant 2)")]
    [InlineData(10, "CNv4 (Cryptonight variant 4)")]
    [InlineData(12, "RandomX")]
    [InlineData(16, "RandomX")]
    public void Pow_algorithm_follows_monerods_table(byte version, string expected) =>
        Assert.Equal(expected, MiningStatusMethod.PowAlgorithm(version));
}
