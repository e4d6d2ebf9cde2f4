using System.Buffers;
using MoneroNet.Levin;

namespace MoneroNet.Fuzz;

/// <summary>
/// The Levin frame parser (src/MoneroNet.Levin), fed as a connection would feed it. The first input byte shapes the
/// delivery: its low 7 bits + 1 are the size of each arriving chunk (so messages straddle chunk and segment borders),
/// and its top bit raises the packet limit to the post-handshake size after the first message, as the P2P layer does.
/// The rest is the byte stream. <see cref="LevinFrameParser.TryParse"/> documents that it never throws; also checked:
/// a message's body has exactly the declared length, and Message/Skipped consume bytes while NeedMoreData/Error
/// consume none.
/// </summary>
internal static class LevinTarget
{
    public static void Run(byte[] data)
    {
        if (data.Length == 0)
        {
            return;
        }

        var chunk = (data[0] & 0x7f) + 1;
        var raiseLimit = (data[0] & 0x80) != 0;
        var stream = data.AsMemory(1);

        using var parser = new LevinFrameParser();
        var consumed = 0;
        for (var arrived = Math.Min(chunk, stream.Length); ; arrived = Math.Min(arrived + chunk, stream.Length))
        {
            var buffer = Segments.Of(stream, consumed, arrived, chunk);
            while (true)
            {
                var before = buffer.Length;
                var status = parser.TryParse(ref buffer, out var message, out _);
                var taken = before - buffer.Length;
                if (status is LevinParseStatus.NeedMoreData or LevinParseStatus.Error)
                {
                    if (taken != 0)
                    {
                        throw new FuzzFindingException($"{status} consumed {taken} bytes");
                    }

                    if (status == LevinParseStatus.Error)
                    {
                        return;
                    }

                    break;
                }

                if (taken < LevinHeader.Size)
                {
                    throw new FuzzFindingException($"{status} consumed only {taken} bytes");
                }

                consumed += (int)taken;
                if (status == LevinParseStatus.Message)
                {
                    if ((ulong)message.Body.Length != message.Header.BodyLength)
                    {
                        throw new FuzzFindingException(
                            $"body of {message.Body.Length} bytes, header says {message.Header.BodyLength}");
                    }

                    if (raiseLimit)
                    {
                        parser.MaxPacketSize = LevinLimits.DefaultMaxPacketSize;
                    }
                }
            }

            if (arrived == stream.Length)
            {
                return;
            }
        }
    }

    /// <summary>A sequence segment: <see cref="Of"/> builds the sequences the parser is fed.</summary>
    private sealed class Segments : ReadOnlySequenceSegment<byte>
    {
        private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        /// <summary>
        /// The bytes <paramref name="start"/>..<paramref name="end"/> of <paramref name="stream"/> with a segment
        /// border at every multiple of <paramref name="chunk"/>, where a pipe's buffers would have them.
        /// </summary>
        public static ReadOnlySequence<byte> Of(ReadOnlyMemory<byte> stream, int start, int end, int chunk)
        {
            var border = Math.Min(end, ((start / chunk) + 1) * chunk);
            if (border >= end)
            {
                return new ReadOnlySequence<byte>(stream[start..end]);
            }

            var head = new Segments(stream[start..border], 0);
            var tail = head;
            for (var at = border; at < end; at += chunk)
            {
                var next = new Segments(stream[at..Math.Min(end, at + chunk)], at - start);
                tail.Next = next;
                tail = next;
            }

            return new ReadOnlySequence<byte>(head, 0, tail, tail.Memory.Length);
        }
    }
}
