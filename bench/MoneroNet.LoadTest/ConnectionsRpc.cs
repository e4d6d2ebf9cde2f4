using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MoneroNet.LoadTest;

/// <summary>One connection as get_connections lists it (the fields the load test checks).</summary>
public sealed record ListedConnection(string Address, string PeerId, string State, bool Incoming, ulong RecvCount, ulong SendCount);

/// <summary>One get_connections answer: what it listed, how long it took and how many bytes it was.</summary>
public sealed record ConnectionsAnswer(IReadOnlyList<ListedConnection> Connections, TimeSpan Latency, long ResponseBytes);

/// <summary>
/// The node's /json_rpc: get_connections timed from request to the last byte of the answer, and any other method by
/// name. With <c>keepAlive</c> false every call opens its own TCP connection and asks the server to close it
/// (<c>Connection: close</c>), as a script that runs curl in a loop does.
/// </summary>
public sealed class ConnectionsRpc : IDisposable
{
    private static readonly byte[] Request = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":"0","method":"get_connections"}""");
    private readonly HttpClient _http;
    private readonly Uri _uri;
    private readonly bool _keepAlive;

    public ConnectionsRpc(IPEndPoint rpc, bool keepAlive = true)
    {
        Loopback.Require(rpc.Address, "RPC address");
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        _uri = new Uri($"http://{rpc}/json_rpc");
        _keepAlive = keepAlive;
    }

    /// <summary>
    /// Calls <paramref name="method"/> with <paramref name="paramsJson"/> (a JSON object, or null for none) and returns
    /// its <c>result</c> and the size of the answer; an HTTP error or a JSON-RPC <c>error</c> throws
    /// <see cref="HttpRequestException"/>.
    /// </summary>
    public async Task<(JsonElement Result, long ResponseBytes)> CallAsync(string method, string? paramsJson, CancellationToken ct)
    {
        string body = paramsJson is null
            ? $$"""{"jsonrpc":"2.0","id":"0","method":"{{method}}"}"""
            : $$"""{"jsonrpc":"2.0","id":"0","method":"{{method}}","params":{{paramsJson}}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (!_keepAlive) request.Headers.ConnectionClose = true;
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        byte[] answer = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        using var json = JsonDocument.Parse(answer);
        if (json.RootElement.TryGetProperty("error", out var error))
            throw new HttpRequestException($"{method}: JSON-RPC error {error.GetRawText()}");
        return (json.RootElement.GetProperty("result").Clone(), answer.Length);
    }

    public async Task<bool> AnswersAsync(CancellationToken ct)
    {
        try
        {
            await GetAsync(ct).ConfigureAwait(false);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async Task<ConnectionsAnswer> GetAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var content = new ByteArrayContent(Request);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = content };
        if (!_keepAlive) request.Headers.ConnectionClose = true;
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        byte[] body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        var latency = clock.Elapsed;
        using var json = JsonDocument.Parse(body);
        var result = json.RootElement.GetProperty("result");
        var list = new List<ListedConnection>();
        if (result.TryGetProperty("connections", out var connections))
        {
            foreach (var c in connections.EnumerateArray())
            {
                list.Add(new ListedConnection(
                    c.GetProperty("address").GetString() ?? "",
                    c.GetProperty("peer_id").GetString() ?? "",
                    c.GetProperty("state").GetString() ?? "",
                    c.GetProperty("incoming").GetBoolean(),
                    c.GetProperty("recv_count").GetUInt64(),
                    c.GetProperty("send_count").GetUInt64()));
            }
        }
        return new ConnectionsAnswer(list, latency, body.Length);
    }

    /// <summary>
    /// get_connections read to its last byte into <paramref name="scratch"/> (overwritten, not kept) and not parsed, so
    /// a client polling it costs the load generator little; returns the answer's size. An HTTP error throws.
    /// </summary>
    public async Task<long> FetchConnectionsAsync(byte[] scratch, CancellationToken ct)
    {
        using var content = new ByteArrayContent(Request);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = content };
        if (!_keepAlive) request.Headers.ConnectionClose = true;
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(scratch, ct).ConfigureAwait(false)) > 0) total += read;
        return total;
    }

    public void Dispose() => _http.Dispose();
}
