using System.Buffers;
using System.Buffers.Binary;
using CsCheck;
using MoneroNet.Levin.Tests.Support;

namespace MoneroNet.Levin.Tests;

/// <summary>
/// Damaged streams: truncated, bit-flipped, or declaring absurd lengths. The parser must answer with a typed error or
/// NeedMoreData, never throw, and never allocate in proportion to a declared (rather than received) length.
/// </summary>
public class LevinMutationTests
{
    // Slack for error strings, pool bookkeeping and the first reassembly buffer.
    private const long AllocationSlack = 16 * 1024;
    private const int BodyLengthOffset = 8;

    private static readonly ulong[] HugeLengths =
    [
        ulong.MaxValue, ulong.MaxValue - LevinHeader.Size + 1, 1UL << 63, (1UL << 63) - 1, 1UL << 32, uint.MaxValue,
        int.MaxValue, (ulong)int.MaxValue + 1, LevinLimits.DefaultMaxPacketSize + 1UL, LevinLimits.InitialMaxPacketSize + 1UL,
    ];

    [Fact]
    public void Every_prefix_of_a_valid_stream_yields_a_prefix_of_its_messages_and_waits()
    {
        RandomStreams.Stream.Sample(generated =>
        {
            for (int length = 0; length <= generated.Bytes.Length; length += 1 + length / 8)
            {
                using var parser = new LevinFrameParser();
                var (messages, last, _, _) = Frames.Drain(parser, SegmentedSequence.Split(generated.Bytes[..length], length / 3));

                Assert.Equal(LevinParseStatus.NeedMoreData, last);
                Assert.True(messages.Count <= generated.Expected.Count);
                for (int i = 0; i < messages.Count; i++)
                    Assert.Equal(generated.Expected[i].Header, messages[i].Header);
            }
        }, iter: 100);
    }

    [Fact]
    public void Bit_flips_end_in_an_error_or_a_wait_with_bounded_allocation()
    {
        Gen.Select(RandomStreams.Stream, Gen.Int[0, int.MaxValue].Array[1, 8], Gen.Int[1, 3000]).Sample((generated, flips, cut) =>
        {
            byte[] bytes = (byte[])generated.Bytes.Clone();
            if (bytes.Length == 0)
                return;
            foreach (int flip in flips)
            {
                int bit = flip % (bytes.Length * 8);
                bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            }

            AssertTerminatesCheaply(bytes, cut, maxPacketSize: LevinLimits.DefaultMaxPacketSize);
        }, iter: 500);
    }

    [Fact]
    public void Any_declared_body_length_in_any_packet_is_an_error_or_a_wait_with_bounded_allocation()
    {
        Gen.Select(RandomStreams.Stream, Gen.Int[0, int.MaxValue], Gen.OneOf(Gen.ULong, Gen.OneOf(HugeLengths)), Gen.Bool)
            .Sample((generated, packetPick, declared, afterHandshake) =>
            {
                List<int> packetStarts = PacketStarts(generated.Bytes);
                if (packetStarts.Count == 0)
                    return;
                byte[] bytes = (byte[])generated.Bytes.Clone();
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(packetStarts[packetPick % packetStarts.Count] + BodyLengthOffset), declared);

                AssertTerminatesCheaply(bytes, cut: 17,
                    afterHandshake ? LevinLimits.DefaultMaxPacketSize : LevinLimits.InitialMaxPacketSize);
            }, iter: 500);
    }

    [Theory]
    [MemberData(nameof(HugeLengthData))]
    public void Huge_declared_length_on_a_lone_header_allocates_nothing_proportional(ulong declared)
    {
        foreach (uint command in new uint[] { 0, 1001, 2002, 9999 })
        {
            byte[] header = Frames.HeaderOnly(new LevinHeader(declared, false, command, 0, LevinFlags.Request));
            using var parser = new LevinFrameParser(LevinLimits.DefaultMaxPacketSize);
            var buffer = new ReadOnlySequence<byte>(header);

            long before = GC.GetAllocatedBytesForCurrentThread();
            LevinParseStatus status = parser.TryParse(ref buffer, out _, out LevinError error);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            if (declared > LevinLimits.EffectiveMaxBody(command, LevinLimits.DefaultMaxPacketSize))
            {
                Assert.Equal(LevinParseStatus.Error, status);
                Assert.Equal(LevinErrorKind.PacketTooLarge, error.Kind);
                Assert.Contains(declared.ToString(), error.Message);
            }
            else
            {
                Assert.Equal(LevinParseStatus.NeedMoreData, status);
            }
            Assert.True(allocated < 4096, $"{allocated} bytes allocated for a header declaring {declared}");
        }
    }

    public static TheoryData<ulong> HugeLengthData => new(HugeLengths.Append(100_000_000UL).Append(4_000_000UL));

    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData(1UL << 40)]
    [InlineData(1_000_000UL)]
    public void Inner_header_declaring_a_huge_length_is_a_truncated_fragment(ulong declared)
    {
        byte[] inner = Frames.HeaderOnly(new LevinHeader(declared, true, 1001, 0, LevinFlags.Request));
        byte[] stream = Frames.Build(w => LevinWriter.WriteFragment(w, LevinFlags.End, [.. inner, 1, 2, 3]));
        using var parser = new LevinFrameParser(LevinLimits.DefaultMaxPacketSize);
        var buffer = new ReadOnlySequence<byte>(stream);

        long before = GC.GetAllocatedBytesForCurrentThread();
        LevinParseStatus status = parser.TryParse(ref buffer, out _, out LevinError error);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(LevinParseStatus.Error, status);
        Assert.Equal(LevinErrorKind.FragmentTruncated, error.Kind);
        Assert.True(allocated < AllocationSlack, $"{allocated} bytes allocated");
    }

    /// <summary>Offsets of the packets of a well-formed stream, found by walking the outer headers.</summary>
    private static List<int> PacketStarts(byte[] stream)
    {
        var starts = new List<int>();
        int offset = 0;
        while (offset + LevinHeader.Size <= stream.Length)
        {
            starts.Add(offset);
            offset += LevinHeader.Size + (int)BinaryPrimitives.ReadUInt64LittleEndian(stream.AsSpan(offset + BodyLengthOffset));
        }
        return starts;
    }

    private static void AssertTerminatesCheaply(byte[] bytes, int cut, int maxPacketSize)
    {
        ReadOnlySequence<byte> buffer = SegmentedSequence.Split(bytes, cut, cut * 2, cut * 5);
        using var parser = new LevinFrameParser(maxPacketSize);

        long before = GC.GetAllocatedBytesForCurrentThread();
        LevinParseStatus status;
        LevinError error;
        int steps = 0;
        do
        {
            status = parser.TryParse(ref buffer, out _, out error);
            Assert.True(++steps <= bytes.Length / LevinHeader.Size + 1, "The parser consumed more packets than the input can hold.");
        }
        while (status is LevinParseStatus.Message or LevinParseStatus.Skipped);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(status is LevinParseStatus.NeedMoreData or LevinParseStatus.Error, $"Unexpected final status {status}");
        Assert.Equal(status == LevinParseStatus.Error, error.IsError);
        if (status == LevinParseStatus.NeedMoreData)
            Assert.True(buffer.Length < LevinHeader.Size + (long)maxPacketSize);
        Assert.True(allocated <= 2L * bytes.Length + AllocationSlack, $"{allocated} bytes allocated for {bytes.Length} input bytes");
    }
}
