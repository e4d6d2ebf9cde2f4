using System.Net;
using Microsoft.Extensions.Logging;
using MoneroNet.Wire;

namespace MoneroNet.P2P;

/// <summary>
/// The P2P layer's log lines, with stable event ids (1xxx connections, 2xxx protocol, 3xxx node). Arguments are the
/// raw values (addresses, ids, counts): the generated code formats them only when the level is enabled. Which
/// category (<see cref="P2PLogCategories"/>) a line goes to is the caller's logger.
/// </summary>
internal static partial class P2PLog
{
    /// <summary>The scope every line logged on a connection's read loop carries.</summary>
    public static readonly Func<ILogger, Guid, NetworkAddress, string, IDisposable?> ConnectionScope =
        LoggerMessage.DefineScope<Guid, NetworkAddress, string>("connection {ConnectionId} {Peer} {Direction}");

    [LoggerMessage(1001, LogLevel.Information, "{Peer} {Direction} connection opened ({ConnectionId})")]
    public static partial void ConnectionOpened(ILogger logger, NetworkAddress peer, string direction, Guid connectionId);

    [LoggerMessage(1002, LogLevel.Information, "{Peer} {Direction} handshake complete: peer id {PeerId:x16}, height {Height}, support flags {SupportFlags}")]
    public static partial void Handshaked(ILogger logger, NetworkAddress peer, string direction, ulong peerId, ulong height, uint supportFlags);

    [LoggerMessage(1003, LogLevel.Information, "{Peer} {Direction} connection closed: {Reason}: {Detail} (received {Received} B, sent {Sent} B, {Seconds} s)")]
    public static partial void ConnectionClosed(ILogger logger, NetworkAddress peer, string direction, Connections.DisconnectReason? reason, string? detail, ulong received, ulong sent, long seconds);

    [LoggerMessage(1004, LogLevel.Information, "{Peer} incoming connection refused: {Reason}")]
    public static partial void IncomingRefused(ILogger logger, IPEndPoint peer, string reason);

    [LoggerMessage(1005, LogLevel.Debug, "{Peer} dial failed: {Error}")]
    public static partial void DialFailed(ILogger logger, IPEndPoint peer, string error);

    [LoggerMessage(1009, LogLevel.Debug, "{Peer} dial failed: reset before the session started: {Error}")]
    public static partial void DialResetBeforeSession(ILogger logger, IPEndPoint peer, string error);

    [LoggerMessage(1006, LogLevel.Debug, "{Peer} dial skipped: {Reason}")]
    public static partial void DialSkipped(ILogger logger, IPEndPoint peer, string reason);

    [LoggerMessage(1007, LogLevel.Debug, "{Peer} back-ping {Outcome}")]
    public static partial void BackPing(ILogger logger, IPEndPoint peer, string outcome);

    [LoggerMessage(1008, LogLevel.Information, "{Peer} dropped: limit lowered to {Limit} ({Direction})")]
    public static partial void DroppedForLimit(ILogger logger, NetworkAddress peer, long limit, string direction);

    [LoggerMessage(2001, LogLevel.Debug, "{Peer} request {Command} did not parse ({Error}); answered with return code -1")]
    public static partial void UnparsableRequest(ILogger logger, NetworkAddress peer, uint command, string error);

    [LoggerMessage(2002, LogLevel.Debug, "{Peer} notification {Command} did not parse ({Error}); ignored")]
    public static partial void UnparsableNotification(ILogger logger, NetworkAddress peer, uint command, string error);

    [LoggerMessage(2003, LogLevel.Debug, "{Peer} unknown command {Command} ({Kind}); {Action}")]
    public static partial void UnknownCommand(ILogger logger, NetworkAddress peer, uint command, string kind, string action);

    [LoggerMessage(2004, LogLevel.Debug, "{Peer} height {Height} from {Source}")]
    public static partial void HeightUpdated(ILogger logger, NetworkAddress peer, ulong height, string source);

    [LoggerMessage(2005, LogLevel.Error, "{Peer} message handler failed; closing this connection only")]
    public static partial void HandlerCrashed(ILogger logger, NetworkAddress peer, Exception exception);

    [LoggerMessage(2006, LogLevel.Error, "{Step}: maintenance step failed")]
    public static partial void MaintenanceFailed(ILogger logger, object step, Exception exception);

    /// <summary>Callers build <paramref name="reason"/> only when Debug is enabled.</summary>
    [LoggerMessage(2007, LogLevel.Debug, "{Peer} height {Height} from {Source} ignored: {Reason}")]
    public static partial void HeightIgnored(ILogger logger, NetworkAddress peer, ulong height, string source, string reason);

    [LoggerMessage(3001, LogLevel.Information, "P2P listening on {EndPoint}, peer id {PeerId:x16}, network {Network}")]
    public static partial void Listening(ILogger logger, IPEndPoint endPoint, ulong peerId, string network);

