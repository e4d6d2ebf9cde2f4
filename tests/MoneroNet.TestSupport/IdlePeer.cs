using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using MoneroNet.Levin;
using MoneroNet.Wire;

namespace MoneroNet.TestSupport;

/// <summary>
/// One raw peer for scale and load tests: connects from a loopback source address, sends the handshake of an empty
/// node (<see cref="GenesisPeer"/>: genesis only, fluffy blocks, my_port 0 so the node never back-pings), then stays
/// idle while answering what the node asks (timed sync 1002, support flags 1007, ping 1003), so the node keeps it as
/// a normal peer. It counts the bytes it wrote and read, which must equal the node's recv_count and send_count for
/// this connection at a quiet moment.
/// </summary>
public sealed class IdlePeer : ILevinMessageHandler, IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly LevinConnectionReader _levin = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<HandshakeResponse> _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CoreSyncData _syncData;
    private readonly bool _strict;
    private Task _readLoop = Task.CompletedTask;
    private long _bytesSent;
    private long _bytesReceived;
    private int _timedSyncsAnswered;
    private int _supportFlagsAnswered;
    private int _pingsAnswered;
    private int _otherMessages;
    private int _disposed;
    private bool _listening;

    private IdlePeer(Socket socket, NetworkType network, bool strict)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        // Small reads: the node sends a few hundred bytes per minute to an idle peer.
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 2048, minimumReadSize: 512, leaveOpen: true));
        Network = network;
        _strict = strict;
        _syncData = GenesisPeer.SyncData(network);
        Local = (IPEndPoint)socket.LocalEndPoint!;
    }

    public NetworkType Network { get; }
    public ulong PeerId { get; } = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
    public IPEndPoint Local { get; }
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);
    public int TimedSyncsAnswered => Volatile.Read(ref _timedSyncsAnswered);
    public int SupportFlagsAnswered => Volatile.Read(ref _supportFlagsAnswered);
    public int PingsAnswered => Volatile.Read(ref _pingsAnswered);
    /// <summary>Messages an idle peer does not expect (notifications, and unknown requests when not strict).</summary>
    public int OtherMessages => Volatile.Read(ref _otherMessages);
    /// <summary>Why the read loop stopped on a message it could not handle; null otherwise.</summary>
    public Exception? Failure { get; private set; }
    /// <summary>Completes when the node closed the connection (or we did).</summary>
    public Task Closed => _readLoop;
    /// <summary>The node's handshake answer; faults if the node closed first or refused.</summary>
    public Task<HandshakeResponse> Handshake => _handshake.Task;

    /// <summary>
    /// Connects from <paramref name="source"/> and sends the handshake; the answer arrives on <see cref="Handshake"/>.
    /// A <paramref name="strict"/> peer treats a refused handshake or a request it does not know as a
    /// <see cref="Failure"/> (a test's finding); otherwise a refusal only faults <see cref="Handshake"/> and unknown
    /// requests are counted in <see cref="OtherMessages"/>.
    /// </summary>
    public static async Task<IdlePeer> ConnectAsync(IPAddress source, IPEndPoint node, NetworkType network, bool strict, CancellationToken ct)
    {
        var socket = await GenesisPeer.ConnectAsync(source, node, ct).ConfigureAwait(false);
        IdlePeer peer;
        try
        {
            peer = new IdlePeer(socket, network, strict);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        try
        {
            var request = GenesisPeer.HandshakeRequest(network, peer.PeerId, peer._syncData);
            // Sent before the read loop starts: afterwards only the read loop writes, so sends never interleave.
            await peer.SendAsync(w => LevinWriter.WriteRequest(w, P2PCommands.Handshake, WireCodec.Encode(request)), ct)
                .ConfigureAwait(false);
            peer._readLoop = peer.ReadLoopAsync();
            return peer;
        }
        catch
        {
            await peer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The listening side: takes a connection the node dialled (<paramref name="accepted"/>, owned from here on), waits
    /// for its handshake request and answers it as an empty node of <paramref name="network"/> would (genesis only,
    /// my_port 0, no peer list), then stays idle answering as above. <see cref="Handshake"/> completes with the answer
    /// sent; a request from another network faults it and the connection is closed.
    /// </summary>
    public static IdlePeer Accept(Socket accepted, NetworkType network)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        IdlePeer peer;
        try
        {
            accepted.NoDelay = true;
            peer = new IdlePeer(accepted, network, strict: false) { _listening = true };
        }
        catch
        {
            accepted.Dispose();
            throw;
        }
        peer._readLoop = peer.ReadLoopAsync();
        return peer;
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            var outcome = await _levin.RunAsync(_reader, this, _stop.Token).ConfigureAwait(false);
            _handshake.TrySetException(new IOException($"connection ended before the handshake answer ({outcome.Kind})"));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            _handshake.TrySetException(new IOException("connection ended before the handshake answer", e));
        }
        catch (Exception e)
        {
            // A message we could not decode or take: the node sent something an idle peer cannot. Reported, not thrown.
            Failure = e;
            _handshake.TrySetException(e);
        }
    }

    void ILevinMessageHandler.OnBytesReceived(long byteCount) => Interlocked.Add(ref _bytesReceived, byteCount);

    async ValueTask<bool> ILevinMessageHandler.HandleAsync(LevinMessage message, CancellationToken ct)
    {
        var header = message.Header;
        bool isResponse = (header.Flags & LevinFlags.Response) != 0;
        if (isResponse && header.Command == P2PCommands.Handshake)
        {
            if (header.ReturnCode <= 0)
            {
                if (_strict)
                    throw new InvalidDataException($"handshake answered with return code {header.ReturnCode}");
                _handshake.TrySetException(new IOException($"handshake refused with return code {header.ReturnCode}"));
                return false;
            }
            var response = WireCodec.Decode<HandshakeResponse>(message.Body);
            if (response.NodeData.NetworkId != NetworkConstants.NetworkIdOf(Network))
                throw new InvalidDataException("handshake answer from another network");
            // The node's own packet limit for us rises after the handshake; ours may rise too (timed syncs carry peer lists).
            _levin.MaxPacketSize = LevinLimits.DefaultMaxPacketSize;
            _handshake.TrySetResult(response);
            return true;
        }
        if (_listening && !isResponse && header.Command == P2PCommands.Handshake)
        {
            var request = WireCodec.Decode<HandshakeRequest>(message.Body);
            if (request.NodeData.NetworkId != NetworkConstants.NetworkIdOf(Network))
            {
                _handshake.TrySetException(new IOException("handshake request from another network"));
                return false;
            }
            var answer = new HandshakeResponse
            {
                NodeData = GenesisPeer.HandshakeRequest(Network, PeerId, _syncData).NodeData,
                PayloadData = _syncData,
            };
            var body = WireCodec.Encode(answer);
            await SendAsync(w => LevinWriter.WriteResponse(w, P2PCommands.Handshake, LevinReturnCodes.Success, body), ct).ConfigureAwait(false);
            _levin.MaxPacketSize = LevinLimits.DefaultMaxPacketSize;
            _handshake.TrySetResult(answer);
            return true;
        }
        if (!header.ExpectResponse)
        {
            Interlocked.Increment(ref _otherMessages);
            return true;
        }
        switch (header.Command)
        {
            case P2PCommands.TimedSync:
                _ = WireCodec.Decode<TimedSyncRequest>(message.Body); // a malformed request is a finding, not noise
                var sync = WireCodec.Encode(new TimedSyncResponse { PayloadData = _syncData });
                await SendAsync(w => LevinWriter.WriteResponse(w, P2PCommands.TimedSync, LevinReturnCodes.Success, sync), ct)
                    .ConfigureAwait(false);
                Interlocked.Increment(ref _timedSyncsAnswered);
                break;
            case P2PCommands.RequestSupportFlags:
                var flags = WireCodec.Encode(new SupportFlagsResponse { SupportFlags = NetworkConstants.SupportFlagFluffyBlocks });
                await SendAsync(w => LevinWriter.WriteResponse(w, P2PCommands.RequestSupportFlags, LevinReturnCodes.Success, flags), ct)
                    .ConfigureAwait(false);
                Interlocked.Increment(ref _supportFlagsAnswered);
                break;
            case P2PCommands.Ping:
                var pong = WireCodec.Encode(new PingResponse { Status = NetworkConstants.PingOkStatus, PeerId = PeerId });
                await SendAsync(w => LevinWriter.WriteResponse(w, P2PCommands.Ping, LevinReturnCodes.Success, pong), ct)
                    .ConfigureAwait(false);
                Interlocked.Increment(ref _pingsAnswered);
                break;
            default:
                if (_strict)
                    throw new InvalidDataException($"unexpected request {header.Command} to an idle peer");
                Interlocked.Increment(ref _otherMessages);
                break;
        }
        return true;
    }

    private async Task SendAsync(Action<ArrayBufferWriter<byte>> write, CancellationToken ct)
    {
        var frame = new ArrayBufferWriter<byte>(256);
        write(frame);
        var bytes = frame.WrittenMemory;
        while (!bytes.IsEmpty)
        {
            int sent = await _socket.SendAsync(bytes, SocketFlags.None, ct).ConfigureAwait(false);
            Interlocked.Add(ref _bytesSent, sent);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Closes the connection with a FIN (an orderly close) and releases everything.</summary>
    public ValueTask DisposeAsync() => CloseAsync(reset: false);

    /// <summary>
    /// Closes the connection with a TCP reset instead of a FIN (SO_LINGER with a zero timeout), as a peer that
    /// crashes or is killed does, and releases everything.
    /// </summary>
    public ValueTask AbortAsync() => CloseAsync(reset: true);

    private async ValueTask CloseAsync(bool reset)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            if (reset) _socket.LingerState = new LingerOption(true, 0);
            else _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
        _socket.Dispose();
        await _readLoop.ConfigureAwait(false);
        await _reader.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _levin.Dispose();
        _stop.Dispose();
    }
}
