using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MoneroNet.Levin;
using MoneroNet.TestSupport;
using MoneroNet.Wire;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// A bare TCP peer for load and limit tests: connects from a chosen loopback source address, sends one valid testnet
/// handshake request (genesis only, like an empty monerod, with its own random peer id) and then only drains what the
/// node sends, so the node keeps the connection until it decides to close it. <see cref="Closed"/> completes when the
/// node closes (or resets) the connection.
/// </summary>
public sealed class RawHandshakePeer : IAsyncDisposable
{
    private const int DrainBufferSize = 16 * 1024;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _drain;

    private RawHandshakePeer(Socket socket, IPEndPoint local)
    {
        _socket = socket;
        Local = local;
        _drain = DrainAsync();
    }

    /// <summary>The source endpoint of this connection, as the node must report it.</summary>
    public IPEndPoint Local { get; }

    public ulong PeerId { get; } = (ulong)Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>Completes when the node closed the connection (end of stream or reset).</summary>
    public Task Closed => _drain;

    public static async Task<RawHandshakePeer> ConnectAsync(IPAddress source, IPEndPoint node, CancellationToken ct)
    {
        var socket = await GenesisPeer.ConnectAsync(source, node, ct);
        try
        {
            var peer = new RawHandshakePeer(socket, (IPEndPoint)socket.LocalEndPoint!);
            await peer.SendHandshakeAsync(ct);
            return peer;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task SendHandshakeAsync(CancellationToken ct)
    {
        var request = GenesisPeer.HandshakeRequest(NetworkType.Testnet, PeerId, GenesisPeer.SyncData(NetworkType.Testnet));
        var frame = new ArrayBufferWriter<byte>();
        LevinWriter.WriteRequest(frame, P2PCommands.Handshake, WireCodec.Encode(request));
        await _socket.SendAsync(frame.WrittenMemory, SocketFlags.None, ct);
    }

    private async Task DrainAsync()
    {
        var buffer = new byte[DrainBufferSize];
        try
        {
            while (await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token) > 0)
            {
                // The node's handshake response and notifications are irrelevant here; reading them keeps the
                // node's send side from stalling.
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Reset by the node, or we are disposing: either way this connection is over.
        }
    }

    /// <summary>True when the node closes the connection within <paramref name="within"/>.</summary>
    public async Task<bool> ClosedWithinAsync(TimeSpan within) =>
        await Task.WhenAny(_drain, Task.Delay(within)) == _drain;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _drain;
        _stop.Dispose();
    }
}