    [LoggerMessage(2300, LogLevel.Information, "P2P offline (--offline): not listening for peers nor connecting to any, peer id {PeerId:x16}")]
    public static partial void Offline(ILogger logger, ulong peerId);

    [LoggerMessage(2301, LogLevel.Warning, "P2P cannot listen on {EndPoint} ({Reason}); going on with IPv6 only (--p2p-ignore-ipv4)")]
    public static partial void Ipv4BindIgnored(ILogger logger, IPEndPoint endPoint, string reason);

    [LoggerMessage(3002, LogLevel.Information, "P2P stopped; {Count} connections closed")]
    public static partial void Stopped(ILogger logger, int count);

    [LoggerMessage(3003, LogLevel.Error, "P2P accept loop on {EndPoint} failed")]
    public static partial void AcceptFailed(ILogger logger, IPEndPoint endPoint, Exception exception);

    [LoggerMessage(3018, LogLevel.Error,
        "P2P accept on {EndPoint} failing ({Consecutive} in a row, {Unlogged} not logged since the last line); next try in {DelayMs} ms: {Error}")]
    public static partial void AcceptFailing(ILogger logger, IPEndPoint endPoint, int consecutive, int unlogged, double delayMs, string error);

    [LoggerMessage(3004, LogLevel.Information, "Host {Host} blocked ({Seconds} s; null = for ever)")]
    public static partial void HostBanned(ILogger logger, string host, long? seconds);

    [LoggerMessage(3005, LogLevel.Debug, "Host {Host} fail score +{Score}")]
    public static partial void HostFailed(ILogger logger, IPAddress host, int score);

    [LoggerMessage(3006, LogLevel.Warning, "ban list {Path} line {Line} skipped ({Reason}): {Text}")]
    public static partial void BanListLineSkipped(ILogger logger, string path, int line, string reason, string text);

    [LoggerMessage(3007, LogLevel.Information, "ban list {Path} loaded: {Hosts} hosts, {Subnets} subnets")]
    public static partial void BanListLoaded(ILogger logger, string path, int hosts, int subnets);

    // 3008 was "ban list could not be reloaded"; the host now logs the reload's one line (4006/4007).

    [LoggerMessage(3009, LogLevel.Information, "peer lists loaded from {Path}: {White} white, {Gray} gray, {Anchor} anchor")]
    public static partial void PeerListsLoaded(ILogger logger, string path, int white, int gray, int anchor);

    [LoggerMessage(3010, LogLevel.Error, "peer list file {Path} is unusable ({Problem}); set aside as {Aside}, starting with empty lists")]
    public static partial void PeerListsCorrupt(ILogger logger, string path, string problem, string aside);

    [LoggerMessage(3011, LogLevel.Error, "peer lists could not be saved to {Path}")]
    public static partial void PeerListsSaveFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(3012, LogLevel.Warning, "peer list file {Path}: {Problem}")]
    public static partial void PeerListsIgnored(ILogger logger, string path, string problem);

    [LoggerMessage(2100, LogLevel.Warning, "{Peer} {Direction} answered a ping as peer id {InnerPeerId:x16}, its handshake as {OuterPeerId:x16}: a proxy in front of another node")]
    public static partial void ProxySuspected(ILogger logger, NetworkAddress peer, string direction, ulong innerPeerId, ulong outerPeerId);

    [LoggerMessage(3017, LogLevel.Information, "removed {Path}, left by a save that was interrupted")]
    public static partial void StaleTemporaryFileRemoved(ILogger logger, string path);

    [LoggerMessage(3019, LogLevel.Debug, "{Bytes} bytes of large messages handled: full collection, managed heap {Before} -> {After} bytes")]
    public static partial void LargeMessageMemoryCollected(ILogger logger, long bytes, long before, long after);

    [LoggerMessage(3013, LogLevel.Debug, "{Peer} gray peer {Outcome}")]
    public static partial void GrayPeerChecked(ILogger logger, IPEndPoint peer, string outcome);

    [LoggerMessage(3014, LogLevel.Warning, "No incoming connections - check firewalls/routers allow port {Port}")]
    public static partial void NoIncomingConnections(ILogger logger, int port);

    [LoggerMessage(3015, LogLevel.Information, "Incoming connections disabled, enable them for full connectivity")]
    public static partial void IncomingConnectionsDisabled(ILogger logger);

    [LoggerMessage(3016, LogLevel.Error, "background work {Name} failed")]
    public static partial void BackgroundWorkFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(2250, LogLevel.Error, "a P2P event handler ({Argument}) failed; the connection and the call that raised it go on")]
    public static partial void EventHandlerFailed(ILogger logger, string argument, Exception exception);
}
