using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MoneroNet.Rpc;
using MoneroNet.Rpc.Node;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MoneroNet.Benchmarks.Metrics;

/// <summary>
/// The alternative measured against prometheus-net: the same families as observable instruments of a Meter
/// (System.Diagnostics.Metrics), exported by OpenTelemetry's Prometheus exporter on its own Kestrel app, with the
/// runtime meter too and the scrape cache off (so that each scrape collects). OpenTelemetry has no hook before a
/// collect, so the instrument registered first reads the node's counts and counters and the others reuse that read;
/// it cannot publish the RTT histogram (no observable histogram), so that family is missing here.
/// </summary>
internal sealed class OpenTelemetryMetricsServer : IAsyncDisposable
{
    private readonly Meter _meter;
    private readonly MeterProvider _provider;
    private readonly WebApplication _app;
    private readonly INodeQuery _node;
    private ConnectionCounts _counts = new();
    private ConnectionStatsSnapshot? _stats;

    private OpenTelemetryMetricsServer(INodeQuery node, string meterName)
    {
        _node = node;
        _meter = new Meter(meterName);
        string[] states = [.. ConnectionCounts.States];
        _meter.CreateObservableGauge("monero_p2p_connections", () =>
        {
            _counts = _node.GetConnectionCounts();
            _stats = _node.GetConnectionStats();
            var list = new List<Measurement<int>>(2 * states.Length);
            for (var s = 0; s < states.Length; s++)
            {
                list.Add(new(_counts.ByDirectionAndState(true, s), new KeyValuePair<string, object?>("type", "in"), new("state", states[s])));
                list.Add(new(_counts.ByDirectionAndState(false, s), new KeyValuePair<string, object?>("type", "out"), new("state", states[s])));
            }

            return list;
        });
        _meter.CreateObservableGauge("moneronet_p2p_connections", () =>
        {
            var list = new List<Measurement<int>>();
            for (var t = 0; t < ConnectionCounts.ConnectionTypes.Count; t++)
            {
                for (var z = 0; z < ConnectionCounts.Zones.Count; z++)
                {
                    if (_counts.ByTypeAndZone(t, z) is var n and > 0)
                        list.Add(new(n, new KeyValuePair<string, object?>("connection_type", ConnectionCounts.ConnectionTypes[t]), new("zone", ConnectionCounts.Zones[z])));
                }
            }

            return list;
        });
        _meter.CreateObservableGauge("monero_net_rx_bytes", () => (long)_node.GetNetStats().TotalBytesIn);
        _meter.CreateObservableGauge("monero_net_tx_bytes", () => (long)_node.GetNetStats().TotalBytesOut);
        _meter.CreateObservableGauge("monero_peerlist", () =>
        {
            var info = _node.GetNodeInfo();
            return new[]
            {
                new Measurement<long>((long)info.WhitePeerlistSize, new KeyValuePair<string, object?>("type", "white")),
                new Measurement<long>((long)info.GrayPeerlistSize, new KeyValuePair<string, object?>("type", "gray")),
            };
        });
        _meter.CreateObservableGauge("moneronet_bans", () => _node.GetBans().GroupBy(b => b.Source)
            .Select(g => new Measurement<int>(g.Count(), new KeyValuePair<string, object?>("source", g.Key))));
        _meter.CreateObservableCounter("moneronet_p2p_messages", () => Traffic(t => t.MessagesReceived, t => t.MessagesSent));
        _meter.CreateObservableCounter("moneronet_p2p_bytes", () => Traffic(t => t.BytesReceived, t => t.BytesSent));
        _meter.CreateObservableCounter("moneronet_p2p_handshakes", () => _stats!.HandshakesByResult
            .Select(p => new Measurement<long>((long)p.Value, new KeyValuePair<string, object?>("result", p.Key))));
        _meter.CreateObservableCounter("moneronet_p2p_closes", () => _stats!.ClosesByReason
            .Select(p => new Measurement<long>((long)p.Value, new KeyValuePair<string, object?>("reason", p.Key))));
        _meter.CreateObservableGauge("moneronet_p2p_suspected_proxies", () => _stats!.SuspectedProxies.Count);

        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meterName, "System.Runtime")
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)
            .Build();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        _app = builder.Build();
        _app.UseOpenTelemetryPrometheusScrapingEndpoint(_provider, null, "/metrics", null, null);
        _app.Run(context => { context.Response.StatusCode = 404; return Task.CompletedTask; });
    }

    public Uri MetricsUri { get; private set; } = null!;

    public static async Task<OpenTelemetryMetricsServer> StartAsync(INodeQuery node)
    {
        var server = new OpenTelemetryMetricsServer(node, "MoneroNet.Bench." + Guid.NewGuid().ToString("N"));
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.MetricsUri = new Uri(address + "/metrics");
        return server;
    }

    private List<Measurement<long>> Traffic(Func<CommandTraffic, ulong[]> received, Func<CommandTraffic, ulong[]> sent)
    {
        var traffic = _stats!.Traffic;
        var list = new List<Measurement<long>>(2 * TrafficCommands.Count);
        for (var c = 0; c < TrafficCommands.Count; c++)
        {
            var command = TrafficCommands.NameOf((TrafficCommand)c);
            list.Add(new((long)received(traffic)[c], new KeyValuePair<string, object?>("command", command), new("direction", "in")));
            list.Add(new((long)sent(traffic)[c], new KeyValuePair<string, object?>("command", command), new("direction", "out")));
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _provider.Dispose();
        _meter.Dispose();
    }
}
