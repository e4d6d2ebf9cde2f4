using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// A small client for the daemon RPC of monerod — and of MoneroNet, which must answer the same way. Every call is
/// bounded by <see cref="RequestTimeout"/> and by the caller's token.
/// </summary>
public sealed class MonerodRpc : IDisposable
{
    /// <summary>Mainnet-prefix address from monero's functional tests (docs/PROTOCOL.md §7.7), accepted by regtest.</summary>
    public const string MiningAddress =
        "42ey1afDFnn4886T7196doS9GPMzexD9gXpsZJDwVjeRVdFCSoHnv7KPbBeGpzJBzHRCAs9UxqeoyFQMYbqSWYTfJJQAWDm";

    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = false,
    };

    private readonly HttpClient _http;
    private int _nextId;

    public MonerodRpc(IPEndPoint endPoint)
    {
        EndPoint = endPoint;
        // No pooled keep-alive sockets: each call is a fresh loopback connection, so an RPC socket never lingers
        // into a later measurement and a restarted daemon on the same port is reached afresh.
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, UseProxy = false };
        _http = new HttpClient(handler) { BaseAddress = new Uri($"http://{endPoint}/"), Timeout = RequestTimeout };
    }

    public IPEndPoint EndPoint { get; }

    public async Task<IReadOnlyList<ConnectionInfo>> GetConnectionsAsync(CancellationToken ct = default) =>
        (await CallAsync<ConnectionsResult>("get_connections", null, ct)).Connections ?? [];

    public Task<InfoResult> GetInfoAsync(CancellationToken ct = default) =>
        CallAsync<InfoResult>("get_info", null, ct);

    /// <summary>Mines <paramref name="blocks"/> blocks on a regtest daemon (needs --regtest, ideally --fixed-difficulty 1).</summary>
    public Task<GenerateBlocksResult> GenerateBlocksAsync(ulong blocks, CancellationToken ct = default) =>
        CallAsync<GenerateBlocksResult>("generateblocks", new GenerateBlocksParams(blocks, MiningAddress), ct);

    /// <summary>The /get_net_stats URI endpoint (process-wide P2P byte and packet totals in the 0.18 binary).</summary>
    public async Task<NetStatsResult> GetNetStatsAsync(CancellationToken ct = default)
    {
        using var response = await _http.PostAsync("get_net_stats", new StringContent("{}"), ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<NetStatsResult>(Json, ct)
               ?? throw new MonerodRpcException("get_net_stats: empty answer");
    }

    /// <summary>
    /// A plain URI endpoint (e.g. /get_peer_list, /in_peers) with a JSON body, answered as raw JSON so tests can read
    /// exactly the keys the daemon emitted.
    /// </summary>
    public async Task<JsonElement> PostUriAsync(string path, object body, CancellationToken ct)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body, Json), System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(path.TrimStart('/'), content, ct);
        if (!response.IsSuccessStatusCode)
            throw new MonerodRpcException($"{path}: HTTP {(int)response.StatusCode} from {EndPoint}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
    }

    /// <summary>True when a JSON-RPC call of <paramref name="method"/> gets a result; false on any failure.</summary>
    public async Task<bool> AnswersAsync(string method, CancellationToken ct)
    {
        try
        {
            await CallAsync<JsonElement>(method, null, ct);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or MonerodRpcException or JsonException
                                      or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    public async Task<T> CallAsync<T>(string method, object? parameters, CancellationToken ct)
    {
        int id = Interlocked.Increment(ref _nextId);
        object request = parameters is null
            ? new { jsonrpc = "2.0", id, method }
            : new { jsonrpc = "2.0", id, method, @params = parameters };
        // A buffered body with Content-Length: epee's HTTP server does not read chunked request bodies.
        using var body = new StringContent(JsonSerializer.Serialize(request, Json), System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("json_rpc", body, ct);
        if (!response.IsSuccessStatusCode)
            throw new MonerodRpcException($"{method}: HTTP {(int)response.StatusCode} from {EndPoint}");
        var envelope = await response.Content.ReadFromJsonAsync<JsonRpcResponse<T>>(Json, ct);
        if (envelope?.Error is { } error)
            throw new MonerodRpcException($"{method}: JSON-RPC error {error.Code} {error.Message}");
        if (envelope is null || envelope.Result is null)
            throw new MonerodRpcException($"{method}: answer without result from {EndPoint}");
        return envelope.Result;
    }

    public void Dispose() => _http.Dispose();
}

public sealed class MonerodRpcException(string message) : Exception(message);
