using System.Text.Json;

namespace MoneroNet.Node.DaemonConsole;

/// <summary>
/// The console's calls to the daemon RPC, with monerod's client behaviour (src/common/rpc_client.h): a call that cannot
/// connect prints "Error: Couldn't connect to daemon: HOST:PORT"; a JSON-RPC call that fails or answers a status other
/// than OK prints "Error: FAIL -- json_rpc_request: STATUS"; a URI call "Error: FAIL-- rpc_request: STATUS" (monerod's
/// spacing). Either way the command stops there and the result is null.
/// </summary>
internal sealed class DaemonRpcClient(IDaemonRpcTransport transport, ConsoleOutput output)
{
    private readonly IDaemonRpcTransport _transport = transport ?? throw new ArgumentNullException(nameof(transport));
    private readonly ConsoleOutput _output = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>A JSON-RPC method: its <c>result</c> when the status is OK.</summary>
    public async Task<JsonElement?> JsonRpcAsync(string method, string? parameters, string failMessage, CancellationToken ct)
    {
        var body = parameters is null
            ? $$"""{"jsonrpc":"2.0","id":"0","method":"{{method}}"}"""
            : $$"""{"jsonrpc":"2.0","id":"0","method":"{{method}}","params":{{parameters}}}""";
        var root = await PostAsync("/json_rpc", body, ct);
        if (root is null)
            return null;
        var result = root.Value.ValueKind == JsonValueKind.Object && root.Value.TryGetProperty("result", out var r) ? r : default;
        var status = Status(result);
        if (status == "OK")
            return result;
        _output.Fail($"{failMessage} -- json_rpc_request: {status}");
        return null;
    }

    /// <summary>A URI endpoint ("/get_peer_list"): its answer when the status is OK.</summary>
    public async Task<JsonElement?> RpcAsync(string path, string parameters, string failMessage, CancellationToken ct)
    {
        var root = await PostAsync(path, parameters, ct);
        if (root is null)
            return null;
        var status = Status(root.Value);
        if (status == "OK")
            return root;
        _output.Fail($"{failMessage}-- rpc_request: {status}");
        return null;
    }

    /// <summary>The parsed answer; an HTTP error or a body that is not JSON reads as an empty object (empty status).</summary>
    private async Task<JsonElement?> PostAsync(string path, string body, CancellationToken ct)
    {
        DaemonRpcAnswer answer;
        try
        {
            answer = await _transport.PostAsync(path, body, ct);
        }
        catch (DaemonUnreachableException)
        {
            _output.Fail($"Couldn't connect to daemon: {_transport.Address}");
            return null;
        }
        if (answer.StatusCode != 200)
            return default(JsonElement);
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default(JsonElement);
        }
    }

    private static string Status(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()!
            : "";
}
