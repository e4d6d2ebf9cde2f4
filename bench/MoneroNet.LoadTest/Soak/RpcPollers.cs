using System.Diagnostics;
using System.Text.Json;

namespace MoneroNet.LoadTest.Soak;

/// <summary>
/// RPC clients polling the node: one on a kept-alive connection calls get_connections, get_info and get_bans every
/// <see cref="SoakOptions.PollInterval"/>; another opens a fresh TCP connection for each call (Connection: close),
/// every <see cref="SoakOptions.FreshCallInterval"/>, the three methods in turn. A failed call is an anomaly; every
/// get_bans answer goes to <see cref="BanChurn.Observe"/>, every get_connections count to <c>onListed</c>.
/// </summary>
public sealed class RpcPollers(SoakTarget target, SoakOptions options, BanChurn bans, SoakCounters counters, Action<int> onListed)
{
    private static readonly string[] Methods = ["get_info", "get_bans", "get_connections"];

    public Task RunAsync(CancellationToken ct) => Task.WhenAll(KeptAliveAsync(ct), FreshConnectionsAsync(ct));

    /// <summary>The <c>host</c> of every ban in a get_bans result.</summary>
    public static HashSet<string> BannedHosts(JsonElement result)
    {
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        if (result.TryGetProperty("bans", out var list))
            foreach (var ban in list.EnumerateArray()) hosts.Add(ban.GetProperty("host").GetString() ?? "");
        return hosts;
    }

    private async Task KeptAliveAsync(CancellationToken ct)
    {
        using var rpc = new ConnectionsRpc(target.Rpc, keepAlive: true);
        using var timer = new PeriodicTimer(options.PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                foreach (string method in Methods) await CallAsync(rpc, method, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FreshConnectionsAsync(CancellationToken ct)
    {
        using var rpc = new ConnectionsRpc(target.Rpc, keepAlive: false);
        using var timer = new PeriodicTimer(options.FreshCallInterval);
        long n = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                if (await CallAsync(rpc, Methods[n++ % Methods.Length], ct).ConfigureAwait(false))
                    counters.FreshConnectionCalls.Increment();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<bool> CallAsync(ConnectionsRpc rpc, string method, CancellationToken ct)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            switch (method)
            {
                case "get_connections":
                    var answer = await rpc.GetAsync(ct).ConfigureAwait(false);
                    onListed(answer.Connections.Count);
                    counters.MostConnectionsListed.Max(answer.Connections.Count);
                    counters.GetConnectionsCalls.Increment();
                    break;
                case "get_bans":
                    var (bansResult, _) = await rpc.CallAsync(method, null, ct).ConfigureAwait(false);
                    var hosts = BannedHosts(bansResult);
                    counters.MostBansListed.Max(hosts.Count);
                    bans.Observe(hosts, started);
                    counters.GetBansCalls.Increment();
                    break;
                default:
                    var (info, _) = await rpc.CallAsync(method, null, ct).ConfigureAwait(false);
                    _ = info.GetProperty("incoming_connections_count").GetUInt64();
                    counters.GetInfoCalls.Increment();
                    break;
            }
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            counters.Anomaly("rpc failed", $"{method}: {e.GetType().Name}: {e.Message}");
            return false;
        }
    }
}
