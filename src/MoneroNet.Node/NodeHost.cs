using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using MoneroNet.Node.CommandLine;
using MoneroNet.Node.DaemonConsole;
using MoneroNet.Node.Hosting;
using MoneroNet.Node.Logging;
using MoneroNet.P2P;
using MoneroNet.Rpc;
using MoneroNet.Rpc.Events;

namespace MoneroNet.Node;

/// <summary>
/// Runs the node: the P2P layer, the daemon RPC servers (main, and restricted with --rpc-restricted-bind-port) reading
/// it through <see cref="P2PNodeQuery"/>, until Ctrl-C or SIGTERM; then closes every connection and the RPC servers
/// within a few seconds.
/// </summary>
public static partial class NodeHost
{
    private static readonly TimeSpan ShutdownBudget = TimeSpan.FromSeconds(5);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled or SIGINT/SIGTERM arrives; returns the exit code.</summary>
    public static Task<int> RunAsync(NodeOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        RunAsync(options, RpcLoginPrompt.Console(), loggerFactory, cancellationToken);

    /// <summary>As <see cref="RunAsync(NodeOptions, ILoggerFactory, CancellationToken)"/>, asking an --rpc-login password through <paramref name="loginPrompt"/>.</summary>
    /// <param name="hooks">The run-time log filter and whether a console prompt reads commands (null: neither).</param>
    public static async Task<int> RunAsync(NodeOptions options, RpcLoginPrompt loginPrompt, ILoggerFactory loggerFactory, CancellationToken cancellationToken,
        NodeHostHooks? hooks = null)
    {
        var log = loggerFactory.CreateLogger(NodeLogging.NodeCategory);
        var (login, loginError) = loginPrompt.Resolve(options.RpcLogin, Environment.GetEnvironmentVariable(RpcLoginPrompt.EnvironmentVariable));
        if (loginError is not null)
        {
            NodeLog.StartFailed(log, loginError);
            return 1;
        }
        NodeLog.Starting(log, ProductInfo.VersionLine, options);
        // As monerod's daemon core: the flag means nothing without --proxy, and says so.
        if (options.ProxyAllowDnsLeaks && options.Proxy is null) NodeLog.DnsLeaksWithoutProxy(log);
        if (options.WithoutEffect.Count > 0)
            NodeLog.WithoutEffect(log, CommandLineMessages.WithoutEffect(options.WithoutEffect));

        // Subnet, AS and country of peers: the RPC's view looks them up when it lists a connection (P2PNodeQuery).
        var networkFacts = AsnMapStartup.Load(options.AsnMap, log, out var asnMapError);
        if (networkFacts is null)
        {
            NodeLog.StartFailed(log, asnMapError!);
            return 1;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // we shut down ourselves, cleanly
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        P2PNode? node = null;
        // SIGHUP re-reads --ban-list and --asn-map without a restart (beyond monerod), on one tracked loop.
        var reloads = new ReloadSignal(async () =>
        {
            if (Volatile.Read(ref node) is { } n) await ReloadBanListAsync(n, log).ConfigureAwait(false);
            if (options.AsnMap is { } asnMap) AsnMapStartup.Reload(asnMap, networkFacts, log);
        });
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            reloads.Request();
        });

        try { Directory.CreateDirectory(options.DataDir); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            NodeLog.StartFailed(log, $"cannot create data directory {options.DataDir}: {ex.Message}");
            return 1;
        }

        using var certificate = TryLoadCertificate(options, out var certificateError);
        if (certificateError is not null)
        {
            NodeLog.StartFailed(log, certificateError);
            return 1;
        }

        var clientCertificates = TryLoadClientCertificates(options, out var clientCertificatesError);
        if (clientCertificatesError is not null)
        {
            NodeLog.StartFailed(log, clientCertificatesError);
            return 1;
        }

        long incomingBudget = DescriptorBudget.IncomingPeers(OpenFileLimit.Read()?.Soft, options);
        if (incomingBudget != long.MaxValue) NodeLog.DescriptorBudget(log, incomingBudget, DescriptorBudget.Reserved(options));
        var p2p = node = new P2PNode(P2POptionsFactory.Create(options, log) with { IncomingDescriptorBudget = incomingBudget }, loggerFactory);
        // Before the start: the latch must see the first handshake.
        var synchronized = new SynchronizationLatch();
        synchronized.Attach(p2p);
        // GET /events on the unrestricted RPC server; attached before the start so that no connection is missed.
        using var events = new NodeEventHub(TimeProvider.System);
        using var eventBridge = new NodeEventBridge(p2p, events, TimeProvider.System);
        var rpcServers = new List<RpcServer>();
        try
        {
            try
            {
                await p2p.StartAsync(stop.Token);
            }
            catch (SocketException ex)
            {
                NodeLog.StartFailed(log, $"cannot listen for P2P on {options.P2pBindIp}:{options.P2pBindPort}: {ex.Message}");
                return 1;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                NodeLog.StartFailed(log, ex.Message); // e.g. a missing or unreadable --ban-list file, or a FIFO
                return 1;
            }

            var query = new P2PNodeQuery(p2p, synchronized, options.DataDir, networkFacts);
            // /stop_daemon stops the node as SIGTERM does; the stop runs off the request's thread (CancelAsync), so the
            // answer is sent while the RPC server drains.
            var control = new P2PNodeControl(p2p, hooks?.Logging, () => _ = stop.CancelAsync());
            foreach (var rpcOptions in RpcServerOptionsFor(options, login, certificate, clientCertificates))
            {
                var rpc = new RpcServer(rpcOptions, query, control, TimeProvider.System, loggerFactory)
                {
                    Events = rpcOptions.Restricted ? null : events,
                };
                rpcServers.Add(rpc);
                try
                {
                    await rpc.StartAsync(stop.Token);
                }
                catch (Exception ex) when (ex is IOException or SocketException or InvalidOperationException)
                {
                    var where = rpcOptions.BindIpv6 is { } ipv6 ? $"{rpcOptions.BindIp} and [{ipv6}]" : rpcOptions.BindIp.ToString();
                    NodeLog.StartFailed(log, $"cannot listen for {(rpcOptions.Restricted ? "restricted " : "")}RPC on {where}:{rpcOptions.Port}: {ex.Message}");
                    return 1;
                }
            }

            AdvertisePublicRpcPort(options, p2p, rpcServers, log);

            // The prompt runs beside the node; it never holds the shutdown up (it only waits cancellably).
            var prompt = hooks?.Interactive == true ? NodeConsole.StartPrompt(query, control, stop, log) : Task.CompletedTask;
            try { await Task.Delay(Timeout.Infinite, stop.Token); }
            catch (OperationCanceledException) { }
            await prompt.ConfigureAwait(false);
            NodeLog.Stopping(log);
            return 0;
        }
        finally
        {
            using var budget = new CancellationTokenSource(ShutdownBudget);
            foreach (var rpc in rpcServers)
            {
                try { await rpc.StopAsync(budget.Token); } catch (OperationCanceledException) { }
                await rpc.DisposeAsync();
            }
            await reloads.StopAsync();
            try { await p2p.StopAsync(budget.Token); } catch (OperationCanceledException) { }
            NodeLog.Stopped(log);
        }
    }

