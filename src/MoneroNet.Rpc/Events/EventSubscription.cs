using System.Threading.Channels;

namespace MoneroNet.Rpc.Events;

/// <summary>
/// One <c>GET /events</c> subscriber: a bounded buffer of SSE frames that <see cref="NodeEventHub"/> fills and the
/// endpoint drains. When the buffer overflows the hub completes it: the reader takes what it holds, then
/// <see cref="FinalFrame"/> (the overflow event), and <see cref="Dropped"/> fires after the grace period so that a
/// reader stuck in a write is cut. Dispose when the stream ends: that frees the subscriber slot.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private readonly NodeEventHub _hub;
    private readonly Channel<byte[]> _buffer;
    private readonly CancellationTokenSource _dropped;
    private byte[]? _finalFrame;
    private int _disposed;

    internal EventSubscription(NodeEventHub hub, int capacity, TimeProvider time)
    {
        _hub = hub;
        _dropped = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time); // CancelAfter runs on the hub's clock
        _buffer = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of waiting: that is the overflow
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>Frames in order; completes when the subscriber was dropped or the hub disposed.</summary>
    public ChannelReader<byte[]> Reader => _buffer.Reader;

    /// <summary>The overflow event's frame once this subscriber was dropped for falling behind; null otherwise.</summary>
    public byte[]? FinalFrame => Volatile.Read(ref _finalFrame);

    public bool Overflowed => FinalFrame is not null;

    /// <summary>Fires <see cref="NodeEventHub.OverflowGrace"/> after an overflow: stop writing, abort the connection.</summary>
    public CancellationToken Dropped => _dropped.Token;

    internal bool TryDeliver(byte[] frame) => _buffer.Writer.TryWrite(frame);

    internal void Overflow(byte[] finalFrame, TimeSpan grace)
    {
        Volatile.Write(ref _finalFrame, finalFrame);
        _buffer.Writer.TryComplete();
        try { _dropped.CancelAfter(grace); }
        catch (ObjectDisposedException) { } // the stream already ended
    }

    internal void End() => _buffer.Writer.TryComplete();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _buffer.Writer.TryComplete();
        _hub.Remove(this);
        _dropped.Dispose();
    }
}
