using System.Buffers;

namespace MoneroNet.Epee.Tests;

/// <summary>Builds multi-segment sequences, as a pipe hands them over.</summary>
internal sealed class Segments : ReadOnlySequenceSegment<byte>
{
    private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Split(byte[] data, int segmentLength)
    {
        var first = new Segments(data.AsMemory(0, Math.Min(segmentLength, data.Length)), 0);
        var last = first;
        for (int at = first.Memory.Length; at < data.Length; at += segmentLength)
        {
            var next = new Segments(data.AsMemory(at, Math.Min(segmentLength, data.Length - at)), at);
            last.Next = next;
            last = next;
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
