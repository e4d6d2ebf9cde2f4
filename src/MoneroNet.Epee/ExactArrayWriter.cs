using System.Buffers;

namespace MoneroNet.Epee;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over one array of a size known in advance (see <see cref="EpeeEncodedSize"/>):
/// it never grows, and a request past the end is a bug in the sizing, reported as such.
/// </summary>
internal sealed class ExactArrayWriter(int length, int start = 0) : IBufferWriter<byte>
{
    private readonly byte[] _buffer = new byte[length];
    // Bytes before `start` are reserved for the caller (e.g. a frame header) and count as written.
    private int _written = start;

    /// <summary>The array, once exactly <c>length</c> bytes have been written.</summary>
    public byte[] ToArray() => _written == _buffer.Length
        ? _buffer
        : throw new InvalidOperationException($"{_written} of {_buffer.Length} bytes were written");

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _written)
            throw new InvalidOperationException($"advance of {count} past the end of a {_buffer.Length}-byte buffer at {_written}");
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(Reserve(sizeHint));

    public Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(Reserve(sizeHint));

    private int Reserve(int sizeHint)
    {
        if (sizeHint > _buffer.Length - _written)
            throw new InvalidOperationException($"{sizeHint} bytes requested with {_buffer.Length - _written} left of a buffer sized in advance");
        return _written;
    }
}
