using System.Net.Sockets;
using MoneroNet.P2P.Stats;

namespace MoneroNet.P2P.Transport;

/// <summary>
/// The socket as a stream that reports every completed read and write to the connection's
/// <see cref="ConnectionStats"/> — the point where monerod counts bytes (abstract_tcp_server2.inl), so
/// Levin headers, bodies and anything unparsable are all counted, exactly once.
/// </summary>
internal sealed class CountingSocketStream : NetworkStream
{
    private readonly ConnectionStats _stats;
    private readonly TimeProvider _time;

    public CountingSocketStream(Socket socket, ConnectionStats stats, TimeProvider time) : base(socket, ownsSocket: true)
    {
        _stats = stats;
        _time = time;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // A zero-byte read (the pipe's wait for data while the peer is idle) moves no bytes: it goes straight to the
        // socket, so an idle connection holds no state machine of ours, only the socket's own pending operation.
        if (buffer.IsEmpty) return base.ReadAsync(buffer, cancellationToken);
        var read = base.ReadAsync(buffer, cancellationToken);
        if (!read.IsCompletedSuccessfully) return CountWhenDoneAsync(read);
        int n = read.Result;
        if (n > 0) _stats.OnReceived(n, _time.GetUtcNow().ToUnixTimeSeconds(), MonotonicSeconds());
        return ValueTask.FromResult(n);
    }

    private async ValueTask<int> CountWhenDoneAsync(ValueTask<int> read)
    {
        int n = await read.ConfigureAwait(false);
        if (n > 0) _stats.OnReceived(n, _time.GetUtcNow().ToUnixTimeSeconds(), MonotonicSeconds());
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous reads and writes: only the array overloads are overridden. For a derived type NetworkStream routes
    // its span overloads through Stream's, which call these array overloads; overriding the span ones as well and
    // forwarding between them recursed without end (a stack overflow when the pipe writer flushed on Complete).
    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = base.Read(buffer, offset, count);
        if (n > 0) _stats.OnReceived(n, _time.GetUtcNow().ToUnixTimeSeconds(), MonotonicSeconds());
        return n;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
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
