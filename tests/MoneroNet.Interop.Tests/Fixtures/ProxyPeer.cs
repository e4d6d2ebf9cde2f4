using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MoneroNet.Levin;
using MoneroNet.TestSupport;
using MoneroNet.Wire;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// A test peer that behaves like the spy proxies Boog900's p2p-proxy-checker found: it answers the handshake itself
/// with its own (outer) peer id, but every COMMAND_PING with another (inner) id, as if the ping had been relayed to a
/// node behind it. It answers timed syncs and support-flag requests in order too, so the node keeps the connection.
/// Connects from a chosen loopback source; testnet, genesis only.
/// </summary>
public sealed class ProxyPeer : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _pingsAnswered;

    private ProxyPeer(Socket socket, ulong innerPeerId)
    {
        _socket = socket;
        InnerPeerId = innerPeerId;
        Local = (IPEndPoint)socket.LocalEndPoint!;
        _loop = RunAsync();
    }

    /// <summary>The id the handshake carries.</summary>
    public ulong OuterPeerId { get; } = (ulong)Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>The id every ping answer carries.</summary>
    public ulong InnerPeerId { get; }

    public IPEndPoint Local { get; }

    public int PingsAnswered => Volatile.Read(ref _pingsAnswered);

    public static async Task<ProxyPeer> ConnectAsync(IPAddress source, IPEndPoint node, ulong innerPeerId, CancellationToken ct)
    {
        var socket = await GenesisPeer.ConnectAsync(source, node, ct);
        var peer = new ProxyPeer(socket, innerPeerId);
        try
        {
            var request = GenesisPeer.HandshakeRequest(NetworkType.Testnet, peer.OuterPeerId, GenesisPeer.SyncData(NetworkType.Testnet));
            await peer.SendAsync(w => LevinWriter.WriteRequest(w, P2PCommands.Handshake, WireCodec.Encode(request)), ct);
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private async Task SendAsync(Action<ArrayBufferWriter<byte>> write, CancellationToken ct)
    {
        var frame = new ArrayBufferWriter<byte>();
        write(frame);
        await _sendLock.WaitAsync(ct);
        try { await _socket.SendAsync(frame.WrittenMemory, SocketFlags.None, ct); }
        finally { _sendLock.Release(); }
    }

    private async Task RunAsync()
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
                if (n == 0) return;
                filled += n;
                var sequence = new ReadOnlySequence<byte>(buffer, 0, filled);
                while (true)
                {
                    var status = parser.TryParse(ref sequence, out var message, out _);
                    if (status is LevinParseStatus.NeedMoreData or LevinParseStatus.Error) break;
                    if (status == LevinParseStatus.Message && message.Kind == LevinMessageKind.Request)
                        await AnswerAsync(message.Command);
                }
                int consumed = filled - (int)sequence.Length;
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException) { }
    }

    private async Task AnswerAsync(uint command)
    {
        switch (command)
        {
            case P2PCommands.Ping:
                var ping = new PingResponse { Status = NetworkConstants.PingOkStatus, PeerId = InnerPeerId };
                await SendAsync(w => LevinWriter.WriteResponse(w, command, LevinReturnCodes.Success, WireCodec.Encode(ping)), _stop.Token);
                Interlocked.Increment(ref _pingsAnswered);
                break;
            case P2PCommands.TimedSync:
                var sync = new TimedSyncResponse { PayloadData = GenesisPeer.SyncData(NetworkType.Testnet) };
                await SendAsync(w => LevinWriter.WriteResponse(w, command, LevinReturnCodes.Success, WireCodec.Encode(sync)), _stop.Token);
                break;
            case P2PCommands.RequestSupportFlags:
                var flags = new SupportFlagsResponse { SupportFlags = NetworkConstants.SupportFlagFluffyBlocks };
                await SendAsync(w => LevinWriter.WriteResponse(w, command, LevinReturnCodes.Success, WireCodec.Encode(flags)), _stop.Token);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _loop;
        _stop.Dispose();
        _sendLock.Dispose();
    }
}
