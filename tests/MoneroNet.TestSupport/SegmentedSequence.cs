using System.Buffers;

namespace MoneroNet.TestSupport;

/// <summary>
/// Builds multi-segment <see cref="ReadOnlySequence{T}"/> values, as a pipe hands them out, so parsers are tested on
/// input that is not one contiguous span.
/// </summary>
public static class SegmentedSequence
{
    /// <summary>System.IO.Pipelines' default segment size: the shape a pipe reader hands over for a large message.</summary>
    public const int PipeSegmentSize = 4096;

    /// <summary>Splits <paramref name="data"/> into segments ending at the given cut offsets.</summary>
    public static ReadOnlySequence<byte> Split(byte[] data, params int[] cuts)
    {
        int[] bounds = cuts.Where(c => c > 0 && c < data.Length).Distinct().Order().Append(data.Length).ToArray();
        if (data.Length == 0)
            return ReadOnlySequence<byte>.Empty;

        Segment? first = null, last = null;
        int start = 0;
        foreach (int end in bounds)
        {
            var memory = new ReadOnlyMemory<byte>(data, start, end - start);
            last = last is null ? (first = new Segment(memory, 0)) : last.Append(memory);
            start = end;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    /// <summary>Segments of <paramref name="segmentLength"/> bytes each (the last one may be shorter).</summary>
    public static ReadOnlySequence<byte> SplitEvery(byte[] data, int segmentLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentLength);
        int cutCount = Math.Max(0, (data.Length - 1) / segmentLength);
        return Split(data, Enumerable.Range(1, cutCount).Select(i => i * segmentLength).ToArray());
    }

    /// <summary>One segment per byte: the worst case for code that assumes contiguous memory.</summary>
    public static ReadOnlySequence<byte> ByteBySegment(byte[] data) => SplitEvery(data, 1);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
