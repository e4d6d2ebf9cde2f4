using System.Net;
using MoneroNet.Rpc.Events;
using MoneroNet.Rpc.Hosting;
using MoneroNet.Rpc.Http;
using MoneroNet.Rpc.Methods;
using MoneroNet.Rpc.Metrics;
using MoneroNet.Rpc.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MoneroNet.Rpc;

/// <summary>
/// The daemon RPC server: Kestrel on the configured addresses, answering like monerod 0.18 (HTTP/1.1 only), with
/// monerod's --rpc-ssl modes (plain, TLS, or both on one port) and --rpc-login digest authentication. Without TLS a
/// ClientHello is refused at once, so that clients that try TLS first fall back to plain HTTP quickly. Connections
/// from banned hosts are closed at accept, and failing requests count towards monerod's RPC fail-score ban
/// (<see cref="HostGuard"/>, docs/PROTOCOL.md §7.8). An unrestricted server that reads a node also answers
/// <c>GET /metrics</c> in the Prometheus text format (<see cref="MetricsExposition"/>, docs/OBSERVABILITY.md "Metrics").
/// </summary>
public sealed class RpcServer : IAsyncDisposable
{
    private readonly RpcServerOptions _options;
    private readonly RpcMethodRegistry _methods;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly RpcConnectionCounter _connections;
    private readonly RpcAdmission _admission;
    private readonly RpcHostGuard _guard;
    private readonly MetricsExposition? _metrics;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private WebApplication? _app;
    private X509Certificate2? _generatedCertificate;
    private IReadOnlyList<IPEndPoint> _boundEndPoints = [];

    /// <summary>
    /// A server answering every read method, but none that changes the node (set_bans, /in_peers, /out_peers answer
    /// as unknown methods). Prefer the constructor that takes an <see cref="INodeControl"/>.
    /// </summary>
    public RpcServer(RpcServerOptions options, INodeQuery node, TimeProvider timeProvider, ILoggerFactory loggerFactory)
        : this(options, node, null, timeProvider, loggerFactory)
    {
    }

    /// <summary>A server answering every method implemented (<see cref="RpcMethodRegistry.CreateDefault"/>).</summary>
    public RpcServer(RpcServerOptions options, INodeQuery node, INodeControl? control, TimeProvider timeProvider, ILoggerFactory loggerFactory)
        : this(options, new RpcConnectionCounter(), node, control, timeProvider, loggerFactory)
    {
    }

    /// <summary>
    /// A server answering the given methods; <paramref name="connections"/> counts its open connections. Bans are
    /// looked up in <paramref name="bans"/> and RPC fail-score bans set through <paramref name="control"/>; without
    /// them nobody is refused or banned. <paramref name="bans"/> is also the node <c>/metrics</c> reads; without it,
    /// or on a restricted server, <c>/metrics</c> is a 404.
    /// </summary>
    public RpcServer(
        RpcServerOptions options, RpcMethodRegistry methods, TimeProvider timeProvider, ILoggerFactory loggerFactory,
        RpcConnectionCounter? connections = null, INodeQuery? bans = null, INodeControl? control = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _methods = methods ?? throw new ArgumentNullException(nameof(methods));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        _connections = connections ?? new RpcConnectionCounter();
        _admission = new RpcAdmission(options.MaxConnections, options.MaxConnectionsPerPublicIp, options.MaxConnectionsPerPrivateIp);
        _guard = new RpcHostGuard(bans, control, options.DisableRpcBan, _loggerFactory.CreateLogger(RpcLog.RpcCategory));
        _metrics = bans is null || options.Restricted ? null : new MetricsExposition(bans, methods);
    }

    private RpcServer(
        RpcServerOptions options, RpcConnectionCounter connections, INodeQuery node, INodeControl? control, TimeProvider timeProvider, ILoggerFactory loggerFactory)
        : this(
            options,
            RpcMethodRegistry.CreateDefault(node, control, new RpcServerFacts(options?.Restricted ?? false, connections), timeProvider),
            timeProvider,
            loggerFactory,
            connections,
            node,
            control)
    {
    }

    /// <summary>
    /// The node's events for <c>GET /events</c> (shared by the host between servers); null: no event stream (404).
    /// The unrestricted server serves it and <c>GET /dashboard</c>; a restricted one refuses both (404).
    /// </summary>
    public NodeEventHub? Events { get; init; }

    /// <summary>Who may connect (the --rpc-max-connections* caps), and how many are admitted now.</summary>
    public RpcAdmission Admission => _admission;

    /// <summary>Banned hosts refused at accept, and this server's RPC fail scores.</summary>
    public RpcHostGuard HostGuard => _guard;

    /// <summary>The server's open connections right now.</summary>
    public int OpenConnections => _connections.Open;

    /// <summary>The addresses actually listened on (real ports when <see cref="RpcServerOptions.Port"/> was 0); empty until started.</summary>
    public IReadOnlyList<IPEndPoint> BoundEndPoints => Volatile.Read(ref _boundEndPoints);

