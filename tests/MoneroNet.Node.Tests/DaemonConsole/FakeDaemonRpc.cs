using System.Text;
using System.Text.Json;
using MoneroNet.Node.DaemonConsole;

namespace MoneroNet.Node.Tests.DaemonConsole;

/// <summary>
/// A daemon RPC that answers from a table: a URI path ("/get_peer_list") or a JSON-RPC method ("get_bans") to the
/// JSON of its answer (for JSON-RPC, the <c>result</c>). Records every request; a request with no answer fails the test.
/// </summary>
internal sealed class FakeDaemonRpc : IDaemonRpcTransport
{
    private readonly Dictionary<string, Func<JsonElement, string>> _answers = new(StringComparer.Ordinal);

    public List<(string Target, JsonElement Body)> Requests { get; } = [];

    public bool Unreachable { get; set; }

    public string Address => "127.0.0.1:28081";

    public FakeDaemonRpc Answer(string target, string json) => Answer(target, _ => json);

    public FakeDaemonRpc Answer(string target, Func<JsonElement, string> json)
    {
        _answers[target] = json;
        return this;
    }

    public Task<DaemonRpcAnswer> PostAsync(string path, string body, CancellationToken ct)
    {
        if (Unreachable)
            throw new DaemonUnreachableException("connection refused");
        var request = JsonDocument.Parse(body).RootElement.Clone();
        var jsonRpc = path == "/json_rpc";
        var target = jsonRpc ? request.GetProperty("method").GetString()! : path;
        var parameters = jsonRpc ? (request.TryGetProperty("params", out var p) ? p : default) : request;
        Requests.Add((target, parameters));
        if (!_answers.TryGetValue(target, out var answer))
            throw new Xunit.Sdk.XunitException($"unexpected request {target} {body}");
        var json = answer(parameters);
        var reply = jsonRpc ? $$"""{"id":"0","jsonrpc":"2.0","result":{{json}}}""" : json;
        return Task.FromResult(new DaemonRpcAnswer(200, Encoding.UTF8.GetBytes(reply)));
    }

    /// <summary>Runs one command line against this RPC at <paramref name="now"/>; returns what it printed.</summary>
    public async Task<string> RunAsync(string line, long now = 1796320000)
    {
        var writer = new StringWriter();
        var output = new ConsoleOutput(writer);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now));
        var session = new ConsoleSession(new DaemonRpcClient(this, output), output, time);
        Assert.True(await ConsoleCommands.RunAsync(session, line.Split(' ', StringSplitOptions.RemoveEmptyEntries), CancellationToken.None),
            $"{line}: not a command");
        return writer.ToString();
    }
}
