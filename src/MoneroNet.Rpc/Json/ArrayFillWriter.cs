using System.Buffers;

namespace MoneroNet.Rpc.Json;

/// <summary>Fills a byte array of exactly the size the caller measured; writing past its end is a bug and throws.</summary>
internal sealed class ArrayFillWriter(byte[] target) : IBufferWriter<byte>
{
    public int Written { get; private set; }

    public void Advance(int count)
    {
        if (count < 0 || count > target.Length - Written)
        {
            throw new InvalidOperationException("written past the measured length");
        }

        Written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Remaining(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => Remaining(sizeHint).Span;

    private Memory<byte> Remaining(int sizeHint)
    {
        if (sizeHint > target.Length - Written)
        {
            throw new InvalidOperationException("written past the measured length");
        }

        return target.AsMemory(Written);
    }
}
