using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MoneroNet.TestSupport;
using MoneroNet.Wire;

namespace MoneroNet.LoadTest.Outgoing;

/// <summary>
/// N listening test peers, peer i on address i of 127.<c>block</c>.0.0/16 (<see cref="Loopback.SourceIn"/>), all on one
/// port. Each accepted connection becomes an <see cref="IdlePeer"/> on the listening side (answers the node's handshake
/// as an empty node, then its timed syncs and pings). It counts what the node did: connections accepted per address,
/// how many were open at once (and the most ever), and handshakes answered.
/// </summary>
public sealed class ListeningFleet : IAsyncDisposable
{
    private readonly Socket[] _listeners;
    private readonly int[] _accepts;
    private readonly ConcurrentQueue<IdlePeer> _peers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _acceptLoops = [];
    private int _open;
    private int _peakOpen;
    private int _handshakes;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private long _firstAcceptTicks = -1;
    private long _lastHandshakeTicks = -1;

    private ListeningFleet(Socket[] listeners, int port)
    {
        _listeners = listeners;
        _accepts = new int[listeners.Length];
        Port = port;
    }

    public int Port { get; }
    public int Count => _listeners.Length;
    public int Open => Volatile.Read(ref _open);
    public int PeakOpen => Volatile.Read(ref _peakOpen);
    public int Handshakes => Volatile.Read(ref _handshakes);
    /// <summary>Since the fleet started listening: the first connection accepted, and the latest handshake answered.</summary>
    public TimeSpan? FirstAccept => At(Interlocked.Read(ref _firstAcceptTicks));
    public TimeSpan? LastHandshake => At(Interlocked.Read(ref _lastHandshakeTicks));

    private static TimeSpan? At(long ticks) => ticks < 0 ? null : TimeSpan.FromTicks(ticks);
    public int Accepted => _accepts.Sum();
    /// <summary>Addresses the node connected to more than once.</summary>
    public int RedialledAddresses => _accepts.Count(a => a > 1);

    public IEnumerable<IPEndPoint> EndPoints => _listeners.Select(l => (IPEndPoint)l.LocalEndPoint!);

    public static ListeningFleet Start(int count, byte block, NetworkType network, int backlog)
    {
        var listeners = new Socket[count];
        int port = 0;
        try
        {
            for (int i = 0; i < count; i++)
            {
                var address = Loopback.SourceIn(block, i);
                Loopback.Require(address, "listening address");
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                listeners[i] = socket;
                socket.Bind(new IPEndPoint(address, port)); // the first picks a free port, the others take the same
                socket.Listen(backlog);
                if (i == 0) port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            }
        }
        catch
        {
            foreach (var l in listeners) l?.Dispose();
            throw;
        }
        var fleet = new ListeningFleet(listeners, port);
        for (int i = 0; i < count; i++) fleet._acceptLoops.Add(fleet.AcceptLoopAsync(i, network));
        return fleet;
    }

    private async Task AcceptLoopAsync(int index, NetworkType network)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _listeners[index].AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.CompareExchange(ref _firstAcceptTicks, _clock.Elapsed.Ticks, -1);
            Interlocked.Increment(ref _accepts[index]);
            int open = Interlocked.Increment(ref _open);
            int peak;
            while (open > (peak = Volatile.Read(ref _peakOpen)) && Interlocked.CompareExchange(ref _peakOpen, open, peak) != peak) { }
            var peer = IdlePeer.Accept(accepted, network);
            _peers.Enqueue(peer);
            _ = peer.Handshake.ContinueWith(t =>
            {
                if (!t.IsCompletedSuccessfully) return;
                Interlocked.Increment(ref _handshakes);
                Interlocked.Exchange(ref _lastHandshakeTicks, _clock.Elapsed.Ticks);
            }, TaskScheduler.Default);
            _ = peer.Closed.ContinueWith(_ => Interlocked.Decrement(ref _open), TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var l in _listeners) l.Dispose();
        await Task.WhenAll(_acceptLoops).ConfigureAwait(false);
        await Task.WhenAll(_peers.Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
        _stop.Dispose();
    }
}
