using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using MoneroNet.Levin;
using MoneroNet.Wire;

namespace MoneroNet.LoadTest;

/// <summary>
/// One raw testnet peer: binds a loopback source address, connects, sends a handshake (an empty chain: genesis only,
/// flags = fluffy blocks, my_port 0 so the node never back-pings), then stays idle while answering what the node asks
/// (timed sync 1002, support flags 1007, ping 1003), so the node keeps it as a normal peer. It counts the bytes it
/// wrote and read, which must equal the node's recv_count and send_count for this connection at a quiet moment.
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
    private Task _readLoop = Task.CompletedTask;
    private long _bytesSent;
    private long _bytesReceived;
    private int _timedSyncsAnswered;
    private int _supportFlagsAnswered;
    private int _pingsAnswered;
    private int _otherMessages;

    private IdlePeer(Socket socket, NetworkType network)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        // Small reads: the node sends a few hundred bytes per minute to an idle peer.
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 2048, minimumReadSize: 512, leaveOpen: true));
        Network = network;
        _syncData = new CoreSyncData
        {
            CurrentHeight = 1,
            CumulativeDifficulty = 1,
            TopId = NetworkConstants.GenesisHashOf(network),
            TopVersion = 1,
        };
    }

    public NetworkType Network { get; }
    public ulong PeerId { get; } = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
    public IPEndPoint Local { get; private set; } = new(IPAddress.None, 0);
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);
    public int TimedSyncsAnswered => Volatile.Read(ref _timedSyncsAnswered);
    public int SupportFlagsAnswered => Volatile.Read(ref _supportFlagsAnswered);
    public int PingsAnswered => Volatile.Read(ref _pingsAnswered);
    /// <summary>Messages an idle peer does not expect (notifications, unknown requests, stray responses).</summary>
    public int OtherMessages => Volatile.Read(ref _otherMessages);
    /// <summary>Why the read loop stopped on a message it could not handle; null otherwise.</summary>
    public Exception? Failure { get; private set; }
    /// <summary>Completes when the node closed the connection (or we did).</summary>
    public Task Closed => _readLoop;
    /// <summary>The node's handshake answer; faults if the node closed first or refused.</summary>
    public Task<HandshakeResponse> Handshake => _handshake.Task;

    /// <summary>Connects from <paramref name="source"/> and sends the handshake; the answer arrives on <see cref="Handshake"/>.</summary>
    public static async Task<IdlePeer> ConnectAsync(IPAddress source, IPEndPoint node, NetworkType network, CancellationToken ct)
    {
        Loopback.Require(source, "source address");
        Loopback.Require(node.Address, "node address");
        var socket = new Socket(node.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        IdlePeer? peer = null;
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(node, ct).ConfigureAwait(false);
            peer = new IdlePeer(socket, network) { Local = (IPEndPoint)socket.LocalEndPoint! };
            var request = new HandshakeRequest
            {
                NodeData = new BasicNodeData
                {
                    NetworkId = NetworkConstants.NetworkIdOf(network),
                    PeerId = peer.PeerId,
                    MyPort = 0,
                    SupportFlags = NetworkConstants.SupportFlagFluffyBlocks,
                },
                PayloadData = peer._syncData,
            };
            // Sent before the read loop starts: afterwards only the read loop writes, so sends never interleave.
            await peer.SendAsync(w => LevinWriter.WriteRequest(w, P2PCommands.Handshake, WireCodec.Encode(request)), ct)
                .ConfigureAwait(false);
            peer._readLoop = peer.ReadLoopAsync();
            return peer;
        }
        catch
        {
            if (peer is not null) await peer.DisposeAsync().ConfigureAwait(false);
            else socket.Dispose();
            throw;
        }
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
            // A message we could not decode: the node sent something an idle peer cannot take. Reported, not thrown.
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
                _handshake.TrySetException(new IOException($"handshake refused with return code {header.ReturnCode}"));
                return false;
            }
            var response = WireCodec.Decode<HandshakeResponse>(message.Body);
            // The node's own packet limit for us rises after the handshake; ours may rise too (timed syncs carry peer lists).
            _levin.MaxPacketSize = LevinLimits.DefaultMaxPacketSize;
            _handshake.TrySetResult(response);
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

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        _socket.Dispose();
        await _readLoop.ConfigureAwait(false);
        await _reader.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _levin.Dispose();
        _stop.Dispose();
    }
}
