using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using MoneroNet.Node.CommandLine;
using MoneroNet.Node.Hosting;
using MoneroNet.Node.Logging;
using MoneroNet.P2P.Node;
using MoneroNet.Rpc;

namespace MoneroNet.Node;

/// <summary>
/// Runs the node: the P2P layer, the daemon RPC reading it through <see cref="P2PNodeQuery"/>, until Ctrl-C or
/// SIGTERM; then closes every connection and the RPC server within a few seconds.
/// </summary>
public static partial class NodeHost
{
    private static readonly TimeSpan ShutdownBudget = TimeSpan.FromSeconds(5);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled or SIGINT/SIGTERM arrives; returns the exit code.</summary>
    public static async Task<int> RunAsync(NodeOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var log = loggerFactory.CreateLogger(NodeLogging.NodeCategory);
        Starting(log, ProductInfo.VersionLine, options.Summary());

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // we shut down ourselves, cleanly
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        P2PNode? node = null;
        // SIGHUP re-reads --ban-list without a restart (beyond monerod).
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            if (node is { } n) _ = ReloadBanListAsync(n, log);
        });

        try { Directory.CreateDirectory(options.DataDir); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            StartFailed(log, $"cannot create data directory {options.DataDir}: {ex.Message}");
            return 1;
        }

        var p2p = node = new P2PNode(P2POptionsFactory.Create(options), loggerFactory);
        RpcServer? rpc = null;
        try
        {
            try
            {
                await p2p.StartAsync(stop.Token);
            }
            catch (SocketException ex)
            {
                StartFailed(log, $"cannot listen for P2P on {options.P2pBindIp}:{options.P2pBindPort}: {ex.Message}");
                return 1;
            }
            catch (IOException ex)
            {
                StartFailed(log, ex.Message); // e.g. a missing --ban-list file
                return 1;
            }

            rpc = new RpcServer(new RpcServerOptions
            {
                BindIp = options.RpcBindIp,
                Port = options.RpcBindPort,
                Restricted = options.RestrictedRpc,
            }, new P2PNodeQuery(p2p, options.DataDir), new P2PNodeControl(p2p), TimeProvider.System, loggerFactory);
            try
            {
                await rpc.StartAsync(stop.Token);
            }
            catch (Exception ex) when (ex is IOException or SocketException or InvalidOperationException)
            {
                StartFailed(log, $"cannot listen for RPC on {options.RpcBindIp}:{options.RpcBindPort}: {ex.Message}");
                return 1;
            }

            try { await Task.Delay(Timeout.Infinite, stop.Token); }
            catch (OperationCanceledException) { }
            Stopping(log);
            return 0;
        }
        finally
        {
            using var budget = new CancellationTokenSource(ShutdownBudget);
            if (rpc is not null)
            {
                try { await rpc.StopAsync(budget.Token); } catch (OperationCanceledException) { }
                await rpc.DisposeAsync();
            }
            try { await p2p.StopAsync(budget.Token); } catch (OperationCanceledException) { }
            Stopped(log);
        }
    }

    private static async Task ReloadBanListAsync(P2PNode node, ILogger log)
    {
        try
        {
            await node.ReloadBanListAsync();
            BanListReloaded(log);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            BanListReloadFailed(log, ex.Message);
        }
    }

    [LoggerMessage(4006, LogLevel.Information, "SIGHUP: ban list reloaded")]
    private static partial void BanListReloaded(ILogger logger);

    [LoggerMessage(4007, LogLevel.Warning, "SIGHUP: ban list not reloaded: {Reason}")]
    private static partial void BanListReloadFailed(ILogger logger, string reason);

    [LoggerMessage(4001, LogLevel.Information, "{Version} starting: {Summary}")]
    private static partial void Starting(ILogger logger, string version, string summary);

    [LoggerMessage(4002, LogLevel.Critical, "Cannot start: {Reason}")]
    private static partial void StartFailed(ILogger logger, string reason);

    [LoggerMessage(4004, LogLevel.Information, "Stopping: closing connections and the RPC server")]
    private static partial void Stopping(ILogger logger);

    [LoggerMessage(4005, LogLevel.Information, "Stopped")]
    private static partial void Stopped(ILogger logger);
}
