using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MoneroNet.Rpc.Hosting;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Methods;

/// <summary>/set_log_level and /set_log_categories, answered in the process as the node's prompt calls them.</summary>
public sealed class SetLogMethodsTests
{
    private readonly FakeNodeQuery _node = new();
    private readonly FakeNodeControl _control;
    private readonly InProcessRpc _rpc;

    public SetLogMethodsTests()
    {
        _control = new FakeNodeControl(_node);
        _rpc = new InProcessRpc(_node, _control, TimeProvider.System, NullLogger.Instance);
    }

    private async Task<JsonElement> PostAsync(string path, string body)
    {
        var (status, answer) = await _rpc.PostAsync(path, Encoding.UTF8.GetBytes(body), CancellationToken.None);
        Assert.Equal(200, status);
        return JsonDocument.Parse(answer).RootElement.Clone();
    }

    [Fact]
    public async Task Stop_daemon_asks_the_host_to_stop_and_answers_OK_as_monerod()
    {
        var answer = await PostAsync("/stop_daemon", "{}");
        Assert.Equal("OK", answer.GetProperty("status").GetString());
        Assert.False(answer.GetProperty("untrusted").GetBoolean());
        Assert.Equal(["stop"], _control.Calls);
    }

    [Fact]
    public async Task Stop_daemon_is_refused_on_a_restricted_server_with_404_and_stops_nothing()
    {
        await using var server = await RunningServer.StartAsync(restricted: true);
        using var http = new HttpClient();
        var response = await http.PostAsync($"http://{server.EndPoint}/stop_daemon", new StringContent("{}"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("stop", server.Control.Calls);
    }

    [Fact]
    public async Task Set_log_level_hands_a_level_in_range_to_the_host_and_answers_OK()
    {
        var answer = await PostAsync("/set_log_level", """{"level":2}""");
        Assert.Equal("OK", answer.GetProperty("status").GetString());
        Assert.Equal(["set_log_level 2"], _control.Calls);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(-1)]
    public async Task Set_log_level_out_of_range_answers_monerods_status_and_changes_nothing(int level)
    {
        var answer = await PostAsync("/set_log_level", $$"""{"level":{{level}}}""");
        Assert.Equal("Error: log level not valid", answer.GetProperty("status").GetString());
        Assert.Empty(_control.Calls);
    }

    [Fact]
    public async Task Set_log_categories_answers_the_categories_now_in_force()
    {
        var answer = await PostAsync("/set_log_categories", """{"categories":"net.p2p:DEBUG,*:WARNING"}""");
        Assert.Equal("OK", answer.GetProperty("status").GetString());
        Assert.Equal("net.p2p:DEBUG,*:WARNING", answer.GetProperty("categories").GetString());
        Assert.Equal(["set_log_categories net.p2p:DEBUG,*:WARNING"], _control.Calls);
    }

    [Fact]
    public async Task An_unknown_path_is_404_in_process_too()
    {
        var (status, _) = await _rpc.PostAsync("/no_such_endpoint", "{}"u8.ToArray(), CancellationToken.None);
        Assert.Equal(404, status);
    }
}
