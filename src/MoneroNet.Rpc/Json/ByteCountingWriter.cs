using System.Buffers;

namespace MoneroNet.Rpc.Json;

/// <summary>
/// Counts the bytes written through it. With an inner writer it passes everything on (to know when to flush);
/// without one it discards into a scratch buffer, which measures a document without keeping it.
/// </summary>
internal sealed class ByteCountingWriter(IBufferWriter<byte>? inner) : IBufferWriter<byte>
{
    private byte[] _scratch = inner is null ? new byte[256] : [];

    /// <summary>Bytes advanced so far.</summary>
    public long Count { get; private set; }

    public void Advance(int count)
    {
        inner?.Advance(count);
        Count += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => inner?.GetMemory(sizeHint) ?? Scratch(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => inner is null ? Scratch(sizeHint).Span : inner.GetSpan(sizeHint);

    private Memory<byte> Scratch(int sizeHint)
    {
        if (_scratch.Length < sizeHint)
        {
            _scratch = new byte[sizeHint];
        }

        return _scratch;
    }
}
