using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MoneroNet.Levin;
using MoneroNet.TestSupport;
using MoneroNet.Wire;

namespace MoneroNet.LoadTest.Soak;

/// <summary>
/// Misbehaving connections, <see cref="SoakOptions.MisbehaveRate"/> a second, the five kinds in turn:
/// <list type="bullet">
/// <item>garbage: random bytes that are no Levin header; the node must drop the connection;</item>
/// <item>oversize: a handshake header declaring a body beyond the 256 KiB pre-handshake limit, and no body; dropped;</item>
/// <item>wrong network: a mainnet handshake to the testnet node (one fail point for the address; the addresses come
/// from a ring sized so none reaches a ban, see <see cref="SoakOptions.WrongNetworkRingSize"/>); refused and dropped;</item>
/// <item>silent: connects and says nothing for 3–30 s, then leaves; a loopback peer may idle 20 minutes before its
/// handshake, so the node must keep it;</item>
/// <item>truncated: the first part of a valid handshake frame, then a FIN or a reset mid-frame.</item>
/// </list>
/// </summary>
public sealed class Misbehavers(SoakTarget target, SoakOptions options, AddressPool pool, AddressRing wrongNetwork, SoakCounters counters)
{
    private readonly TaskGroup _running = new();
    private long _started;

    public async Task RunAsync(CancellationToken ct)
    {
        var interval = TimeSpan.FromSeconds(1 / options.MisbehaveRate);
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                if (_running.Count >= options.MisbehaversInFlight) continue;
                long n = _started++;
                switch (n % SoakOptions.MisbehaviourKinds)
                {
                    case 0: StartWithPoolAddress(GarbageAsync, ct); break;
                    case 1: StartWithPoolAddress(OversizeAsync, ct); break;
                    case 2:
                        var address = wrongNetwork.Next();
                        _running.Run(() => Guard(address, WrongNetworkAsync, ct));
                        break;
                    case 3: StartWithPoolAddress(SilentAsync, ct); break;
                    default: StartWithPoolAddress(TruncatedAsync, ct); break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        await _running.WhenAllAsync().ConfigureAwait(false);
    }

    private void StartWithPoolAddress(Func<IPAddress, CancellationToken, Task> misbehave, CancellationToken ct)
    {
        var address = pool.Take();
        if (address is null)
        {
            counters.Anomaly("soak", "address pool exhausted");
            return;
        }
        _running.Run(async () =>
        {
            try
            {
                await Guard(address, misbehave, ct).ConfigureAwait(false);
            }
            finally
            {
                pool.Return(address);
            }
        });
    }

    private async Task Guard(IPAddress address, Func<IPAddress, CancellationToken, Task> misbehave, CancellationToken ct)
    {
        try
        {
            await misbehave(address, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            counters.Anomaly("misbehaver failed", $"{address} ({misbehave.Method.Name}): {e.GetType().Name}: {e.Message}");
        }
    }

    private async Task GarbageAsync(IPAddress address, CancellationToken ct)
    {
        counters.GarbagePeers.Increment();
        using var socket = await GenesisPeer.ConnectAsync(address, target.P2P, ct).ConfigureAwait(false);
        byte[] junk = new byte[Random.Shared.Next(LevinHeader.Size, 4096)];
        Random.Shared.NextBytes(junk);
        junk[0] = 0xFF; // never the first byte of the Levin signature
        await SendQuietlyAsync(socket, junk, ct).ConfigureAwait(false);
        await ExpectDropAsync(socket, address, "garbage", ct).ConfigureAwait(false);
    }

    private async Task OversizeAsync(IPAddress address, CancellationToken ct)
    {
        counters.OversizePeers.Increment();
        using var socket = await GenesisPeer.ConnectAsync(address, target.P2P, ct).ConfigureAwait(false);
        ulong declared = (ulong)LevinLimits.InitialMaxPacketSize + 1 + (ulong)Random.Shared.NextInt64(0, 1L << 40);
        byte[] header = new byte[LevinHeader.Size];
        LevinHeader.ForRequest(P2PCommands.Handshake, declared).WriteTo(header);
        await SendQuietlyAsync(socket, header, ct).ConfigureAwait(false);
        await ExpectDropAsync(socket, address, "oversize length", ct).ConfigureAwait(false);
    }

    private async Task WrongNetworkAsync(IPAddress address, CancellationToken ct)
    {
        counters.WrongNetworkPeers.Increment();
        await using var peer = await IdlePeer.ConnectAsync(address, target.P2P, NetworkType.Mainnet, strict: false, ct).ConfigureAwait(false);
        try
        {
            await peer.Handshake.WaitAsync(options.ReactionTimeout, ct).ConfigureAwait(false);
            counters.Anomaly("wrong network admitted", $"{address}: a mainnet handshake was answered by the testnet node");
            return;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            // Refused, as it must be.
        }
        await Task.WhenAny(peer.Closed, Task.Delay(options.ReactionTimeout, ct)).ConfigureAwait(false);
        if (peer.Closed.IsCompleted)
            counters.MisbehaversDroppedByNode.Increment();
        else if (!ct.IsCancellationRequested)
            counters.Anomaly("misbehaver kept", $"{address}: wrong-network peer still connected after {options.ReactionTimeout.TotalSeconds:0} s");
    }

    private async Task SilentAsync(IPAddress address, CancellationToken ct)
    {
        counters.SilentPeers.Increment();
        using var socket = await GenesisPeer.ConnectAsync(address, target.P2P, ct).ConfigureAwait(false);
        var hold = options.SilentMin + (options.SilentMax - options.SilentMin) * Random.Shared.NextDouble();
        using var holdEnd = CancellationTokenSource.CreateLinkedTokenSource(ct);
        holdEnd.CancelAfter(hold);
        var buffer = new byte[64];
        try
        {
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None, holdEnd.Token).ConfigureAwait(false);
            if (!ct.IsCancellationRequested)
                counters.Anomaly("silent peer dropped", $"{address}: the node {(read == 0 ? "closed" : $"sent {read} bytes on")} a silent loopback connection");
        }
        catch (OperationCanceledException)
        {
            // Held for the whole time without a word from the node: leave.
        }
        catch (SocketException e) when (!ct.IsCancellationRequested)
        {
            counters.Anomaly("silent peer dropped", $"{address}: {e.SocketErrorCode} on a silent loopback connection");
        }
        Close(socket, reset: Random.Shared.NextDouble() < 0.5);
    }

    private async Task TruncatedAsync(IPAddress address, CancellationToken ct)
    {
        counters.TruncatedPeers.Increment();
        using var socket = await GenesisPeer.ConnectAsync(address, target.P2P, ct).ConfigureAwait(false);
        var request = GenesisPeer.HandshakeRequest(NetworkType.Testnet, (ulong)Random.Shared.NextInt64(1, long.MaxValue),
            GenesisPeer.SyncData(NetworkType.Testnet));
        var frame = new ArrayBufferWriter<byte>(512);
        LevinWriter.WriteRequest(frame, P2PCommands.Handshake, WireCodec.Encode(request));
        int cut = Random.Shared.Next(1, frame.WrittenCount);
        await SendQuietlyAsync(socket, frame.WrittenMemory[..cut].ToArray(), ct).ConfigureAwait(false);
        await Task.Delay(Random.Shared.Next(0, 500), ct).ConfigureAwait(false);
        Close(socket, reset: Random.Shared.NextDouble() < 0.5);
    }

    /// <summary>Waits for the node to close the connection (EOF or reset) after a misbehaviour it must not accept.</summary>
    private async Task ExpectDropAsync(Socket socket, IPAddress address, string what, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.ReactionTimeout);
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false) > 0)
            {
                // Whatever the node says before it closes does not matter.
            }
            counters.MisbehaversDroppedByNode.Increment();
        }
        catch (SocketException)
        {
            counters.MisbehaversDroppedByNode.Increment(); // a reset is a drop too
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            counters.Anomaly("misbehaver kept", $"{address}: {what} peer still connected after {options.ReactionTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Sends all of <paramref name="bytes"/>; the node may already have closed (a reset here is its answer).</summary>
    private static async Task SendQuietlyAsync(Socket socket, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        try
        {
            while (!bytes.IsEmpty)
            {
                int sent = await socket.SendAsync(bytes, SocketFlags.None, ct).ConfigureAwait(false);
                bytes = bytes[sent..];
            }
        }
        catch (SocketException)
        {
        }
    }

    private static void Close(Socket socket, bool reset)
    {
        try
        {
            if (reset) socket.LingerState = new LingerOption(true, 0);
            else socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        socket.Dispose();
    }
}
