using System.Net.Sockets;
using MoneroNet.P2P.Stats;

namespace MoneroNet.P2P.Transport;

/// <summary>
/// The socket as a stream that reports every completed read and write to the connection's
/// <see cref="ConnectionStats"/> — the point where monerod counts bytes (abstract_tcp_server2.inl), so
/// Levin headers, bodies and anything unparsable are all counted, exactly once — and that holds the connection to the
/// node-wide <see cref="P2PRateLimits"/>: a write waits before it goes out, a read waits after it came in (so the next
/// read starts later and TCP slows the peer), as monerod sleeps before a send and after a receive. Under the limit
/// nothing waits and nothing is allocated.
/// </summary>
internal sealed class CountingSocketStream : NetworkStream
{
    private readonly ConnectionStats _stats;
    private readonly TimeProvider _time;
    private readonly P2PRateLimits? _limits;
    private readonly CancellationToken _closed;

    /// <param name="limits">The node-wide throttle; null = none.</param>
    /// <param name="closed">Ends a throttle wait when the connection closes (the socket calls need no token: closing
    /// disposes the socket, which fails them).</param>
    public CountingSocketStream(Socket socket, ConnectionStats stats, TimeProvider time, P2PRateLimits? limits = null,
        CancellationToken closed = default)
        : base(socket, ownsSocket: true)
    {
        _stats = stats;
        _time = time;
        _limits = limits;
        _closed = closed;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // A zero-byte read (the pipe's wait for data while the peer is idle) moves no bytes: it goes straight to the
        // socket, so an idle connection holds no state machine of ours, only the socket's own pending operation.
        if (buffer.IsEmpty) return base.ReadAsync(buffer, cancellationToken);
        var read = base.ReadAsync(buffer, cancellationToken);
        if (!read.IsCompletedSuccessfully) return CountWhenDoneAsync(read);
        int n = read.Result;
        if (n > 0)
        {
            _stats.OnReceived(n, _time.GetUtcNow().ToUnixTimeSeconds(), MonotonicSeconds());
            var wait = _limits?.Down.Charge(n) ?? TimeSpan.Zero;
            if (wait > TimeSpan.Zero) return WaitThenReturnAsync(n, wait);
        }
        return ValueTask.FromResult(n);
    }

    private async ValueTask<int> CountWhenDoneAsync(ValueTask<int> read)
    {
        int n = await read.ConfigureAwait(false);
        if (n > 0)
        {
            _stats.OnReceived(n, _time.GetUtcNow().ToUnixTimeSeconds(), MonotonicSeconds());
            var wait = _limits?.Down.Charge(n) ?? TimeSpan.Zero;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, _closed).ConfigureAwait(false);
        }
        return n;
    }

    private async ValueTask<int> WaitThenReturnAsync(int n, TimeSpan wait)
    {
        await Task.Delay(wait, _time, _closed).ConfigureAwait(false);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous reads and writes: only the array overloads are overridden. For a derived type NetworkStream routes
    // its span overloads through Stream's, which call these array overloads; overriding the span ones as well and
    // forwarding between them recursed without end (a stack overflow when the pipe writer flushed on Complete).
    // They are not throttled: the node's loops only read and write asynchronously.
    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = base.Read(buffer, offset, count);
        if (n > 0) _stats.OnReceived(n, _time.GetUtcNow().ToUnixTimeSeconds(), MonotonicSeconds());
        return n;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wait = _limits?.Up.Charge(buffer.Length) ?? TimeSpan.Zero;
        if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, _closed).ConfigureAwait(false);
        await base.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        _stats.OnSent(buffer.Length, _time.GetUtcNow().ToUnixTimeSeconds(), MonotonicSeconds());
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        base.Write(buffer, offset, count);
        _stats.OnSent(count, _time.GetUtcNow().ToUnixTimeSeconds(), MonotonicSeconds());
    }

    private double MonotonicSeconds() => _time.GetTimestamp() / (double)_time.TimestampFrequency;
}
