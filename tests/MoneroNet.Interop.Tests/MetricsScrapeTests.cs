using System.Globalization;
using System.Net;
using System.Text.Json;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// GET /metrics scraped by a real Prometheus server (Debian's <c>prometheus</c>), every second, on loopback: with
/// real monerod peers connected both ways, Prometheus's own HTTP API reports <c>monero_p2p_connections</c> summing to
/// what get_connections lists, in and out alike. Prometheus listens on 127.0.0.1 only, keeps its database in a
/// temporary directory, and is killed when the test ends.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class MetricsScrapeTests(ITestOutputHelper output)
{
    private const string PrometheusBinary = "/usr/bin/prometheus";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public Task Prometheus_scrapes_the_connection_count_get_connections_lists() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            Assert.True(File.Exists(PrometheusBinary), "the Debian package prometheus is not installed (./run-tests installs it)");
            var outbound = await group.StartMonerodAsync(new MonerodOptions { Name = "M-out", P2PBindIp = IPAddress.Parse("127.0.0.41") });
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExclusiveNodes = [outbound.P2PEndPoint] });
            await group.StartMonerodAsync(new MonerodOptions { Name = "M-in", ExclusiveNodes = [node.P2PEndPoint] });
            await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
                cs => cs.Any(c => c.Incoming && c.State == "normal") && cs.Any(c => !c.Incoming && c.State == "normal"),
                Within, "MoneroNet has a monerod peer each way", group.Token, describe: cs => string.Join("; ", cs));

            using var lease = PortAllocator.Lease();
            var directory = Directory.CreateTempSubdirectory("moneronet-prometheus-");
            try
            {
                var config = Path.Combine(directory.FullName, "prometheus.yml");
                await File.WriteAllTextAsync(config, $"""
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                    scrape_configs:
                      - job_name: moneronet
                        metrics_path: /metrics
                        static_configs:
                          - targets: ['127.0.0.1:{node.RpcPort}']
                    """, group.Token);
                var listen = new IPEndPoint(IPAddress.Loopback, lease.Port);
                var prometheus = ChildProcess.Start("prometheus", PrometheusBinary,
                [
                    $"--config.file={config}",
                    $"--storage.tsdb.path={Path.Combine(directory.FullName, "data")}",
                    $"--web.listen-address={listen}",
                    "--log.level=warn",
                ], directory.FullName);
                try
                {
                    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                    var api = new Uri($"http://{listen}/api/v1/query");

                    var (inbound, outboundCount, listed) = await Eventually.MatchAsync(async ct =>
                        {
                            var connections = await node.Rpc.GetConnectionsAsync(ct);
                            var scrapedIn = await QueryAsync(http, api, "sum(monero_p2p_connections{job=\"moneronet\",type=\"in\"})", ct);
                            var scrapedOut = await QueryAsync(http, api, "sum(monero_p2p_connections{job=\"moneronet\",type=\"out\"})", ct);
                            var again = await node.Rpc.GetConnectionsAsync(ct);
                            // Only a reading between two equal listings counts: the peers are idle and stay connected.
                            return (scrapedIn, scrapedOut, Listed: again.Count == connections.Count ? connections : null);
                        },
                        r => r.Listed is { } cs && r.scrapedIn == cs.Count(c => c.Incoming) && r.scrapedOut == cs.Count(c => !c.Incoming),
                        Within, "Prometheus has monero_p2p_connections equal to get_connections", group.Token,
                        interval: TimeSpan.FromMilliseconds(500),
                        describe: r => $"prometheus in={r.scrapedIn} out={r.scrapedOut}; get_connections {r.Listed?.Count.ToString(CultureInfo.InvariantCulture) ?? "changed"}");

                    Assert.Equal(listed!.Count, inbound + outboundCount);
                    Assert.True(inbound >= 1 && outboundCount >= 1);
                    Assert.Equal(1, await QueryAsync(http, api, "up{job=\"moneronet\"}", group.Token));
                    // Every command has its series each way, whether or not it was sent yet (14 commands, in and out).
                    Assert.Equal(28, await QueryAsync(http, api, "count(moneronet_p2p_messages_total{job=\"moneronet\"})", group.Token));
                    output.WriteLine($"Prometheus: in={inbound} out={outboundCount}; get_connections lists {listed.Count}");

                    // Prometheus is reachable on loopback only.
                    var listening = SocketTable.ListeningSockets(prometheus.Id);
                    Assert.NotEmpty(listening);
                    Assert.All(listening, s => Assert.True(IPAddress.IsLoopback(s.Local.Address), $"prometheus listens on {s.Local}"));
                }
                catch
                {
                    output.WriteLine(prometheus.Log.Tail());
                    throw;
                }
                finally
                {
                    await prometheus.DisposeAsync();
                }

                Assert.True(prometheus.HasExited, "prometheus still runs after the test");
            }
            finally
            {
                TempDirectory.DeleteQuietly(directory.FullName);
            }
        });

    /// <summary>The value of an instant query that yields one sample; NaN when it yields none yet.</summary>
    private static async Task<double> QueryAsync(HttpClient http, Uri api, string query, CancellationToken ct)
    {
        var answer = await http.GetStringAsync(new Uri($"{api}?query={Uri.EscapeDataString(query)}"), ct);
        using var document = JsonDocument.Parse(answer);
        var data = document.RootElement.GetProperty("data");
        var result = data.GetProperty("result");
        if (result.GetArrayLength() == 0)
            return double.NaN;
        var value = result[0].GetProperty("value")[1].GetString()!;
        return double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
