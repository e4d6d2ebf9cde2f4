using System.Buffers;
using MoneroNet.Levin.Tests.Support;

namespace MoneroNet.Levin.Tests;

/// <summary>Dummy packets and fragment reassembly (docs/PROTOCOL.md §2.6).</summary>
public class LevinFragmentTests
{
    private const int NoiseSize = 3072; // CRYPTONOTE_NOISE_BYTES

    private static byte[] Body(int length, int seed)
    {
        var body = new byte[length];
        new Random(seed).NextBytes(body);
        return body;
    }

    [Fact]
    public void Dummy_packets_are_skipped_and_leave_a_pending_reassembly_alone()
    {
        byte[] inner = Frames.Notification(2002, Body(100, 1));
        byte[] stream = Frames.Build(w =>
        {
            LevinWriter.WriteFragment(w, LevinFlags.Begin, inner.AsSpan(0, 50));
            LevinWriter.WriteDummy(w, NoiseSize);
            LevinWriter.WriteFragment(w, LevinFlags.End, inner.AsSpan(50));
            LevinWriter.WriteDummy(w, LevinHeader.Size);
        });
        using var parser = new LevinFrameParser();
        var buffer = new ReadOnlySequence<byte>(stream);

        Assert.Equal(LevinParseStatus.Skipped, parser.TryParse(ref buffer, out _, out _));
        Assert.Equal(50, parser.PendingFragmentBytes);
        Assert.Equal(LevinParseStatus.Skipped, parser.TryParse(ref buffer, out _, out _));
        Assert.Equal(50, parser.PendingFragmentBytes);
        Assert.Equal(LevinParseStatus.Message, parser.TryParse(ref buffer, out LevinMessage message, out _));
        Assert.Equal(inner[LevinHeader.Size..], message.Body.ToArray());
        Assert.True(message.WasFragmented);
        Assert.Equal(LevinParseStatus.Skipped, parser.TryParse(ref buffer, out _, out _));
        Assert.True(buffer.IsEmpty);
        Assert.Equal(stream.Length, parser.StreamOffset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(NoiseSize - LevinHeader.Size)]          // fits exactly: one padded notification
    [InlineData(NoiseSize - LevinHeader.Size + 1)]      // one byte too many: two fragments
    [InlineData(20 * (NoiseSize - LevinHeader.Size) - LevinHeader.Size)] // 20 fragments, the last one full
    [InlineData(50_000)]
    public void Fragmented_notification_reassembles_to_the_original(int bodyLength)
    {
        byte[] body = Body(bodyLength, bodyLength);
        byte[] stream = Frames.Build(w => LevinWriter.WriteFragmentedNotification(w, NoiseSize, 2002, body));
        using var parser = new LevinFrameParser();

        var (messages, last, _, remaining) = Frames.Drain(parser, SegmentedSequence.Split(stream, 1000, 3072, 3100, 7000));

        Assert.Equal(LevinParseStatus.NeedMoreData, last);
        Assert.Equal(0, remaining);
        var message = Assert.Single(messages);
        Assert.Equal(2002u, message.Header.Command);
        Assert.Equal(LevinMessageKind.Notification, message.Header.Kind);
        bool fragmented = LevinHeader.Size + bodyLength > NoiseSize;
        Assert.Equal(fragmented, message.WasFragmented);
        if (fragmented)
        {
            // master truncates the reassembled message to its inner length, dropping the padding.
            Assert.Equal(body, message.Body);
        }
        else
        {
            // An unfragmented notification carries the padding in its body, as monerod sends it.
            Assert.Equal((ulong)(NoiseSize - LevinHeader.Size), message.Header.BodyLength);
            Assert.Equal(body, message.Body[..bodyLength]);
            Assert.All(message.Body[bodyLength..], b => Assert.Equal(0, b));
        }
    }

    [Fact]
    public void Begin_discards_an_unfinished_reassembly()
    {
        byte[] abandoned = Frames.Notification(2002, Body(80, 2));
        byte[] inner = Frames.Request(1003, Body(10, 3));
        byte[] stream = Frames.Build(w =>
        {
            LevinWriter.WriteFragment(w, LevinFlags.Begin, abandoned.AsSpan(0, 40));
            LevinWriter.WriteFragment(w, LevinFlags.None, abandoned.AsSpan(40, 20));
            LevinWriter.WriteFragment(w, LevinFlags.Begin, inner.AsSpan(0, 20));
            LevinWriter.WriteFragment(w, LevinFlags.End, inner.AsSpan(20));
        });
        using var parser = new LevinFrameParser();

        var (messages, _, _, _) = Frames.Drain(parser, new ReadOnlySequence<byte>(stream));

        var message = Assert.Single(messages);
        Assert.Equal(LevinHeader.ForRequest(1003, 10), message.Header);
        Assert.Equal(inner[LevinHeader.Size..], message.Body);
    }

    [Fact]
    public void Pieces_without_a_begin_accumulate_like_in_monerod()
    {
        byte[] inner = Frames.Notification(2010, Body(30, 4));
        byte[] stream = Frames.Build(w =>
        {
            LevinWriter.WriteFragment(w, LevinFlags.None, inner.AsSpan(0, 10));
            LevinWriter.WriteFragment(w, LevinFlags.None, inner.AsSpan(10, 10));
            LevinWriter.WriteFragment(w, LevinFlags.End, inner.AsSpan(20));
        });
        using var parser = new LevinFrameParser();

        var (messages, _, _, _) = Frames.Drain(parser, new ReadOnlySequence<byte>(stream));

        Assert.Equal(inner[LevinHeader.Size..], Assert.Single(messages).Body);
        Assert.Equal(0, parser.PendingFragmentBytes);
    }

    [Fact]
    public void End_with_fewer_bytes_than_a_header_is_an_error()
    {
        byte[] stream = Frames.Build(w => LevinWriter.WriteFragment(w, LevinFlags.End, new byte[32]));
        using var parser = new LevinFrameParser();

        var (_, last, error, _) = Frames.Drain(parser, new ReadOnlySequence<byte>(stream));

        Assert.Equal(LevinParseStatus.Error, last);
        Assert.Equal(LevinErrorKind.FragmentTooShortForHeader, error.Kind);
        Assert.Contains("32", error.Message);
    }

    [Fact]
    public void Inner_header_declaring_more_than_was_reassembled_is_an_error()
    {
        byte[] inner = Frames.Notification(2002, Body(100, 5));
        byte[] stream = Frames.Build(w =>
        {
            LevinWriter.WriteFragment(w, LevinFlags.Begin, inner.AsSpan(0, 60));
            LevinWriter.WriteFragment(w, LevinFlags.End, inner.AsSpan(60, 72)); // one body byte missing
        });
        using var parser = new LevinFrameParser();

        var (messages, last, error, _) = Frames.Drain(parser, new ReadOnlySequence<byte>(stream));

        Assert.Empty(messages);
        Assert.Equal(LevinErrorKind.FragmentTruncated, error.Kind);
        Assert.Equal(LevinParseStatus.Error, last);
        Assert.Contains("100", error.Message);
        Assert.Contains("99", error.Message);
        Assert.Equal(LevinHeader.Size + 60, error.FrameOffset);
    }

    [Fact]
    public void Inner_message_is_checked_against_its_command_cap()
    {
        byte[] inner = Frames.Request(1003, new byte[4097]); // ping cap is 4096
        byte[] stream = Frames.Build(w =>
        {
            LevinWriter.WriteFragment(w, LevinFlags.Begin, inner.AsSpan(0, 3000));
            LevinWriter.WriteFragment(w, LevinFlags.End, inner.AsSpan(3000));
        });
        using var parser = new LevinFrameParser();

        var (_, last, error, _) = Frames.Drain(parser, new ReadOnlySequence<byte>(stream));

        Assert.Equal(LevinParseStatus.Error, last);
        Assert.Equal(LevinErrorKind.PacketTooLarge, error.Kind);
        Assert.Contains("4097", error.Message);
    }

    [Fact]
    public void Reassembly_may_not_grow_past_the_max_packet_size()
    {
        using var parser = new LevinFrameParser(maxPacketSize: 1000);
        byte[] stream = Frames.Build(w =>
        {
            LevinWriter.WriteFragment(w, LevinFlags.Begin, new byte[600]);
            LevinWriter.WriteFragment(w, LevinFlags.None, new byte[400]);
            // 1000 bytes pending: even a 1-byte body now exceeds the bound, caught on its header.
            w.Write(Frames.HeaderOnly(new LevinHeader(1, false, 0, 0, LevinFlags.None)));
        });

        var (_, last, error, remaining) = Frames.Drain(parser, new ReadOnlySequence<byte>(stream));

        Assert.Equal(LevinParseStatus.Error, last);
        Assert.Equal(LevinErrorKind.FragmentTooLarge, error.Kind);
        Assert.Equal(LevinHeader.Size, remaining);
        Assert.Equal(1000, parser.PendingFragmentBytes);
    }

    [Fact]
    public void Reassembled_body_stays_valid_until_the_next_call_then_the_buffer_is_reused()
    {
        byte[] first = Frames.Notification(2002, Body(64, 6));
        byte[] second = Frames.Notification(2002, Body(64, 7));
        byte[] stream = Frames.Build(w =>
        {
            LevinWriter.WriteFragment(w, LevinFlags.Begin, first.AsSpan(0, 50));
            LevinWriter.WriteFragment(w, LevinFlags.End, first.AsSpan(50));
            LevinWriter.WriteFragment(w, LevinFlags.Begin, second.AsSpan(0, 50));
            LevinWriter.WriteFragment(w, LevinFlags.End, second.AsSpan(50));
        });
        using var parser = new LevinFrameParser();
        var buffer = new ReadOnlySequence<byte>(stream);

        parser.TryParse(ref buffer, out _, out _);
        Assert.Equal(LevinParseStatus.Message, parser.TryParse(ref buffer, out LevinMessage message, out _));
        Assert.Equal(first[LevinHeader.Size..], message.Body.ToArray());
        Assert.Equal(0, parser.PendingFragmentBytes);

        parser.TryParse(ref buffer, out _, out _);
        Assert.Equal(LevinParseStatus.Message, parser.TryParse(ref buffer, out LevinMessage next, out _));
        Assert.Equal(second[LevinHeader.Size..], next.Body.ToArray());
    }
}
