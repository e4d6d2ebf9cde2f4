namespace MoneroNet.P2P;

/// <summary>monerod's P2P timings (cryptonote_config.h, net_node.h); tests shorten them.</summary>
public sealed record P2PTimings
{
    /// <summary>monerod 0.18's values.</summary>
    public static readonly P2PTimings Monerod = new();

    /// <summary>TCP connect timeout of a dial (5 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromMilliseconds(5000);
    /// <summary>How long a handshake request waits for its answer (5 s).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromMilliseconds(5000);
    /// <summary>How long a support-flags request waits for its answer (5 s).</summary>
    public TimeSpan SupportFlagsTimeout { get; init; } = TimeSpan.FromMilliseconds(5000);
    /// <summary>How long any other request (timed sync, ping) waits for its answer (2 min).</summary>
    public TimeSpan InvokeTimeout { get; init; } = TimeSpan.FromMilliseconds(120_000);
    /// <summary>How often a timed sync goes to every peer (60 s).</summary>
    public TimeSpan TimedSyncInterval { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>How often the maintainer looks at every connection (timeouts, timed syncs, dials).</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Idle timeout of a fresh connection to a remote (public) address.</summary>
    public TimeSpan NewConnectionIdleRemote { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Idle timeout of a fresh connection to a local (loopback/private) address: 20 minutes in monerod.</summary>
    public TimeSpan NewConnectionIdleLocal { get; init; } = TimeSpan.FromMilliseconds(1_200_000);
    /// <summary>Idle timeout after a write, remote peer.</summary>
    public TimeSpan AfterWriteIdleRemote { get; init; } = TimeSpan.FromMilliseconds(300_000);
    /// <summary>Idle timeout after a write, local peer.</summary>
    public TimeSpan AfterWriteIdleLocal { get; init; } = TimeSpan.FromMilliseconds(1_800_000);
    /// <summary>Retry delay for exclusive/priority nodes that are not connected (monerod retries every second).</summary>
    public TimeSpan RedialInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Connect timeout of a back-ping (P2P_DEFAULT_PING_CONNECTION_TIMEOUT).</summary>
    public TimeSpan BackPingConnectTimeout { get; init; } = TimeSpan.FromMilliseconds(2000);
    /// <summary>How often the peer lists are saved (monerod: every 30 min; also at stop).</summary>
    public TimeSpan PeerListSaveInterval { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>
    /// The once-a-minute chores: monerod's gray-list housekeeping (m_gray_peerlist_housekeeping_interval, 60 s) and
    /// the sweep of expired bans.
    /// </summary>
    public TimeSpan HousekeepingInterval { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>How often the node checks it has incoming connections (m_incoming_connections_interval, 1 h, first after 1 h).</summary>
    public TimeSpan IncomingConnectionsCheckInterval { get; init; } = TimeSpan.FromHours(1);
    /// <summary>
    /// First wait before redialling an address that failed (connect or handshake); it doubles with each further
    /// consecutive failure up to <see cref="DialBackoffMax"/>.
    /// </summary>
    public TimeSpan DialBackoffBase { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Longest wait between attempts, also how long a failure is remembered (P2P_FAILED_ADDR_FORGET_SECONDS, 1 h).</summary>
    public TimeSpan DialBackoffMax { get; init; } = TimeSpan.FromHours(1);
    /// <summary>Ban length when a fail score passes 10 (P2P_IP_BLOCKTIME, 24 h).</summary>
    public TimeSpan FailBanDuration { get; init; } = TimeSpan.FromSeconds(86400);
    /// <summary>
    /// Bound on bytes queued for one peer (frames waiting plus those handed to the socket and not yet flushed) before
    /// it is dropped. Nothing this node sends is larger than a handshake with 250 peers (~12 KiB), so 256 KiB only
    /// trips for a peer that has stopped reading (beyond monerod, whose soft bound is 100 MiB).
    /// </summary>
    public long MaxSendQueueBytes { get; init; } = 256 * 1024;
    /// <summary>Bound on frames queued for one peer: monerod's ABSTRACT_SERVER_SEND_QUE_MAX_COUNT (docs/PROTOCOL.md §4.4).</summary>
    public int MaxSendQueueFrames { get; init; } = 1000;
    /// <summary>
    /// When, after a handshake, the proxy fingerprint's pings go out (docs/PROTOCOL.md §3.8):
    /// three, spaced over the connection's first minute, so a proxy that relays only some requests or
    /// switches its inner node has three chances to show it. Sent from the maintainer's tick (1 s resolution).
    /// </summary>
    public IReadOnlyList<TimeSpan> ProxyCheckPingDelays { get; init; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(45)];
    /// <summary>Bound on bytes queued for all peers together; a session that would pass it is closed.</summary>
    public long NodeSendBudgetBytes { get; init; } = 64L * 1024 * 1024;
}
