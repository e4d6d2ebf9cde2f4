using System.Buffers;
using System.IO.Pipelines;

namespace MoneroNet.Rpc.Json;

/// <summary>
/// A growing body kept as a chain of pooled 64 KiB segments: its length is known once it is written (for
/// Content-Length) without a measuring pass, and no segment is large enough for the large-object heap (85,000 bytes),
/// so a 7 MB get_connections answer never makes a large array or a doubling copy. <see cref="Dispose"/> returns the
/// segments to the pool; the owner calls it once the bytes are sent.
/// </summary>
/// <remarks>
/// Writing into Kestrel's response pipe directly costs a lock per <c>GetSpan</c>/<c>Advance</c> (its output producer
/// is shared with the socket sender), which for the many small writes of a JSON document was most of get_connections'
/// time; here every write is a private span, and the pipe gets whole segments.
/// </remarks>
public sealed class PooledSegmentBuffer : IBufferWriter<byte>, IDisposable
{
    /// <summary>The size of a segment: under the large-object threshold.</summary>
    public const int SegmentSize = 64 * 1024;

    /// <summary>
    /// The segments' own pool, keeping up to 128 (8 MiB, one 10,000-peer answer). The shared pool keeps only about 32
    /// arrays of a size per core, so a 7 MB answer (112 segments) allocated the rest anew on every call (2.5 MB a call
    /// measured at 10,000 peers). Larger rents (a single value over 64 KiB) are allocated and dropped by it.
    /// </summary>
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(SegmentSize, 128);

    private readonly List<byte[]> _full = [];
    private readonly List<int> _fullLengths = [];
    private byte[] _current = [];
    private int _used;
    private long _completedLength;

    /// <summary>Bytes written so far.</summary>
    public long Length => _completedLength + _used;

    public void Advance(int count)
    {
        if (count < 0 || count > _current.Length - _used)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "advanced past the span that was handed out");
        }

        _used += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _current.AsMemory(_used);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _current.AsSpan(_used);
    }

    /// <summary>The written bytes, segment by segment, in order.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Segments
    {
        get
        {
            for (var i = 0; i < _full.Count; i++)
            {
                yield return _full[i].AsMemory(0, _fullLengths[i]);
            }

            if (_used > 0)
            {
                yield return _current.AsMemory(0, _used);
            }
        }
    }

    /// <summary>The bytes as one array (tests and small bodies; a large body is sent with <see cref="CopyToAsync"/>).</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        var at = 0;
        foreach (var segment in Segments)
        {
            segment.Span.CopyTo(bytes.AsSpan(at));
            at += segment.Length;
        }

        return bytes;
    }

    /// <summary>Writes the bytes into <paramref name="output"/> a segment at a time, flushing after each.</summary>
    /// <returns>False when the reader went away (the client hung up) before everything was delivered.</returns>
    public async ValueTask<bool> CopyToAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var segment in Segments)
        {
            var flushed = await output.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose()
    {
        foreach (var segment in _full)
        {
            Pool.Return(segment);
        }

        _full.Clear();
        _fullLengths.Clear();
        if (_current.Length > 0)
        {
            Pool.Return(_current);
        }

        _current = [];
        _used = 0;
        _completedLength = 0;
    }

    /// <summary>Starts a new segment when the current one cannot take <paramref name="sizeHint"/> more bytes.</summary>
    private void Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current.Length - _used >= needed)
        {
            return;
        }

        if (_used > 0)
        {
            _full.Add(_current);
            _fullLengths.Add(_used);
            _completedLength += _used;
        }
        else if (_current.Length > 0)
        {
            Pool.Return(_current);
        }

        // Only a single value longer than a segment (a huge string) asks for more than one.
        _current = Pool.Rent(Math.Max(needed, SegmentSize));
        _used = 0;
    }
}