    /// <summary>The port of the first bound address.</summary>
    public int Port => BoundEndPoints.Count > 0 ? BoundEndPoints[0].Port : throw new InvalidOperationException("the RPC server is not running");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_app is not null)
            {
                throw new InvalidOperationException("the RPC server is already running");
            }

            var app = Build(ipv4: true);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex) when (_options.IgnoreIpv4BindFailure && _options.BindIpv6 is not null)
            {
                // --rpc-ignore-ipv4: the IPv4 bind failed (or the IPv6 one, which the retry then reports).
                await app.DisposeAsync().ConfigureAwait(false);
                RpcLog.Ipv4BindIgnored(_loggerFactory.CreateLogger(RpcLog.RpcCategory), _options.BindIp, _options.Port, ex.Message);
                app = Build(ipv4: false);
                try
                {
                    await app.StartAsync(cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await app.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _app = app;
            Volatile.Write(ref _boundEndPoints, ReadBoundEndPoints(app));
            RpcLog.Listening(_loggerFactory.CreateLogger(RpcLog.RpcCategory), _boundEndPoints, _options.Restricted, _options.Tls,
                loginRequired: _options.Login is not null);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var app = _app;
            if (app is null)
            {
                return;
            }

            _app = null;
            Volatile.Write(ref _boundEndPoints, []);
            try
            {
                await app.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _generatedCertificate?.Dispose();
        _lifecycle.Dispose();
    }

    private WebApplication Build(bool ipv4)
    {
        var certificate = _options.Tls == RpcTlsMode.Disabled
            ? null
            : _options.Certificate ?? (_generatedCertificate ??= RpcCertificate.CreateSelfSigned(_time));
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "MoneroNet.Rpc" });
        builder.Services.AddSingleton<ILoggerFactory>(new QuietLoggerFactory(_loggerFactory));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false; // we write monerod's "Server: Epee-based" ourselves
            var limits = kestrel.Limits;
            limits.MaxRequestBodySize = _options.MaxRequestBytes;
            limits.MaxRequestHeadersTotalSize = _options.MaxRequestBytes;
            limits.MaxRequestLineSize = _options.MaxRequestBytes;
            limits.MaxRequestHeaderCount = 10_000;
            limits.KeepAliveTimeout = _options.KeepAliveTimeout;
            limits.RequestHeadersTimeout = _options.RequestHeadersTimeout;
            if (ipv4)
            {
                Listen(kestrel, _options.BindIp, certificate);
            }

            if (_options.BindIpv6 is { } ipv6)
            {
                Listen(kestrel, ipv6, certificate);
            }
        });

        var app = builder.Build();
        if (_options.AccessControlOrigins.Count > 0)
        {
            var cors = new CorsHeaders(_options.AccessControlOrigins);
            app.Use(cors.InvokeAsync);
        }

        if (_options.Login is { } login)
        {
            var digest = new DigestAuthMiddleware(login, _options.MaxRequestBytes, _time, _loggerFactory.CreateLogger(RpcLog.HttpCategory));
            app.Use(digest.InvokeAsync);
        }

        if (!_options.Restricted)
        {
            var routes = new ObservabilityRoutes(Events, _loggerFactory.CreateLogger(RpcLog.HttpCategory), app.Lifetime.ApplicationStopping);
            app.Use(routes.InvokeAsync);
        }

        var handler = new RpcHttpHandler(
            _methods, _options.Restricted, _options.MaxRequestBytes, _time, _guard,
            _loggerFactory.CreateLogger(RpcLog.HttpCategory), _loggerFactory.CreateLogger(RpcLog.RpcCategory), _metrics);
        app.Run(handler.HandleAsync);
        return app;
    }

    private void Listen(KestrelServerOptions kestrel, IPAddress address, X509Certificate2? certificate) =>
        kestrel.Listen(address, _options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            // Bans, then admission: a banned host's connection, or one over a cap, is closed before it is counted,
            // TLS-detected or parsed; a banned host takes no slot under the caps (monerod: filter, then limit; §7.8).
            listen.Use(_guard.Wrap);
            listen.Use(_admission.Wrap);
            listen.Use(_connections.Wrap);
            switch (_options.Tls)
            {
                case RpcTlsMode.Enabled:
                    listen.UseHttps(HttpsOptions(certificate!));
                    break;
                case RpcTlsMode.Autodetect:
                    var autodetect = new TlsAutodetect();
                    listen.Use(autodetect.Branch);
                    listen.UseHttps(HttpsOptions(certificate!));
                    listen.Use(autodetect.CapturePlain);
                    break;
            }
        });

    /// <summary>The server certificate, and the client certificates asked for with --rpc-ssl-allowed-fingerprints/-ca-certificates.</summary>
    private HttpsConnectionAdapterOptions HttpsOptions(X509Certificate2 certificate)
    {
        var https = new HttpsConnectionAdapterOptions { ServerCertificate = certificate };
        if (_options.ClientCertificates is { } clients)
        {
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = clients.Validate;
        }

        return https;
    }

    private static List<IPEndPoint> ReadBoundEndPoints(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var endPoints = new List<IPEndPoint>();
        foreach (var address in addresses)
        {
            var uri = new Uri(address);
            endPoints.Add(new IPEndPoint(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port));
        }

        return endPoints;
    }
}
