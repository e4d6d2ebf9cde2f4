using Microsoft.Extensions.Logging;

namespace MoneroNet.P2P.Connections;

/// <summary>
/// Gives the memory of large messages back to the operating system. A peer may send one message of up to 100 MB
/// (docs/PROTOCOL.md §2); its buffers are garbage as soon as it is handled, but an idle node allocates too little to
/// trigger a full collection, so without help the process would keep hundreds of MB it no longer uses (measured: three
/// 100 MB messages left RSS at 670 MB). Sessions report every message of 1 MiB or more; once 32 MiB of them have
/// arrived and none for 2 s, the maintainer's tick runs one aggressive (compacting, decommitting) collection, at most
/// one per 10 s. Ordinary traffic never reaches the threshold, so this costs nothing on the hot path but one
/// comparison per message.
/// Frames we send count too once they are large enough to carry a peer list (<see cref="LargeSentFrameBytes"/>):
/// a burst of connects to a node with a full white list sends thousands of ~15 KB handshake answers, which are
/// promoted to gen2 while they wait in the send queues and left there as garbage: measured at 10,000 peers, 90 MiB
/// that only a full collection gave back (docs/BENCHMARKS.md, "Memory per connection and idle RSS").
/// </summary>
public sealed class LargeMessageMemory
{
    /// <summary>Messages at least this large are counted.</summary>
    public const int LargeMessageBytes = 1024 * 1024;
    /// <summary>Frames we send at least this large are counted (a peer list of 250 entries is about 15 KB).</summary>
    public const int LargeSentFrameBytes = 8 * 1024;
    /// <summary>Bytes of large messages since the last collection that make one worth running.</summary>
    public const long CollectAfterBytes = 32L * 1024 * 1024;
    /// <summary>How long no large message must have arrived before memory is given back.</summary>
    public static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(2);
    /// <summary>The least time between two give-backs.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _time;
    private readonly Action _collect;
    private readonly ILogger? _log;
    private long _pending;
    private long _lastLarge;
    private long _lastCollect = long.MinValue;

    /// <param name="collect">The collection to run; the runtime's aggressive full collection unless a test gives its own.</param>
    public LargeMessageMemory(TimeProvider time, ILogger? log = null, Action? collect = null)
    {
        _time = time;
        _log = log;
        _collect = collect ?? (() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true));
    }

    /// <summary>Bytes of large messages not yet followed by a collection.</summary>
    public long Pending => Volatile.Read(ref _pending);

    /// <summary>Collections run so far.</summary>
    public int Collections { get; private set; }

    /// <summary>Called by a session's read loop for each message; counts only large ones.</summary>
    public void OnMessage(long bodyBytes)
    {
        if (bodyBytes < LargeMessageBytes) return;
        Interlocked.Add(ref _pending, bodyBytes);
        Volatile.Write(ref _lastLarge, _time.GetTimestamp());
    }

    /// <summary>Called by a session for each frame it queues; counts only those of <see cref="LargeSentFrameBytes"/> or more.</summary>
    public void OnFrameSent(long frameBytes)
    {
        if (frameBytes < LargeSentFrameBytes) return;
        Interlocked.Add(ref _pending, frameBytes);
        Volatile.Write(ref _lastLarge, _time.GetTimestamp());
    }

    /// <summary>The maintainer's tick: runs a collection when it is due; true when it ran one.</summary>
    public bool CollectIfDue()
    {
        long now = _time.GetTimestamp();
        long pending = Volatile.Read(ref _pending);
        if (pending < CollectAfterBytes) return false;
        if (_time.GetElapsedTime(Volatile.Read(ref _lastLarge), now) < QuietFor) return false;
        if (_lastCollect != long.MinValue && _time.GetElapsedTime(_lastCollect, now) < MinInterval) return false;
        Interlocked.Add(ref _pending, -pending);
        _lastCollect = now;
        long before = GC.GetTotalMemory(forceFullCollection: false);
        _collect();
        Collections++;
        if (_log is not null) P2PLog.LargeMessageMemoryCollected(_log, pending, before, GC.GetTotalMemory(forceFullCollection: false));
        return true;
    }
}
