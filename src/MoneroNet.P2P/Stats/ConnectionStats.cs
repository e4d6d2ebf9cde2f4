namespace MoneroNet.P2P.Stats;

/// <summary>
/// Byte counters and times of one connection, kept on the connection itself (as StackExchange.Redis keeps its
/// counters) and updated on every completed socket read or write — Levin headers and all — as monerod updates
/// <c>m_recv_cnt</c>, <c>m_send_cnt</c>, <c>m_last_recv</c>, <c>m_last_send</c> and the current speeds.
/// Reads and writes each come from one loop at a time; readers (the RPC) see torn-free 64-bit values.
/// </summary>
public sealed class ConnectionStats
{
    // Each throttle is also the lock of its direction (no separate lock objects: 10,000 connections keep these).
    private readonly NetworkThrottle _down = new();
    private readonly NetworkThrottle _up = new();
    private long _recvCount;
    private long _sendCount;
    private long _recvPackets;
    private long _sendPackets;
    private long _lastRecvUnix;
    private long _lastSendUnix;
    private double _currentDown;
    private double _currentUp;

    private readonly NetStats? _totals;

    /// <summary>Counters of a connection that started at <paramref name="startedUnixSeconds"/>.</summary>
    public ConnectionStats(long startedUnixSeconds) => StartedUnixSeconds = startedUnixSeconds;

    /// <summary>A connection's counters that also feed the node's process-wide <paramref name="totals"/>.</summary>
    internal ConnectionStats(long startedUnixSeconds, NetStats totals) : this(startedUnixSeconds) => _totals = totals;

    /// <summary>When the connection was accepted or dialled (whole unix seconds, monerod's <c>m_started</c>).</summary>
    public long StartedUnixSeconds { get; }

    /// <summary>Bytes received (get_connections' recv_count).</summary>
    public ulong RecvCount => (ulong)Volatile.Read(ref _recvCount);
    /// <summary>Bytes sent (send_count).</summary>
    public ulong SendCount => (ulong)Volatile.Read(ref _sendCount);
    /// <summary>Levin packets received.</summary>
    public ulong RecvPackets => (ulong)Volatile.Read(ref _recvPackets);
    /// <summary>Levin packets sent.</summary>
    public ulong SendPackets => (ulong)Volatile.Read(ref _sendPackets);
    /// <summary>Unix seconds of the last completed read, 0 before any.</summary>
    public long LastRecvUnixSeconds => Volatile.Read(ref _lastRecvUnix);
    /// <summary>Unix seconds of the last completed write, 0 before any.</summary>
    public long LastSendUnixSeconds => Volatile.Read(ref _lastSendUnix);
    /// <summary>The download speed over the last seconds (current_download, docs/PROTOCOL.md §6.4).</summary>
    public double CurrentDownloadBytesPerSecond => Volatile.Read(ref _currentDown);
    /// <summary>The upload speed over the last seconds (current_upload).</summary>
    public double CurrentUploadBytesPerSecond => Volatile.Read(ref _currentUp);

    /// <summary>Counts <paramref name="bytes"/> received at <paramref name="nowUnixSeconds"/>; <paramref name="monotonicSeconds"/>, a monotonic clock, places them in the speed window.</summary>
    public void OnReceived(int bytes, long nowUnixSeconds, double monotonicSeconds)
    {
        if (bytes <= 0) return;
        double speed;
        lock (_down) speed = _down.Record(bytes, monotonicSeconds);
        Volatile.Write(ref _currentDown, speed);
        Interlocked.Add(ref _recvCount, bytes);
        Interlocked.Increment(ref _recvPackets);
        _totals?.OnReceived(bytes);
        Volatile.Write(ref _lastRecvUnix, nowUnixSeconds);
    }

    /// <summary>Counts <paramref name="bytes"/> sent, as <see cref="OnReceived"/> does.</summary>
    public void OnSent(int bytes, long nowUnixSeconds, double monotonicSeconds)
    {
        if (bytes <= 0) return;
        double speed;
        lock (_up) speed = _up.Record(bytes, monotonicSeconds);
        Volatile.Write(ref _currentUp, speed);
        Interlocked.Add(ref _sendCount, bytes);
        Interlocked.Increment(ref _sendPackets);
        _totals?.OnSent(bytes);
        Volatile.Write(ref _lastSendUnix, nowUnixSeconds);
    }
}
