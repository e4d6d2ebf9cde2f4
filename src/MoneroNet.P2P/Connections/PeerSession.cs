using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MoneroNet.Epee;
using MoneroNet.Levin;
using MoneroNet.P2P.Stats;
using MoneroNet.P2P.Transport;
using MoneroNet.P2P.Zones;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Connections;

/// <summary>
/// One TCP connection to a peer, from accept or dial to close: the Levin read loop over a System.IO.Pipelines
/// reader (one long-lived task), an ordered send queue drained by a short-lived task only while there is data,
/// the FIFO of our outstanding requests, the idle timer, and the per-connection facts get_connections reports.
/// The protocol itself (handshake, timed sync, …) lives in the <see cref="IPeerMessageHandler"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "A session disposes its own socket, stream and Levin reader when it closes (Close and the read loop's " +
    "finally); its Closed token stays readable after close, so the token source is left to the collector.")]
public sealed class PeerSession : AddressBook.IPeerIdHolder
{
    private readonly Socket _socket;
    private readonly CountingSocketStream _stream;
    private readonly PipeReader _reader;
    private readonly IPeerMessageHandler _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SendQueueLimits _sendLimits;
    private readonly LevinConnectionReader _levin = new(LevinLimits.InitialMaxPacketSize);
    private readonly LevinHandler _levinHandler;
    private readonly CancellationTokenSource _closed = new();
    // Frames waiting, and in front of them the _inFlightFrames the drain is writing.
    // The two queues are also their own locks (a System.Threading.Lock each would be 40 more bytes per connection).
    private readonly Queue<byte[]> _sendQueue = new();
    private int _inFlightFrames;
    private readonly Queue<PendingRequest> _pending = new();
    // The oldest pending request's deadline (long.MaxValue when none), written under the _pending lock whenever the
    // queue's head or its deadline changes, read without it: the maintainer's tick asks every session each second,
    // and at 10,000 idle sessions a lock a session was the largest part of an idle node's CPU.
    private long _oldestDeadline = long.MaxValue;
    private readonly IdleTimer _idle;
    // Bytes reserved for this peer (in _sendQueue, written or not yet), under the _sendQueue lock.
    private long _queuedBytes;
    private bool _draining;
    private Task _drain = Task.CompletedTask;
    private int _closeStarted;

    internal PeerSession(Socket socket, bool incoming, IPEndPoint remote, IPEndPoint local, IPeerMessageHandler handler,
        TimeProvider time, ILogger log, TimeSpan initialIdle, TimeSpan afterWriteIdle, SendQueueLimits sendLimits, NetStats totals,
        PeerConnectionType connectionType, P2PStatistics statistics, P2PRateLimits? rateLimits = null, NetworkAddress? address = null)
    {
        ConnectionType = incoming ? PeerConnectionType.Inbound : connectionType;
        _statistics = statistics;
        Traffic = new CommandTrafficCounters(statistics.Traffic);
        RoundTrips = new RoundTripTimes(statistics.Rtt);
        _socket = socket;
        _handler = handler;
        _time = time;
        _log = log;
        _sendLimits = sendLimits;
        Incoming = incoming;
        RemoteEndPoint = remote;
        LocalEndPoint = local;
        ConnectionId = Guid.NewGuid();
        Stats = new ConnectionStats(time.GetUtcNow().ToUnixTimeSeconds(), totals);
        _stream = new CountingSocketStream(socket, Stats, time, rateLimits, _closed.Token);
        // Zero-byte reads (Kestrel's approach): while the peer is silent the pipe waits on a read of no bytes and holds no
        // buffer; only once data is there does it rent a 4 KiB segment, and it returns it when the frames are consumed.
        _reader = PipeReader.Create(_stream, ReaderOptions);
        _idle = new IdleTimer(time.GetTimestamp(), initialIdle, afterWriteIdle, time.TimestampFrequency);
        // An anonymity-zone connection is known by its zone address (the .onion we dialled through the proxy, or the
        // unknown host of an incoming one); the socket's endpoint is then only the proxy's or the daemon's.
        Address = address ?? NetworkAddress.FromEndPoint(remote);
        Zone = NetworkZones.Of(Address);
        _levinHandler = new LevinHandler(this);
        // Anonymity zones give every peer id 1, and feelers close before the first ping: nothing to compare.
        if (Address.Type is not (NetworkAddressType.IPv4 or NetworkAddressType.IPv6) || ConnectionType == PeerConnectionType.Feeler)
            ProxyCheck.MarkNotApplicable();
    }