    /// <summary>
    /// --public-node: the restricted server's bound port goes into every handshake from now on (the P2P layer already
    /// advertises a port given on the command line; one chosen by the OS is known only now). As monerod, a loopback or
    /// private bind address draws a warning.
    /// </summary>
    private static void AdvertisePublicRpcPort(NodeOptions options, P2PNode p2p, List<RpcServer> rpcServers, ILogger log)
    {
        if (!options.PublicNode) return;
        var server = rpcServers.Last(); // the restricted one: the second server, or the main one with --restricted-rpc
        var endPoint = server.BoundEndPoints[0];
        p2p.Local.RpcPort = (ushort)endPoint.Port;
        NodeLog.PublicRpcPort(log, endPoint.Port);
        if (IsLoopbackOrPrivate(endPoint.Address))
            NodeLog.PublicNodeUnreachable(log, endPoint.ToString());
    }

    /// <summary>monerod's is_loopback() || is_local(): loopback, RFC 1918, IPv6 link-local and unique-local.</summary>
    private static bool IsLoopbackOrPrivate(System.Net.IPAddress address)
    {
        if (System.Net.IPAddress.IsLoopback(address)) return true;
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal) return true;
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return false;
        var b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168);
    }

    /// <summary>One truthful line per reload: what is in force now, or why nothing changed.</summary>
    private static async Task ReloadBanListAsync(P2PNode node, ILogger log)
    {
        var result = await node.ReloadBanListAsync().ConfigureAwait(false);
        if (result.Path is null) return; // no --ban-list: SIGHUP only reloads the ASN map
        if (result.Reloaded) NodeLog.BanListReloaded(log, result.Path, result.Hosts, result.Subnets);
        else NodeLog.BanListReloadFailed(log, result.Path, result.Error!);
    }
}
