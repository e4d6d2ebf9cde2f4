using MoneroNet.Node.CommandLine;
using Microsoft.Extensions.Logging;

namespace MoneroNet.Node;

/// <summary>
/// The node host's log lines, with stable event ids (4xxx; P2P has 1xxx-3xxx, the RPC layer 5xxx). They are written
/// under <see cref="Logging.NodeLogging.NodeCategory"/>, which the --log-level policy keeps at Information.
/// </summary>
internal static partial class NodeLog
{
    /// <summary>Logs the start-up line; the options are put into words only when Information is enabled.</summary>
    public static void Starting(ILogger logger, string version, NodeOptions options)
    {
        if (logger.IsEnabled(LogLevel.Information))
            Starting(logger, version, options.Summary());
    }

    [LoggerMessage(4001, LogLevel.Information, "{Version} starting: {Summary}", SkipEnabledCheck = true)]
    private static partial void Starting(ILogger logger, string version, string summary);

    [LoggerMessage(4002, LogLevel.Critical, "Cannot start: {Reason}")]
    public static partial void StartFailed(ILogger logger, string reason);

    [LoggerMessage(4004, LogLevel.Information, "Stopping: closing connections and the RPC server")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(4005, LogLevel.Information, "Stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(4006, LogLevel.Information, "SIGHUP: ban list {Path} reloaded: {Hosts} hosts, {Subnets} subnets")]
    public static partial void BanListReloaded(ILogger logger, string path, int hosts, int subnets);

    [LoggerMessage(4007, LogLevel.Warning, "SIGHUP: ban list {Path} not reloaded, the previous bans stay: {Reason}")]
    public static partial void BanListReloadFailed(ILogger logger, string path, string reason);

    [LoggerMessage(4008, LogLevel.Warning, "Logging to the console only: {Reason}")]
    public static partial void ConsoleOnly(ILogger logger, string reason);

    [LoggerMessage(4200, LogLevel.Warning, "{Message}")]
    public static partial void WithoutEffect(ILogger logger, string message);

    [LoggerMessage(4201, LogLevel.Warning, "--public-node is enabled, but RPC server {Address} may be unreachable from outside, please check RPC server bind address")]
    public static partial void PublicNodeUnreachable(ILogger logger, string address);

    [LoggerMessage(4202, LogLevel.Information, "Public RPC port {Port} will be advertised to other peers over P2P")]
    public static partial void PublicRpcPort(ILogger logger, int port);

    [LoggerMessage(4203, LogLevel.Information, "Detached: pid {Pid}, pid file {Pidfile}")]
    public static partial void Detached(ILogger logger, int pid, string pidfile);

    [LoggerMessage(4013, LogLevel.Information,
        "Descriptors: up to {Incoming} for incoming peers; {Reserved} kept for the RPC servers, outgoing peers and files")]
    public static partial void DescriptorBudget(ILogger logger, long incoming, long reserved);

    [LoggerMessage(4100, LogLevel.Warning, "The console prompt stopped reading commands: {Reason}")]
    public static partial void ConsoleFailed(ILogger logger, string reason);

    [LoggerMessage(4480, LogLevel.Warning, "--{Flag} {Host}: not resolved and not dialled: with --proxy a DNS look-up here would leak the name outside the proxy (give an IP, or --proxy-allow-dns-leaks)")]
    public static partial void HostNameRefusedBehindProxy(ILogger logger, string flag, string host);

    [LoggerMessage(4481, LogLevel.Warning, "--proxy-allow-dns-leaks is enabled, but --proxy is not specified.")]
    public static partial void DnsLeaksWithoutProxy(ILogger logger);
}