    private readonly P2PStatistics _statistics;

    /// <summary>One options object for every session's pipe reader (they hold no state of a connection).</summary>
    private static readonly StreamPipeReaderOptions ReaderOptions =
        new(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true, useZeroByteReads: true);

    /// <summary>
    /// A drain writes up to this many bytes of queued frames with one socket write (copied into a buffer rented for
    /// that write only); a single frame is written from its own array.
    /// </summary>
    private const int MaxBatchBytes = 64 * 1024;

    /// <summary>Why this connection exists (inbound, outbound, anchor, …), fixed at creation.</summary>
    public PeerConnectionType ConnectionType { get; }

    /// <summary>Messages and bytes by command and direction (docs/OBSERVABILITY.md, "Per-connection facts").</summary>
    public CommandTrafficCounters Traffic { get; }

    /// <summary>Round-trip times of our requests that got a response.</summary>
    public RoundTripTimes RoundTrips { get; }

    /// <summary>The proxy fingerprint: three pings after the handshake, their peer ids against the handshake's.</summary>
    public ProxyCheck ProxyCheck { get; } = new();

    private int _supportFlagsRequested;

    /// <summary>The peer's handshake carried no support flags, so we asked for them (1007): a proxy fingerprint too.</summary>
    public bool SupportFlagsRequested
    {
        get => Volatile.Read(ref _supportFlagsRequested) != 0;
        internal set => Volatile.Write(ref _supportFlagsRequested, value ? 1 : 0);
    }

    private int _handshakeResultCounted;

    /// <summary>Counts this connection's handshake result node-wide, once (the first result wins).</summary>
    internal void CountHandshakeResult(HandshakeResult result)
    {
        if (Interlocked.Exchange(ref _handshakeResultCounted, 1) == 0) _statistics.Handshakes.Add(result);
    }

    /// <summary>
    /// Age of the oldest request we sent that is still unanswered, in milliseconds (0 when none): monerod has no such
    /// field; Bitcoin Core's pingwait, for every request rather than pings only.
    /// </summary>
    public double PingWaitMs
    {
        get
        {
            long sent;
            lock (_pending)
            {
                if (!_pending.TryPeek(out var oldest)) return 0;
                sent = oldest.SentAt;
            }
            return ElapsedMs(sent, _time.GetTimestamp());
        }
    }

    private double ElapsedMs(long from, long to) => Math.Max(0, to - from) * 1000.0 / _time.TimestampFrequency;

    /// <summary>A random 16-byte id per connection, reported as <c>connection_id</c>.</summary>
    public Guid ConnectionId { get; }
    /// <summary>True when the peer dialled us.</summary>
    public bool Incoming { get; }
    /// <summary>The peer's address and port as the socket sees it.</summary>
    public IPEndPoint RemoteEndPoint { get; }
    /// <summary>Our end of the connection.</summary>
    public IPEndPoint LocalEndPoint { get; }
    /// <summary>The peer's address as the wire and the peer lists write it.</summary>
    public NetworkAddress Address { get; }
    /// <summary>The zone this connection belongs to, fixed at creation (from <see cref="Address"/>).</summary>
    public NetworkZone Zone { get; }
    /// <summary>Byte and packet counters, speeds and times of this connection (get_connections).</summary>
    public ConnectionStats Stats { get; }

    // Written on the read loop, read by the RPC and the maintainer on other threads: published with Volatile.
    private int _state;
    private long _peerId;
    private long _height;
    private int _handshakeComplete;

    /// <summary>monerod's connection state (get_connections' state).</summary>
    public ConnectionState State
    {
        get => (ConnectionState)Volatile.Read(ref _state);
        internal set
        {
            // Through the registry when there is one, so its tally of states never misses a change.
            if (Registry is { } registry) registry.SetState(this, value);
            else WriteState(value);
        }
    }

    /// <summary>The registry that lists this session and counts its state (null for a session on its own, in tests).</summary>
    internal ConnectionRegistry? Registry { get; init; }

