using System.Net;
using MoneroNet.Rpc.Security;
using Microsoft.Extensions.Logging;

namespace MoneroNet.Rpc;

/// <summary>
/// The RPC layer's log lines, with stable event ids (5xxx; P2P has 1xxx-3xxx, the node host 4xxx): 50xx the RPC
/// server and its methods (category <see cref="RpcCategory"/>), 51xx HTTP-level decisions (<see cref="HttpCategory"/>).
/// </summary>
internal static partial class RpcLog
{
    /// <summary>The RPC server and its JSON-RPC / URI method dispatch, as monerod's "daemon.rpc".</summary>
    public const string RpcCategory = "daemon.rpc";

    /// <summary>HTTP-level handling below the methods (request limits, bodies, --rpc-login), as monerod's "net.http".</summary>
    public const string HttpCategory = "net.http";

    /// <summary>Logs that the server listens; the arguments are only put into words when Information is enabled.</summary>
    public static void Listening(ILogger logger, IReadOnlyList<IPEndPoint> endPoints, bool restricted, RpcTlsMode tls, bool loginRequired)
    {
        if (!logger.IsEnabled(LogLevel.Information))
            return;
        Listening(logger, string.Join(", ", endPoints), restricted ? " (restricted)" : "", TlsName(tls), loginRequired ? ", login required" : "");
    }

    [LoggerMessage(5001, LogLevel.Information, "RPC server listening on {EndPoints}{Restricted}, ssl {Tls}{Login}", SkipEnabledCheck = true)]
    private static partial void Listening(ILogger logger, string endPoints, string restricted, string tls, string login);

    [LoggerMessage(5002, LogLevel.Debug, "JSON-RPC {Method}: 'jsonrpc' is a {Kind}")]
    public static partial void JsonRpcVersionNotString(ILogger logger, string method, string kind);

    [LoggerMessage(5003, LogLevel.Debug, "JSON-RPC {Method}: invalid params: {Reason}")]
    public static partial void JsonRpcInvalidParams(ILogger logger, string method, string reason);

    [LoggerMessage(5004, LogLevel.Error, "JSON-RPC {Method} failed")]
    public static partial void JsonRpcMethodFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(5005, LogLevel.Debug, "URI {Method}: invalid params: {Reason}")]
    public static partial void UriInvalidParams(ILogger logger, string method, string reason);

    [LoggerMessage(5006, LogLevel.Error, "URI {Method} failed")]
    public static partial void UriMethodFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(5007, LogLevel.Debug, "Host {Host} RPC fail score={Score}")]
    public static partial void HostFailScore(ILogger logger, IPAddress host, int score);

    [LoggerMessage(5008, LogLevel.Information, "Host {Host} banned for {Seconds} s: RPC fail score above 3")]
    public static partial void HostBannedForFailures(ILogger logger, IPAddress host, long seconds);

    [LoggerMessage(5009, LogLevel.Debug, "URI {Method}: bad binary body: {Reason}")]
    public static partial void BinaryBodyRefused(ILogger logger, string method, string reason);

    [LoggerMessage(5010, LogLevel.Debug, "RPC connection from banned host {Remote} closed at accept")]
    public static partial void BannedHostRefused(ILogger logger, IPAddress remote);

    /// <summary>Logs a request refused by --rpc-login; the address and verdict are put into words only when Debug is enabled.</summary>
    public static void LoginRefused(ILogger logger, IPAddress? remote, DigestVerdict verdict)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
            return;
        LoginRefused(logger, remote?.ToString() ?? "?", verdict.ToString());
    }

    [LoggerMessage(5101, LogLevel.Debug, "RPC request from {Remote} refused by --rpc-login: {Verdict}", SkipEnabledCheck = true)]
    private static partial void LoginRefused(ILogger logger, string remote, string verdict);

    [LoggerMessage(5102, LogLevel.Debug, "RPC request to {Target} over {Limit} bytes: closing the connection")]
    public static partial void RequestTooLarge(ILogger logger, string target, int limit);

    [LoggerMessage(5103, LogLevel.Debug, "bad RPC request body")]
    public static partial void BadRequestBody(ILogger logger, Exception exception);

    [LoggerMessage(5320, LogLevel.Warning, "RPC cannot listen on {Address}:{Port} ({Reason}); going on with IPv6 only (--rpc-ignore-ipv4)")]
    public static partial void Ipv4BindIgnored(ILogger logger, System.Net.IPAddress address, int port, string reason);

    [LoggerMessage(5200, LogLevel.Debug, "event stream subscriber {Remote} joined ({Count} now)")]
    public static partial void EventSubscriberJoined(ILogger logger, System.Net.IPAddress? remote, int count);

    [LoggerMessage(5201, LogLevel.Information, "event stream subscriber {Remote} refused: {Max} subscribers already (503)")]
    public static partial void EventSubscriberRefused(ILogger logger, System.Net.IPAddress? remote, int max);

    [LoggerMessage(5202, LogLevel.Information, "event stream subscriber {Remote} dropped: it fell {Capacity} events behind")]
    public static partial void EventSubscriberDropped(ILogger logger, System.Net.IPAddress? remote, int capacity);

    private static string TlsName(RpcTlsMode tls) => tls switch
    {
        RpcTlsMode.Disabled => "disabled",
        RpcTlsMode.Enabled => "enabled",
        RpcTlsMode.Autodetect => "autodetect",
        _ => tls.ToString().ToLowerInvariant(),
    };
}
