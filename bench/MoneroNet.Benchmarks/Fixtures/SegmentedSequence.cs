using System.Buffers;

namespace MoneroNet.Benchmarks.Fixtures;

/// <summary>
/// Splits bytes into a multi-segment <see cref="ReadOnlySequence{T}"/>, the shape a
/// System.IO.Pipelines reader hands over for a message larger than one pipe segment (4 KiB by default).
/// </summary>
internal static class SegmentedSequence
{
    public const int PipeSegmentSize = 4096;

    public static ReadOnlySequence<byte> Create(byte[] data, int segmentSize = PipeSegmentSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentSize);
        if (data.Length <= segmentSize) return new ReadOnlySequence<byte>(data);

        Segment first = new(data.AsMemory(0, segmentSize), runningIndex: 0);
        Segment last = first;
        for (int offset = segmentSize; offset < data.Length; offset += segmentSize)
            last = last.Append(data.AsMemory(offset, Math.Min(segmentSize, data.Length - offset)));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

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