    internal void WriteState(ConnectionState state) => Volatile.Write(ref _state, (int)state);
    /// <summary>0 until the handshake told us the peer's id.</summary>
    public ulong PeerId
    {
        get => (ulong)Volatile.Read(ref _peerId);
        internal set => Volatile.Write(ref _peerId, (long)value);
    }
    /// <summary>The support flags the peer advertised (1 = fluffy blocks), or answered to a request for them.</summary>
    public uint SupportFlags { get; internal set; }
    /// <summary>The listening port the peer advertised in its handshake (my_port; 0 = "do not ping or list me").</summary>
    public uint AdvertisedPort { get; internal set; }
    /// <summary>The RPC port the peer advertised (non-zero only for a monerod with --public-node).</summary>
    public ushort RpcPort { get; internal set; }
    /// <summary>The RPC payment rate the peer advertised (0: free or none).</summary>
    public uint RpcCreditsPerHash { get; internal set; }
    /// <summary>The pruning seed the peer reported in its sync data (0: not pruned).</summary>
    public uint PruningSeed { get; internal set; }
    /// <summary>The peer's chain length as it last told us (monerod's m_remote_blockchain_height).</summary>
    public ulong Height
    {
        get => (ulong)Volatile.Read(ref _height);
        internal set => Volatile.Write(ref _height, (long)value);
    }

    /// <summary>True once the handshake succeeded in either role.</summary>
    public bool HandshakeComplete
    {
        get => Volatile.Read(ref _handshakeComplete) != 0;
        internal set => Volatile.Write(ref _handshakeComplete, value ? 1 : 0);
    }

    // The top block the peer last reported (handshake, timed sync). Hash32 is 32 bytes, too wide for one atomic
    // write, and a Lock object would cost every connection 40 bytes (see "Memory per connection" in
    // docs/ARCHITECTURE.md), so the one writer (the read loop) and any reader use a sequence counter: odd while a
    // write is under way; a reader retries until it read both fields between two equal, even counts.
    private int _topSequence;
    private Hash32 _topId;
    private byte _topVersion;

    /// <summary>The id of the peer's top block as it last told us (core sync data's top_id); zero before that.</summary>
    public Hash32 TopId => ReadTop().Id;

    /// <summary>The hard-fork version of the peer's top block (core sync data's top_version); 0 before that.</summary>
    public byte TopVersion => ReadTop().Version;

