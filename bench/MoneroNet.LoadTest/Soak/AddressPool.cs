using System.Collections.Concurrent;
using System.Net;

namespace MoneroNet.LoadTest.Soak;

/// <summary>
/// Source addresses for the soak's connections, all in 127.<c>block</c>.0.0/16 (<see cref="Loopback.SourceIn"/>). A
/// taken address is in use by one connection only (the node admits one connection per IP); a returned one goes to
/// the back of the queue, so it is reused only after every other free address, long after the node has noticed its
/// close (and after any short ban set on it has run out).
/// </summary>
public sealed class AddressPool
{
    private readonly ConcurrentQueue<IPAddress> _free = new();

    public AddressPool(byte block, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Loopback.BlockSize);
        for (int i = 0; i < size; i++) _free.Enqueue(Loopback.SourceIn(block, i));
        Size = size;
    }

    public int Size { get; }

    public int Free => _free.Count;

    /// <summary>The address free longest, or null when all are in use.</summary>
    public IPAddress? Take() => _free.TryDequeue(out var address) ? address : null;

    public void Return(IPAddress address) => _free.Enqueue(address);
}

/// <summary>
/// Addresses handed out in turn, for ever (no exclusive use): the wrong-network peers, so each address collects
/// the same few fail points, and the banned hosts.
/// </summary>
public sealed class AddressRing(byte block, int size)
{
    private int _next = -1;

    public int Size { get; } = size is > 0 and <= Loopback.BlockSize
        ? size
        : throw new ArgumentOutOfRangeException(nameof(size), size, $"1..{Loopback.BlockSize}");

    public IPAddress Next() => Loopback.SourceIn(block, (int)((uint)Interlocked.Increment(ref _next) % (uint)Size));
}

/// <summary>Tasks started by one churn part; <see cref="WhenAllAsync"/> waits for those still running.</summary>
public sealed class TaskGroup
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    public int Count => _running.Count;

    /// <summary>Starts <paramref name="work"/>, which must not throw (its own failures are counted, not thrown).</summary>
    public void Run(Func<Task> work)
    {
        var task = Task.Run(work);
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public Task WhenAllAsync() => Task.WhenAll(_running.Keys);
}
