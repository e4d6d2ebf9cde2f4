using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.Channels;
using MoneroNet.Epee;
using MoneroNet.Levin;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests.Support;

/// <summary>One Levin message received by a <see cref="RawPeer"/>, its body copied out.</summary>
internal sealed record Frame(LevinHeader Header, byte[] Body)
{
    public uint Command => Header.Command;
    public LevinMessageKind Kind => Header.Kind;
    public EpeeSection Section => EpeeStorage.Read(Body, EpeeLimits.Levin);
    public override string ToString() => $"{Kind} {Command} rc {Header.ReturnCode} ({Body.Length} B)";
}

/// <summary>
/// A scripted remote peer over a plain socket: it writes exactly the bytes a test asks for (well-formed Levin
/// messages built with <see cref="LevinWriter"/> and Wire messages, or raw garbage) and reads the node's answers on
/// a background loop with <see cref="LevinFrameParser"/>. It can answer the node's timed syncs and support-flags
/// requests by itself, so it can serve as a healthy peer beside a misbehaving one.
/// </summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Channel<Frame> _frames = Channel.CreateBounded<Frame>(1024);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _readLoop;
    private long _bytesSent;
    private long _bytesReceived;
    private int _timedSyncsAnswered;

    private RawPeer(Socket socket, NetworkType network)
    {
        _socket = socket;
        Network = network;
        PeerId = RandomPeerId();
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public NetworkType Network { get; }
    public ulong PeerId { get; set; }
    /// <summary>The height this peer claims in handshakes and automatic timed-sync answers.</summary>
    public ulong Height { get; set; } = 1;
    /// <summary>Answer the node's 1002 requests automatically (rc 1, our sync data).</summary>
    public bool AnswerTimedSyncs { get; set; }
    /// <summary>Answer the node's 1007 requests automatically (support flags 1).</summary>
    public bool AnswerSupportFlags { get; set; }
    /// <summary>
    /// Answers the node's pings (the proxy fingerprint's, 5 s and more after the handshake) with <see cref="PeerId"/>,
    /// as any monerod does; on by default, so a long test's later responses are not matched to an unanswered ping.
    /// </summary>
    public bool AnswerPings { get; set; } = true;

    public IPEndPoint LocalEndPoint { get; }
    /// <summary>How the node names this peer in its log lines ("127.0.0.1:54321").</summary>
    public string NameAtNode => LocalEndPoint.ToString();
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);
    public bool IsClosed => _closed.Task.IsCompleted;
    /// <summary>Messages received and not yet taken by the test.</summary>
    public int UnreadFrames => _frames.Reader.Count;
    /// <summary>How many of the node's timed syncs were answered automatically.</summary>
    public int TimedSyncsAnswered => Volatile.Read(ref _timedSyncsAnswered);

    public static async Task<RawPeer> ConnectAsync(IPEndPoint node, NetworkType network, IPAddress? source = null)
    {
        var socket = new Socket(node.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (source is not null) socket.Bind(new IPEndPoint(source, 0));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await socket.ConnectAsync(node, timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new RawPeer(socket, network);
    }

    /// <summary>Wraps a socket accepted by a test listener (the node dialled us).</summary>
    public static RawPeer FromAccepted(Socket socket, NetworkType network)
    {
        socket.NoDelay = true;
        return new RawPeer(socket, network);
    }

    // ---- sending ---------------------------------------------------------------------------------------------

    public Task SendRawAsync(ReadOnlyMemory<byte> bytes) => SendAsync(bytes);

    public Task SendRequestAsync(uint command, EpeeSection body) =>
        SendAsync(Build(w => LevinWriter.WriteRequest(w, command, EpeeStorage.ToArray(body))));

    public Task SendNotificationAsync(uint command, EpeeSection body) =>
        SendAsync(Build(w => LevinWriter.WriteNotification(w, command, EpeeStorage.ToArray(body))));

    public Task SendResponseAsync(uint command, int returnCode, EpeeSection body) =>
        SendAsync(Build(w => LevinWriter.WriteResponse(w, command, returnCode, EpeeStorage.ToArray(body))));

    private static byte[] Build(Action<ArrayBufferWriter<byte>> write)
    {
        var w = new ArrayBufferWriter<byte>();
        write(w);
        return w.WrittenSpan.ToArray();
    }

    private async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(bytes, SocketFlags.None);
            Interlocked.Add(ref _bytesSent, bytes.Length);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    // ---- messages of a well-behaved peer ---------------------------------------------------------------------

    public CoreSyncData SyncData => new()
    {
        CurrentHeight = Height,
        CumulativeDifficulty = Height,
        TopId = NetworkConstants.GenesisHashOf(Network),
        TopVersion = 1,
    };

    /// <summary>The my_port this peer advertises in its handshake (0: "do not ping or list me").</summary>
    public uint MyPort { get; set; }

    public HandshakeRequest HandshakeRequest(uint supportFlags = NetworkConstants.SupportFlagFluffyBlocks) => new()
    {
        NodeData = new BasicNodeData
        {
            NetworkId = NetworkConstants.NetworkIdOf(Network),
            PeerId = PeerId,
            MyPort = MyPort,
            SupportFlags = supportFlags,
        },
        PayloadData = SyncData,
    };

    /// <summary>Sends a handshake and returns the node's response frame (skipping anything sent before it).</summary>
    public async Task<Frame> HandshakeAsync(uint supportFlags = NetworkConstants.SupportFlagFluffyBlocks)
    {
        await SendRequestAsync(P2PCommands.Handshake, HandshakeRequest(supportFlags).ToSection());
        return await ResponseAsync(P2PCommands.Handshake);
    }

    /// <summary>Sends a request and waits for the response to it.</summary>
    public async Task<Frame> InvokeAsync(uint command, EpeeSection body)
    {
        await SendRequestAsync(command, body);
        return await ResponseAsync(command);
    }

    public Task<Frame> PingAsync() => InvokeAsync(P2PCommands.Ping, new PingRequest().ToSection());

    // ---- receiving -------------------------------------------------------------------------------------------

    /// <summary>The next message the node sent, whatever it is.</summary>
    public async Task<Frame> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Poll.DefaultTimeout);
        try
        {
            return await _frames.Reader.ReadAsync(cts.Token);
        }
        catch (ChannelClosedException)
        {
            throw new Xunit.Sdk.XunitException($"{NameAtNode}: the node closed the connection while a message was expected");
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"{NameAtNode}: no message from the node in time");
        }
    }

    /// <summary>The next message matching <paramref name="match"/>; others are dropped.</summary>
    public async Task<Frame> NextMatchingAsync(Func<Frame, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Poll.DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new Xunit.Sdk.XunitException($"{NameAtNode}: no matching message in time");
            var frame = await NextAsync(left);
            if (match(frame)) return frame;
        }
    }

    public Task<Frame> ResponseAsync(uint command, TimeSpan? timeout = null) =>
        NextMatchingAsync(f => f.Kind == LevinMessageKind.Response && f.Command == command, timeout);

    /// <summary>True when the node closed (or reset) the connection within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitClosedAsync(TimeSpan? timeout = null)
    {
        var done = await Task.WhenAny(_closed.Task, Task.Delay(timeout ?? Poll.DefaultTimeout));
        return done == _closed.Task;
    }

    private async Task ReadLoopAsync()
    {
        using var parser = new LevinFrameParser(LevinLimits.DefaultMaxPacketSize);
        var buffer = new byte[64 * 1024];
        int filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                int n = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token);
                if (n == 0) break;
                Interlocked.Add(ref _bytesReceived, n);
                filled += n;

                var sequence = new ReadOnlySequence<byte>(buffer, 0, filled);
                while (true)
                {
                    var status = parser.TryParse(ref sequence, out var message, out var error);
                    if (status == LevinParseStatus.NeedMoreData) break;
                    if (status == LevinParseStatus.Error) throw new InvalidDataException("node sent a bad Levin stream: " + error);
                    if (status == LevinParseStatus.Message)
                        await OnFrameAsync(new Frame(message.Header, message.Body.ToArray()));
                }
                int consumed = filled - (int)sequence.Length;
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException or InvalidDataException) { }
        finally
        {
            _frames.Writer.TryComplete();
            _closed.TrySetResult();
        }
    }

    private async Task OnFrameAsync(Frame frame)
    {
        if (frame.Kind == LevinMessageKind.Request && frame.Command == P2PCommands.TimedSync && AnswerTimedSyncs)
        {
            await SendResponseAsync(P2PCommands.TimedSync, LevinReturnCodes.Success, new TimedSyncResponse { PayloadData = SyncData }.ToSection());
            Interlocked.Increment(ref _timedSyncsAnswered);
        }
        else if (frame.Kind == LevinMessageKind.Request && frame.Command == P2PCommands.Ping && AnswerPings)
        {
            await SendResponseAsync(P2PCommands.Ping, LevinReturnCodes.Success,
                new PingResponse { Status = NetworkConstants.PingOkStatus, PeerId = PeerId }.ToSection());
        }
        else if (frame.Kind == LevinMessageKind.Request && frame.Command == P2PCommands.RequestSupportFlags && AnswerSupportFlags)
        {
            await SendResponseAsync(P2PCommands.RequestSupportFlags, LevinReturnCodes.Success,
                new SupportFlagsResponse { SupportFlags = NetworkConstants.SupportFlagFluffyBlocks }.ToSection());
        }
        await _frames.Writer.WriteAsync(frame);
    }

    private static ulong RandomPeerId()
    {
        ulong id;
        do id = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)); while (id == 0);
        return id;
    }

    private int _disposed;

    /// <summary>Closes the socket; safe to call more than once (a test may close a peer early under await using).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stop.Cancel();
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { }
        _socket.Dispose();
        await _readLoop;
        _stop.Dispose();
        _sendLock.Dispose();
    }
}