    private (Hash32 Id, byte Version) ReadTop()
    {
        var spin = new SpinWait();
        while (true)
        {
            int before = Volatile.Read(ref _topSequence);
            if ((before & 1) == 0)
            {
                var id = _topId;
                byte version = _topVersion;
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _topSequence) == before) return (id, version);
            }
            spin.SpinOnce();
        }
    }

    /// <summary>Read loop only (the one writer): the peer reported its top block.</summary>
    internal void SetTop(Hash32 topId, byte topVersion)
    {
        Volatile.Write(ref _topSequence, _topSequence + 1);
        Interlocked.MemoryBarrier();
        _topId = topId;
        _topVersion = topVersion;
        Volatile.Write(ref _topSequence, _topSequence + 1);
    }

    /// <summary>
    /// On a connection we dialled: how many peer-list entries the peer's handshake answer carried
    /// (local_peerlist_new); 0 before the answer and on an incoming connection (we send the list there).
    /// </summary>
    public int HandshakePeerListCount { get; internal set; }

    // Set once by WhenHandshakedAsync's first caller; completed by SignalHandshaked (true) or Close (false).
    private TaskCompletionSource<bool>? _handshakeWaiter;
    private int _handshakeSignalled; // 1 = handshake done and announced, 2 = closed first

    /// <summary>
    /// Completes with true once the handshake completed and the node announced it (after
    /// <see cref="P2PNode.PeerHandshaked"/>), or with false when the connection closed first (see
    /// <see cref="CloseReason"/> and <see cref="CloseDetail"/>). Safe to call from any thread, before or after the fact.
    /// </summary>
    public Task<bool> WhenHandshakedAsync(CancellationToken cancellationToken = default)
    {
        var waiter = Volatile.Read(ref _handshakeWaiter);
        if (waiter is null)
        {
            var created = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiter = Interlocked.CompareExchange(ref _handshakeWaiter, created, null) ?? created;
        }
        // The signal may have come before the waiter was published: settle it from the recorded outcome.
        switch (Volatile.Read(ref _handshakeSignalled))
        {
            case 1: waiter.TrySetResult(true); break;
            case 2: waiter.TrySetResult(false); break;
        }
        return waiter.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The handshake completed and was announced (HandshakeBehaviour, after the observer).</summary>
    internal void SignalHandshaked() => Signal(1, true);

    private void Signal(int outcome, bool result)
    {
        // The first outcome wins; Interlocked orders it before the waiter read (the waiter's creator reads it after).
        if (Interlocked.CompareExchange(ref _handshakeSignalled, outcome, 0) != 0) return;
        Volatile.Read(ref _handshakeWaiter)?.TrySetResult(result);
    }

    private int _timedSyncInFlight;

    /// <summary>
    /// Takes the one timed-sync slot of this connection (compare-and-swap: the maintainer and the RPC's flush may race);
    /// false while a timed sync is still unanswered. Released by <see cref="EndTimedSync"/> on the read loop.
    /// </summary>
    internal bool TryBeginTimedSync() => Interlocked.CompareExchange(ref _timedSyncInFlight, 1, 0) == 0;

    internal void EndTimedSync() => Volatile.Write(ref _timedSyncInFlight, 0);

    /// <summary>Whether a timed sync is unanswered (diagnostics, tests).</summary>
    internal bool TimedSyncInFlight => Volatile.Read(ref _timedSyncInFlight) == 1;

    /// <summary>
    /// True for a back-ping connection (a 1003 ping without handshake to an incoming peer's advertised port): it is
    /// an outgoing connection while it lasts, but never a peer of the maintainer's.
    /// </summary>
    public bool IsBackPing { get; internal init; }

    /// <summary>
    /// True for a gray-list housekeeping probe (monerod's check_connection_and_handshake_with_peer): a handshake that
    /// only takes the peer's list, then the connection is closed. Outgoing while it lasts, never a maintainer peer.
    /// </summary>
    public bool IsPeerListProbe { get; internal init; }

    /// <summary>Back-pings and peer-list probes: short-lived outgoing connections that are not peers.</summary>
    internal bool IsProbe => IsBackPing || IsPeerListProbe;

    /// <summary>
    /// Called once, synchronously, by the first <see cref="Close"/> after the socket is gone: the node takes the
    /// session out of its registry here, so a closed connection is never listed while its read loop winds down.
    /// </summary>
    internal Action<PeerSession>? OnClosed { get; init; }

    private PeerLists.SharedAddressSet? _sharedAddresses;

    /// <summary>White-list addresses already shared with this peer; timed syncs only send the others (monerod's
    /// per-connection set), one bit per white-list slot. Created on first use; touched only on this session's read loop.</summary>
    internal PeerLists.SharedAddressSet SharedAddresses => _sharedAddresses ??= new();

    /// <summary>
    /// Cryptonote notifications (2001–2010) received, by command; index 0 counts everything else. Created with the
    /// first notification (read loop only), so a peer that sends none costs no array.
    /// </summary>
    private long[]? _notifications;

    internal void CountNotification(uint command)
    {
        var counts = _notifications;
        if (counts is null) Volatile.Write(ref _notifications, counts = new long[11]);
        Interlocked.Increment(ref counts[command is >= 2001 and <= 2010 ? command - 2000 : 0]);
    }

    /// <summary>How many notifications of <paramref name="command"/> arrived (2001–2010; other ids are pooled).</summary>
    public long NotificationsReceived(uint command) => Volatile.Read(ref _notifications) is { } counts
        ? Volatile.Read(ref counts[command is >= 2001 and <= 2010 ? command - 2000 : 0])
        : 0;

    /// <summary>Why the connection closed; null while it is open.</summary>
    public DisconnectReason? CloseReason { get; private set; }
    /// <summary>Cancelled when the connection closes.</summary>
    public CancellationToken Closed => _closed.Token;
    /// <summary>True once a close has started.</summary>
    public bool IsClosed => Volatile.Read(ref _closeStarted) != 0;

    private int _packetLimitRaised;

    /// <summary>
    /// Lets the handshake raise the packet limit from 256 KiB to 100 MB (monerod's switch point). The parser belongs
    /// to the read loop and is not thread-safe, so this only records the request (the initiator makes it on the
    /// dialling thread); the read loop applies it before it parses the next bytes or frame.
    /// </summary>
    internal void RaisePacketLimit() => Volatile.Write(ref _packetLimitRaised, 1);

    /// <summary>Read loop only: applies a raise asked for since the last call.</summary>
    private void ApplyPacketLimit()
    {
        if (Volatile.Read(ref _packetLimitRaised) == 1 && _levin.MaxPacketSize != LevinLimits.DefaultMaxPacketSize)
            _levin.MaxPacketSize = LevinLimits.DefaultMaxPacketSize;
    }

    // ---- sending ---------------------------------------------------------------------------------------------

    /// <summary>Sends a request and registers the callback that gets its response (or the timeout close).</summary>
    internal void SendRequest(uint command, EpeeSection body, TimeSpan timeout, bool extendable,
        Action<PeerSession, int, EpeeSection?> onResponse)
    {
        var frame = Frame(LevinHeader.ForRequest(command, 0), body);
        long now = _time.GetTimestamp();
        long deadline = now + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        // Register before sending: a fast peer's response must find its request. The round trip is timed from here
        // (queued, not flushed): a peer's answer can only be later, and the queue is empty but for a slow reader.
        lock (_pending)
        {
            _pending.Enqueue(new PendingRequest(command, now, deadline, extendable, onResponse));
            PublishOldestDeadline();
        }
        Enqueue(frame);
    }

    internal void SendNotification(uint command, EpeeSection body) => Enqueue(Frame(LevinHeader.ForNotification(command, 0), body));

    /// <summary>Queues an anonymity zone's noise packet (<see cref="Zones.NoiseChannels"/>); the array is shared, never changed.</summary>
    internal void SendNoise(byte[] packet) => Enqueue(packet);

    internal void SendResponse(uint command, int returnCode, EpeeSection? body) =>
        Enqueue(Frame(LevinHeader.ForResponse(command, returnCode, 0), body));

    private static byte[] Frame(LevinHeader header, EpeeSection? body)
    {
        // One exact array for header and body: the body is encoded behind room left for the header.
        var frame = body is null ? new byte[LevinHeader.Size] : EpeeStorage.ToArray(body, reservedPrefix: LevinHeader.Size);
        (header with { BodyLength = (ulong)(frame.Length - LevinHeader.Size) }).WriteTo(frame);
        return frame;
    }

    /// <summary>
    /// Queues a frame, or closes the connection when it would pass this peer's bound (frames or bytes, as monerod's
    /// write-queue limit, which master applies to P2P at once, docs/PROTOCOL.md §4.4) or the node-wide
    /// <see cref="SendBudget"/>: a peer that does not read costs at most its bound, never the node.
    /// </summary>
    private void Enqueue(byte[] frame)
    {
        if (IsClosed) return;
        string? overflow = null;
        bool start = false;
        lock (_sendQueue)
        {
            // Checked again under the lock: a Close that released this session's reservation must not see more added.
            if (IsClosed) return;
            int waiting = _sendQueue.Count - _inFlightFrames;
            if (waiting >= _sendLimits.MaxFrames || _queuedBytes + frame.Length > _sendLimits.MaxBytes)
            {
                overflow = $"the peer does not read: {waiting} frames, {_queuedBytes} bytes queued " +
                    $"(bound {_sendLimits.MaxFrames} frames, {_sendLimits.MaxBytes} bytes)";
            }
            else if (!_sendLimits.Budget.TryReserve(frame.Length, mayOverdraw: _queuedBytes < _sendLimits.GuaranteedBytes))
            {
                overflow = $"the node-wide send budget ({_sendLimits.Budget.Limit} bytes) is spent; {_queuedBytes} bytes queued for this peer";
            }
            else
            {
                _queuedBytes += frame.Length;
                _sendQueue.Enqueue(frame);
                LargeMessages?.OnFrameSent(frame.Length);
                if (!_draining)
                {
                    _draining = true;
                    start = true;
                }
            }
        }
        if (overflow is not null)
        {
            Close(DisconnectReason.SendQueueFull, overflow);
            return;
        }
        if (start)
        {
            // Awaited by the read loop before it ends (RunAsync), so a session's work is over when its loop is.
            var drain = DrainAsync();
            lock (_sendQueue) _drain = drain;
        }
    }

    /// <summary>Frees what a closed session still has reserved; only while no drain runs (it may still count what it wrote).</summary>
    private void ReleaseReserved()
    {
        long bytes;
        lock (_sendQueue)
        {
            bytes = _queuedBytes;
            _queuedBytes = 0;
            _sendQueue.Clear();
            _inFlightFrames = 0;
        }
        _sendLimits.Budget.Release(bytes);
    }

    private async Task DrainAsync()
    {
        bool handedBack = false; // whether this drain already cleared _draining itself
        try
        {
            while (true)
            {
                int batch = 0;
                int frames = 0;
                byte[]? single = null;
                byte[]? rented = null;
                lock (_sendQueue)
                {
                    if (_sendQueue.Count == 0) { _draining = false; handedBack = true; return; }
                    // The frames stay queued (in flight) until written: then each is counted by the command in its header.
                    foreach (var frame in _sendQueue)
                    {
                        if (frames > 0 && batch + frame.Length > MaxBatchBytes) break;
                        batch += frame.Length;
                        frames++;
                    }
                    if (frames == 1)
                    {
                        single = _sendQueue.Peek();
                    }
                    else
                    {
                        // No buffer is kept per connection: it is rented for this write and returned after it.
                        rented = ArrayPool<byte>.Shared.Rent(batch);
                        int at = 0, i = 0;
                        foreach (var frame in _sendQueue)
                        {
                            if (i++ == frames) break;
                            frame.CopyTo(rented, at);
                            at += frame.Length;
                        }
                    }
                    _inFlightFrames = frames;
                }
                // The write runs outside the lock: producers keep queueing while the socket drains. The batch stays
                // reserved until it is on the socket. No token: Close disposes the socket, which fails a pending write.
                try
                {
                    await _stream.WriteAsync(single ?? rented.AsMemory(0, batch)).ConfigureAwait(false);
                }
                finally
                {
                    if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
                }
                _idle.OnWrite(_time.GetTimestamp());
                lock (_sendQueue)
                {
                    // This drain is the only writer of the sent counters (docs/OBSERVABILITY.md, "Per-connection facts").
                    for (int i = 0; i < frames && _sendQueue.TryDequeue(out var sent); i++)
                        Traffic.OnMessageSent(CommandKinds.Of(LevinHeader.ReadCommand(sent)), sent.Length);
                    _inFlightFrames = 0;
                    _queuedBytes -= batch;
                }
                _sendLimits.Budget.Release(batch);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Close(DisconnectReason.SocketError, ex.Message);
        }
        finally
        {
            // A Close that ran while this drain was writing left the release of the reservation to us.
            bool release;
            lock (_sendQueue)
            {
                if (!handedBack) _draining = false;
                release = IsClosed && !_draining;
            }
            if (release) ReleaseReserved();
        }
    }

    // ---- receiving -------------------------------------------------------------------------------------------

    /// <summary>Reads and dispatches frames until the connection ends; never throws.</summary>
    internal async Task RunAsync()
    {
        // Every line logged on this loop names the connection.
        using var scope = P2PLog.ConnectionScope(_log, ConnectionId, Address, Incoming ? "INC" : "OUT");
        try
        {
            // No token: Close disposes the socket, which ends the pending read with an error (caught below); a token
            // would cost every idle connection a registration on _closed for as long as it lives.
            var outcome = await _levin.RunAsync(_reader, _levinHandler, CancellationToken.None).ConfigureAwait(false);
            // Bytes that arrived and never formed a packet (a cut-off packet, garbage before a close) are "other".
            Traffic.OnUnframedBytesReceived(outcome.TrailingBytes);
            switch (outcome.Kind)
            {
                case LevinReadOutcomeKind.Error:
                    Close(outcome.Error.Kind switch
                    {
                        LevinErrorKind.BadSignature => DisconnectReason.BadSignature,
                        LevinErrorKind.PacketTooLarge => DisconnectReason.PacketTooLarge,
                        _ => DisconnectReason.MalformedFrame,
                    }, outcome.Error.ToString());
                    break;
                case LevinReadOutcomeKind.RemoteClosed:
                    Close(DisconnectReason.RemoteClosed, outcome.TrailingBytes > 0
                        ? $"connection closed by peer inside a packet ({outcome.TrailingBytes} bytes left)"
                        : "connection closed by peer");
                    break;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Close(DisconnectReason.SocketError, ex.Message);
        }
        catch (Exception ex)
        {
            // A bug in a handler must cost this connection only, never the node.
            P2PLog.HandlerCrashed(_log, Address, ex);
            Close(DisconnectReason.ProtocolViolation, "internal error: " + ex.Message);
        }
        finally
        {
            Close(DisconnectReason.RemoteClosed, "connection closed");
            await _reader.CompleteAsync().ConfigureAwait(false);
            _levin.Dispose();
            // The drain ends quickly once closed (its flush is cancelled); awaiting it here makes the read loop's
            // tracked task cover it, so StopAsync waits for it too.
            Task drain;
            lock (_sendQueue) drain = _drain;
            await drain.ConfigureAwait(false);
            ReleaseClosedState();
        }
    }

    /// <summary>
    /// Read loop only, after it ended: drops what a closed session no longer needs, since the node keeps the last
    /// closed sessions (<see cref="ClosedConnectionLog"/>): the bits of addresses shared with the peer and the
    /// callbacks of requests that will never be answered. The counters stay.
    /// </summary>
    private void ReleaseClosedState()
    {
        _sharedAddresses?.Release();
        lock (_pending)
        {
            _pending.Clear();
            _pending.TrimExcess();
            PublishOldestDeadline();
        }
    }

    /// <summary>Bridges the Levin read loop to this session without exposing the callbacks publicly.</summary>
    private sealed class LevinHandler(PeerSession session) : ILevinMessageHandler
    {
        public ValueTask<bool> HandleAsync(LevinMessage message, CancellationToken cancellationToken)
        {
            session.CountReceived(message);
            session.Dispatch(message);
            // A handshake handled just now may have raised the limit for the frames behind it.
            session.ApplyPacketLimit();
            return ValueTask.FromResult(!session.IsClosed);
        }

        public void OnPacketSkipped(long wireBytes) => session.CountSkipped();

        public void OnBytesReceived(long byteCount)
        {
            session.ApplyPacketLimit();
            if (byteCount >= 512) session.ExtendOldestRequest();
            session._idle.OnRead((int)Math.Min(byteCount, int.MaxValue), session._time.GetTimestamp());
        }
    }

    // Read loop only: the stream offset up to which received packets are counted by command.
    private long _countedOffset;

    /// <summary>
    /// Read loop: counts the packet the parser just consumed by its command — its bytes are the parser's stream offset
    /// moved since the last count, header and body. A message reassembled from fragments counts as "other".
    /// </summary>
    private void CountReceived(in LevinMessage message)
    {
        long end = _levin.Parser.StreamOffset;
        long bytes = end - _countedOffset;
        _countedOffset = end;
        Traffic.OnMessageReceived(message.WasFragmented ? CommandKind.Other : CommandKinds.Of(message.Header.Command), bytes);
    }

    /// <summary>Read loop: a dummy or non-final fragment packet was consumed; its bytes are "other".</summary>
    private void CountSkipped()
    {
        long end = _levin.Parser.StreamOffset;
        Traffic.OnUnframedBytesReceived(end - _countedOffset);
        _countedOffset = end;
    }

    /// <summary>Where large messages are counted so their memory is returned (null in tests that do not care).</summary>
    internal LargeMessageMemory? LargeMessages { get; init; }

    private void Dispatch(in LevinMessage message)
    {
        LargeMessages?.OnMessage(message.Body.Length);
        var header = message.Header;
        EpeeSection? body = null;
        string? bodyError = null;
        if (!message.Body.IsEmpty)
        {
            if (!Protocol.LevinBodyReader.TryRead(header, message.Body, out body, out var epeeError))
                bodyError = epeeError!.Message;
        }

        try
        {
            if ((header.Flags & LevinFlags.Response) != 0 && header.ProtocolVersion == LevinHeader.CurrentProtocolVersion)
            {
                OnResponse(header, body);
            }
            else if (header.ExpectResponse)
            {
                if (bodyError is not null || (body is null && header.BodyLength > 0))
                {
                    // monerod answers a request it cannot parse with -1 and keeps the connection (§1.8).
                    P2PLog.UnparsableRequest(_log, Address, header.Command, bodyError ?? "empty");
                    SendResponse(header.Command, LevinReturnCodes.ErrorConnection, null);
                    return;
                }
                _handler.OnRequest(this, header.Command, body ?? new EpeeSection());
            }
            else
            {
                if (bodyError is not null)
                {
                    // 0.18 ignores a notification whose body does not parse.
                    P2PLog.UnparsableNotification(_log, Address, header.Command, bodyError);
                    return;
                }
                _handler.OnNotification(this, header.Command, body ?? new EpeeSection());
            }
        }
        catch (Exception ex) when (ex is EpeeConversionException or WireFormatException or FormatException or ArgumentException)
        {
            Close(DisconnectReason.ProtocolViolation, $"command {header.Command}: {ex.Message}");
        }
    }

    private void OnResponse(LevinHeader header, EpeeSection? body)
    {
        PendingRequest? request;
        lock (_pending)
        {
            _pending.TryDequeue(out request);
            PublishOldestDeadline();
        }
        if (request is null)
        {
            Close(DisconnectReason.UnexpectedResponse, $"response to command {header.Command} while no request was outstanding");
            return;
        }
        if (request.Command != header.Command)
        {
            // 0.18 matched blindly; master closes on a mismatch, and so do we.
            Close(DisconnectReason.UnexpectedResponse, $"response to command {header.Command} while waiting for {request.Command}");
            return;
        }
        RoundTrips.Record(ElapsedMs(request.SentAt, _time.GetTimestamp()));
        request.OnResponse(this, header.ReturnCode, body);
    }

    private void ExtendOldestRequest()
    {
        lock (_pending)
        {
            if (_pending.TryPeek(out var oldest) && oldest.Extendable)
            {
                oldest.Deadline = Math.Max(oldest.Deadline, _time.GetTimestamp() + (long)(5 * _time.TimestampFrequency));
                PublishOldestDeadline();
            }
        }
    }

    /// <summary>Under the _pending lock: publishes the head's deadline for <see cref="CheckTimers"/>.</summary>
    private void PublishOldestDeadline() =>
        Volatile.Write(ref _oldestDeadline, _pending.TryPeek(out var oldest) ? oldest.Deadline : long.MaxValue);

    // ---- timers and close ------------------------------------------------------------------------------------

    /// <summary>Called by the maintainer about once a second: request timeouts and the idle timer.</summary>
    internal void CheckTimers(long now)
    {
        uint? expired = null;
        // Lock-free first: almost always nothing is due. The lock then reads the head itself, which may have moved on.
        if (now >= Volatile.Read(ref _oldestDeadline))
        {
            lock (_pending)
            {
                if (_pending.TryPeek(out var oldest) && now >= oldest.Deadline) expired = oldest.Command;
            }
        }
        if (expired is { } cmd)
        {
            Close(cmd == P2PCommands.Handshake ? DisconnectReason.HandshakeTimeout : DisconnectReason.RequestTimeout,
                $"no response to command {cmd} ({CommandNames.NameOf(cmd) ?? "unknown"}) in time");
            return;
        }
        if (_idle.Expired(now))
        {
            Close(HandshakeComplete ? DisconnectReason.IdleTimeout : DisconnectReason.HandshakeTimeout,
                HandshakeComplete ? "idle timeout" : "no handshake before the idle timeout");
        }
    }

    /// <summary>Closes the connection once; the first reason wins and is logged by the manager.</summary>
    public void Close(DisconnectReason reason, string detail)
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) != 0) return;
        CloseReason = reason;
        CloseDetail = detail;
        Signal(2, false);
        // A connection that ends before its handshake had a result counts as that (a back-ping never handshakes).
        if (!IsBackPing) CountHandshakeResult(HandshakeResults.FromCloseReason(reason));
        try { _closed.Cancel(); } catch (ObjectDisposedException) { }
        try { _socket.Shutdown(SocketShutdown.Both); } catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
        _socket.Dispose();
        // While a drain is writing, the frames it wrote may still be counted by it: it releases the reservation on exit.
        bool draining;
        lock (_sendQueue) draining = _draining;
        if (!draining) ReleaseReserved();
        _stream.Dispose();
        try { OnClosed?.Invoke(this); }
        catch (Exception ex)
        {
            // Close is called from the read loop, the maintainer and RPC threads alike: it must never throw.
            P2PLog.HandlerCrashed(_log, Address, ex);
        }
    }

    /// <summary>A description of why the connection closed; null while it is open.</summary>
    public string? CloseDetail { get; private set; }

    /// <summary>"[address INC|OUT]", as the logs name a connection.</summary>
    public override string ToString() => $"[{Address} {(Incoming ? "INC" : "OUT")}]";
}
