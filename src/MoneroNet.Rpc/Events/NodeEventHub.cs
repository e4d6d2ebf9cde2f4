namespace MoneroNet.Rpc.Events;

/// <summary>
/// Fans the node's events out to the <c>GET /events</c> subscribers. <see cref="Publish"/> never waits: each
/// subscriber has a bounded buffer, and one whose buffer is full is dropped on the spot (it gets a final
/// <c>overflow</c> event, then its stream ends), so a slow or stuck reader never slows the node. At most
/// <see cref="MaxSubscribers"/> subscribe at once. Every subscriber sees the events in one order, the order of
/// their sequence numbers (the SSE <c>id</c>). A keep-alive comment goes to every subscriber every
/// <see cref="KeepAliveInterval"/>, so that proxies and clients see an idle stream is alive.
/// </summary>
public sealed class NodeEventHub : IDisposable
{
    /// <summary>Dashboards and a few tools; each holds one RPC connection for as long as it listens.</summary>
    public const int DefaultMaxSubscribers = 16;

    /// <summary>Events a subscriber may fall behind by: a churn burst of hundreds of peers fits.</summary>
    public const int DefaultBufferCapacity = 1024;

    public static readonly TimeSpan DefaultKeepAliveInterval = TimeSpan.FromSeconds(15);

    /// <summary>How long a dropped subscriber has to take its last events and the overflow event before it is cut.</summary>
    public static readonly TimeSpan DefaultOverflowGrace = TimeSpan.FromSeconds(5);

    private static readonly byte[] KeepAliveFrame = ": keep-alive\n\n"u8.ToArray();

    private readonly Lock _lock = new();
    private readonly List<EventSubscription> _delivering = [];
    private readonly TimeProvider _time;
    private readonly ITimer? _keepAlive;
    private int _subscribers;
    private long _sequence;
    private bool _disposed;

    public NodeEventHub(
        TimeProvider time, int maxSubscribers = DefaultMaxSubscribers, int bufferCapacity = DefaultBufferCapacity,
        TimeSpan? keepAliveInterval = null, TimeSpan? overflowGrace = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSubscribers);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferCapacity, 1);
        _time = time;
        MaxSubscribers = maxSubscribers;
        BufferCapacity = bufferCapacity;
        KeepAliveInterval = keepAliveInterval ?? DefaultKeepAliveInterval;
        OverflowGrace = overflowGrace ?? DefaultOverflowGrace;
        if (KeepAliveInterval > TimeSpan.Zero)
            _keepAlive = time.CreateTimer(_ => Broadcast(KeepAliveFrame, sequence: null), null, KeepAliveInterval, KeepAliveInterval);
    }

    public int MaxSubscribers { get; }

    public int BufferCapacity { get; }

    public TimeSpan KeepAliveInterval { get; }

    public TimeSpan OverflowGrace { get; }

    /// <summary>Subscribers whose streams are open (dropped ones count until their stream has ended).</summary>
    public int SubscriberCount => Volatile.Read(ref _subscribers);

    /// <summary>Events published since start.</summary>
    public long Published => Interlocked.Read(ref _sequence);

    /// <summary>Subscribers dropped because their buffer was full.</summary>
    public long Overflows => Interlocked.Read(ref _overflows);

    private long _overflows;

    /// <summary>A new subscription, or null when <see cref="MaxSubscribers"/> are open (the endpoint answers 503).</summary>
    public EventSubscription? TrySubscribe()
    {
        lock (_lock)
        {
            if (_disposed || _subscribers >= MaxSubscribers) return null;
            var subscription = new EventSubscription(this, BufferCapacity, _time);
            _delivering.Add(subscription);
            _subscribers++;
            return subscription;
        }
    }

    /// <summary>Queues <paramref name="e"/> for every subscriber; never blocks (a full subscriber is dropped instead).</summary>
    public void Publish(NodeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (Volatile.Read(ref _subscribers) == 0)
        {
            Interlocked.Increment(ref _sequence); // nobody listens: only the count moves
            return;
        }
        var json = NodeEventJson.ToJson(e);
        lock (_lock)
        {
            long sequence = Interlocked.Increment(ref _sequence);
            if (_delivering.Count == 0) return;
            Deliver(NodeEventJson.Frame(json, sequence), sequence);
        }
    }

    private void Broadcast(byte[] frame, long? sequence)
    {
        lock (_lock) Deliver(frame, sequence ?? _sequence);
    }

    /// <summary>Under the lock, so that all subscribers see one order. TryWrite never runs a reader's continuation inline.</summary>
    private void Deliver(byte[] frame, long sequence)
    {
        for (int i = _delivering.Count - 1; i >= 0; i--)
        {
            var subscription = _delivering[i];
            if (subscription.TryDeliver(frame)) continue;
            _delivering.RemoveAt(i);
            _overflows++;
            subscription.Overflow(NodeEventJson.Frame(NodeEventJson.ToJson(new NodeEvent
            {
                Type = NodeEventType.Overflow,
                Timestamp = _time.GetUtcNow(),
                Buffered = BufferCapacity,
            }), sequence), OverflowGrace);
        }
    }

    internal void Remove(EventSubscription subscription)
    {
        lock (_lock)
        {
            _delivering.Remove(subscription);
            _subscribers--;
        }
    }

    /// <summary>Ends every stream (the server is stopping) and refuses new subscribers.</summary>
    public void Dispose()
    {
        EventSubscription[] open;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            open = [.. _delivering];
            _delivering.Clear();
        }
        _keepAlive?.Dispose();
        foreach (var subscription in open) subscription.End();
    }
}
