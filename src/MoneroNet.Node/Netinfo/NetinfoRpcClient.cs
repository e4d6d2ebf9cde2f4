using System.Net;
using System.Text.Json;
using MoneroNet.Node.DaemonConsole;
using MoneroNet.Rpc.Security;

namespace MoneroNet.Node.Netinfo;

/// <summary>A failure to read the node, worded as the one line netinfo prints on stderr.</summary>
internal sealed class NetinfoException(string message) : Exception(message);

/// <summary>
/// Reads a running node's connections over its daemon RPC (MoneroNet or monerod): get_info, get_connections with
/// <c>"extended": true</c> (monerod ignores the parameter), get_net_stats and get_connection_stats (MoneroNet only;
/// monerod answers -32601, which is not an error here). With a login, HTTP digest authentication answers the node's
/// challenge as monerod's own client does (<see cref="HttpDaemonRpcTransport"/>, shared with the console commands).
/// </summary>
internal sealed class NetinfoRpcClient : IDisposable
{
    /// <summary>One request's bound: a node that accepts but never answers must not hang netinfo.</summary>
    public static readonly TimeSpan RequestTimeout = HttpDaemonRpcTransport.RequestTimeout;

    private const int MethodNotFound = -32601;
    private readonly HttpDaemonRpcTransport _http;
    private readonly TimeProvider _time;

    public NetinfoRpcClient(IPEndPoint endPoint, RpcLogin? login, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        EndPoint = endPoint;
        _time = time ?? TimeProvider.System;
        _http = new HttpDaemonRpcTransport(endPoint, login);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>One reading of everything netinfo shows.</summary>
    /// <exception cref="NetinfoException">The node is unreachable, refused the login or refused get_connections.</exception>
    public async Task<NetinfoSnapshot> ReadAsync(CancellationToken ct)
    {
        var info = await CallAsync("get_info", null, ct) ?? throw Refused("get_info");
        var connections = await CallAsync("get_connections", """{"extended":true}""", ct)
                          ?? throw Refused("get_connections");
        var stats = await CallAsync("get_connection_stats", null, ct);
        var net = await NetStatsAsync(ct);
        NetinfoRtt? rtt = null;
        int? suspectedProxies = null;
        List<string>? listeners = null;
        if (stats is { } connectionStats)
        {
            if (connectionStats.TryGetProperty("local_addresses", out var l) && l.ValueKind == JsonValueKind.Array)
            {
                listeners = [];
                foreach (var local in l.EnumerateArray())
                    listeners.Add($"{NetinfoJson.Text(local, "zone")} {NetinfoJson.Text(local, "address")}");
            }
            if (connectionStats.TryGetProperty("rtt", out var r))
            {
                rtt = new NetinfoRtt(NetinfoJson.UInt(r, "samples") ?? 0, NetinfoJson.Double(r, "p50_ms"),
                    NetinfoJson.Double(r, "p90_ms"), NetinfoJson.Double(r, "p99_ms"));
            }
            if (connectionStats.TryGetProperty("suspected_proxies", out var p) && p.ValueKind == JsonValueKind.Array)
                suspectedProxies = p.GetArrayLength();
        }
        return new NetinfoSnapshot
        {
            TakenAt = _time.GetUtcNow(),
            RpcEndPoint = EndPoint.ToString(),
            Version = NetinfoJson.Text(info, "version") ?? "",
            Network = NetinfoJson.Text(info, "nettype") ?? "",
            Height = NetinfoJson.UInt(info, "height") ?? 0,
            TargetHeight = NetinfoJson.UInt(info, "target_height") ?? 0,
            StartTime = NetinfoJson.Int(info, "start_time") ?? 0,
            HasExtendedFacts = stats is not null,
            Peers = NetinfoJson.Peers(connections),
            TotalBytesIn = net is { } netIn ? NetinfoJson.UInt(netIn, "total_bytes_in") : null,
            TotalBytesOut = net is { } netOut ? NetinfoJson.UInt(netOut, "total_bytes_out") : null,
            Rtt = rtt,
            SuspectedProxies = suspectedProxies,
            P2PListeners = listeners,
        };
    }

    private NetinfoException Refused(string method) =>
        new($"netinfo: {EndPoint} does not serve {method} (a restricted RPC port?)");

    /// <summary>The JSON-RPC result, or null when the node does not know the method (-32601).</summary>
    private async Task<JsonElement?> CallAsync(string method, string? parameters, CancellationToken ct)
    {
        var body = parameters is null
            ? $$"""{"jsonrpc":"2.0","id":"0","method":"{{method}}"}"""
            : $$"""{"jsonrpc":"2.0","id":"0","method":"{{method}}","params":{{parameters}}}""";
        using var document = await PostAsync("json_rpc", body, method, ct);
        if (document is null)
            return null;
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            if (NetinfoJson.Int(error, "code") == MethodNotFound)
                return null;
            throw new NetinfoException(
                $"netinfo: {method} failed on {EndPoint}: {NetinfoJson.Int(error, "code")} {NetinfoJson.Text(error, "message")}");
        }
        return root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object
            ? result.Clone()
            : throw new NetinfoException($"netinfo: {method} on {EndPoint} answered without a result");
    }

    /// <summary>/get_net_stats (a URI endpoint); null when the node does not serve it (restricted: 404).</summary>
    private async Task<JsonElement?> NetStatsAsync(CancellationToken ct)
    {
        using var document = await PostAsync("get_net_stats", "{}", "get_net_stats", ct);
        return document?.RootElement.Clone();
    }

    /// <returns>The parsed answer, or null on HTTP 404.</returns>
    private async Task<JsonDocument?> PostAsync(string path, string body, string what, CancellationToken ct)
    {
        DaemonRpcAnswer answer;
        try
        {
            answer = await _http.PostAsync(path, body, ct);
        }
        catch (DaemonUnreachableException e) when (e.InnerException is HttpRequestException)
        {
            throw new NetinfoException($"netinfo: cannot reach the node's RPC at {EndPoint}: {e.Message}");
        }
        catch (DaemonUnreachableException)
        {
            throw new NetinfoException(
                $"netinfo: the node's RPC at {EndPoint} did not answer {what} within {RequestTimeout.TotalSeconds:0} s");
        }
        if (answer.StatusCode == (int)HttpStatusCode.NotFound)
            return null;
        if (answer.StatusCode == (int)HttpStatusCode.Unauthorized)
            throw new NetinfoException($"netinfo: {EndPoint} refused the RPC login (HTTP 401): give --rpc-login USER:PASS");
        if (answer.StatusCode is < 200 or > 299)
            throw new NetinfoException($"netinfo: {what} on {EndPoint} answered HTTP {answer.StatusCode}");
        try
        {
            return JsonDocument.Parse(answer.Body);
        }
        catch (JsonException e)
        {
            throw new NetinfoException($"netinfo: {what} on {EndPoint} answered something that is not JSON: {e.Message}");
        }
    }

    public void Dispose() => _http.Dispose();
}
