using System.Buffers;
using MoneroNet.Levin.Tests.Support;

namespace MoneroNet.Levin.Tests;

/// <summary>Receive checks in monerod's order: signature, header, size limits, body.</summary>
public class LevinFrameParserTests
{
    private static readonly byte[] Ping = Frames.Request(1003, [0x01, 0x11, 0x01, 0x01, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00]);

    [Fact]
    public void Waits_without_consuming_until_a_whole_packet_is_there()
    {
        using var parser = new LevinFrameParser();
        for (int length = 0; length < Ping.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(Ping, 0, length);
            Assert.Equal(LevinParseStatus.NeedMoreData, parser.TryParse(ref buffer, out _, out LevinError error));
            Assert.Equal(length, buffer.Length);
            Assert.False(error.IsError);
        }

        var whole = new ReadOnlySequence<byte>(Ping);
        Assert.Equal(LevinParseStatus.Message, parser.TryParse(ref whole, out LevinMessage message, out _));
        Assert.Equal(1003u, message.Command);
        Assert.Equal(LevinMessageKind.Request, message.Kind);
        Assert.Equal(Ping.Length, parser.StreamOffset);
    }

    [Fact]
    public void Consumes_exactly_one_packet_per_call()
    {
        byte[] two = [.. Ping, .. Frames.Notification(2002, [9, 9])];
        var buffer = new ReadOnlySequence<byte>(two);
        using var parser = new LevinFrameParser();

        Assert.Equal(LevinParseStatus.Message, parser.TryParse(ref buffer, out LevinMessage first, out _));
        Assert.Equal(two.Length - Ping.Length, buffer.Length);
        Assert.Equal(1003u, first.Command);
        Assert.Equal(LevinParseStatus.Message, parser.TryParse(ref buffer, out LevinMessage second, out _));
        Assert.Equal(new byte[] { 9, 9 }, second.Body.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Body_in_one_segment_is_a_slice_of_the_input_not_a_copy()
    {
        var buffer = new ReadOnlySequence<byte>(Ping);
        using var parser = new LevinFrameParser();

        Assert.Equal(LevinParseStatus.Message, parser.TryParse(ref buffer, out LevinMessage message, out _));

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(message.Body.First, out ArraySegment<byte> segment));
        Assert.Same(Ping, segment.Array);
        Assert.Equal(LevinHeader.Size, segment.Offset);
    }

    [Fact]
    public void Parsing_plain_messages_allocates_nothing()
    {
        byte[] stream = Frames.Build(w =>
        {
            for (int i = 0; i < 200; i++)
                LevinWriter.WriteNotification(w, 2002, new byte[i]);
        });
        using var parser = new LevinFrameParser();
        var warmUp = new ReadOnlySequence<byte>(Ping);
        parser.TryParse(ref warmUp, out _, out _);
        var buffer = new ReadOnlySequence<byte>(stream);
        int messages = 0;
        long bodyBytes = 0;

        long before = GC.GetAllocatedBytesForCurrentThread();
        while (parser.TryParse(ref buffer, out LevinMessage message, out _) == LevinParseStatus.Message)
        {
            messages++;
            bodyBytes += message.Body.Length;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(200, messages);
        Assert.Equal(199 * 200 / 2, bodyBytes);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ToOwned_survives_changes_to_the_input()
    {
        byte[] bytes = (byte[])Ping.Clone();
        var buffer = new ReadOnlySequence<byte>(bytes);
        using var parser = new LevinFrameParser();
        Assert.Equal(LevinParseStatus.Message, parser.TryParse(ref buffer, out LevinMessage message, out _));

        LevinMessage owned = message.ToOwned();
        bytes.AsSpan(LevinHeader.Size).Clear();

        Assert.Equal(Ping[LevinHeader.Size..], owned.Body.ToArray());
        Assert.Equal(message.Header, owned.Header);
    }

    [Fact]
    public void Bad_signature_is_reported_as_soon_as_eight_bytes_are_there()
    {
        byte[] bytes = (byte[])Ping.Clone();
        bytes[7] = 0x00;
        using var parser = new LevinFrameParser();

        var seven = new ReadOnlySequence<byte>(bytes, 0, 7);
        Assert.Equal(LevinParseStatus.NeedMoreData, parser.TryParse(ref seven, out _, out _));

        var eight = SegmentedSequence.Split(bytes[..8], 3, 5);
        Assert.Equal(LevinParseStatus.Error, parser.TryParse(ref eight, out _, out LevinError error));
        Assert.Equal(LevinErrorKind.BadSignature, error.Kind);
        Assert.Equal(0, error.FrameOffset);
        Assert.Contains("0121010101010100", error.Message);
        Assert.Equal(8, eight.Length);
    }

    [Fact]
    public void Bad_signature_of_a_later_packet_names_its_offset()
    {
        byte[] bytes = [.. Ping, .. "GET / HTTP/1.1\r\n"u8.ToArray()];
        using var parser = new LevinFrameParser();

        var (messages, last, error, _) = Frames.Drain(parser, new ReadOnlySequence<byte>(bytes));

        Assert.Single(messages);
        Assert.Equal(LevinParseStatus.Error, last);
        Assert.Equal(LevinErrorKind.BadSignature, error.Kind);
        Assert.Equal(Ping.Length, error.FrameOffset);
    }

    [Fact]
    public void Oversize_handshake_from_protocol_2_3_is_rejected_on_the_header_alone()
    {
        // docs/PROTOCOL.md §2.3: a 1001 declaring 65 537 body bytes was closed immediately by monerod.
        var buffer = new ReadOnlySequence<byte>(Frames.HeaderOnly(LevinHeader.ForRequest(1001, 65_537)));
        using var parser = new LevinFrameParser();

        Assert.Equal(LevinParseStatus.Error, parser.TryParse(ref buffer, out _, out LevinError error));

        Assert.Equal(LevinErrorKind.PacketTooLarge, error.Kind);
        Assert.Contains("65537", error.Message);
        Assert.Contains("1001", error.Message);
        Assert.Contains("65536", error.Message);
    }

    [Fact]
    public void Handshake_at_its_cap_is_accepted_and_waits_for_the_body()
    {
        var buffer = new ReadOnlySequence<byte>(Frames.HeaderOnly(LevinHeader.ForRequest(1001, 65_536)));
        using var parser = new LevinFrameParser();

        Assert.Equal(LevinParseStatus.NeedMoreData, parser.TryParse(ref buffer, out _, out _));
    }

    [Theory]
    [InlineData(2002u)] // no command cap below the packet limit
    [InlineData(9999u)] // unknown command: packet limit only
    public void Packet_limit_is_256_KiB_before_and_100_MB_after_the_handshake(uint command)
    {
        using var parser = new LevinFrameParser();
        Assert.Equal(LevinLimits.InitialMaxPacketSize, parser.MaxPacketSize);

        Assert.Equal(LevinParseStatus.NeedMoreData, ParseHeader(parser, command, 262_144));
        Assert.Equal(LevinParseStatus.Error, ParseHeader(parser, command, 262_145));

        parser.MaxPacketSize = LevinLimits.DefaultMaxPacketSize;
        Assert.Equal(LevinParseStatus.NeedMoreData, ParseHeader(parser, command, 262_145));
        Assert.Equal(LevinParseStatus.NeedMoreData, ParseHeader(parser, command, 100_000_000));
        Assert.Equal(LevinParseStatus.Error, ParseHeader(parser, command, 100_000_001));
    }

    public static TheoryData<uint, ulong> CommandCaps => new()
    {
        { 1001, 65_536 }, { 1002, 65_536 }, { 1003, 4_096 }, { 1007, 4_096 },
        { 2003, 2 * 1024 * 1024 }, { 2006, 512 * 1024 }, { 2007, 4 * 1024 * 1024 },
        { 2008, 4 * 1024 * 1024 }, { 2009, 1024 * 1024 }, { 2010, 4 * 1024 * 1024 },
    };

    [Theory]
    [MemberData(nameof(CommandCaps))]
    public void Per_command_caps_apply_on_top_of_the_packet_limit(uint command, ulong cap)
    {
        Assert.Equal(cap, LevinLimits.MaxBodyFor(command));
        using var parser = new LevinFrameParser(LevinLimits.DefaultMaxPacketSize);

        Assert.Equal(LevinParseStatus.NeedMoreData, ParseHeader(parser, command, cap));
        Assert.Equal(LevinParseStatus.Error, ParseHeader(parser, command, cap + 1));
    }

    [Theory]
    [InlineData(2001u)]
    [InlineData(2002u)]
    [InlineData(2004u)]
    [InlineData(0u)]
    [InlineData(1004u)]
    [InlineData(uint.MaxValue)]
    public void Commands_with_a_128_MiB_cap_or_none_are_bounded_by_the_packet_limit(uint command)
    {
        Assert.True(LevinLimits.MaxBodyFor(command) > LevinLimits.DefaultMaxPacketSize);
        using var parser = new LevinFrameParser(LevinLimits.DefaultMaxPacketSize);

        Assert.Equal(LevinParseStatus.Error, ParseHeader(parser, command, LevinLimits.DefaultMaxPacketSize + 1UL));
    }

    [Fact]
    public void Responses_and_notifications_share_the_command_cap()
    {
        using var parser = new LevinFrameParser(LevinLimits.DefaultMaxPacketSize);
        var response = new ReadOnlySequence<byte>(Frames.HeaderOnly(LevinHeader.ForResponse(1003, 1, 4_097)));

        Assert.Equal(LevinParseStatus.Error, parser.TryParse(ref response, out _, out LevinError error));
        Assert.Equal(LevinErrorKind.PacketTooLarge, error.Kind);
    }

    [Fact]
    public void Max_packet_size_rejects_values_outside_an_array()
    {
        using var parser = new LevinFrameParser();
        Assert.Throws<ArgumentOutOfRangeException>(() => parser.MaxPacketSize = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LevinFrameParser(int.MaxValue));
    }

    private static LevinParseStatus ParseHeader(LevinFrameParser parser, uint command, ulong bodyLength)
    {
        var buffer = new ReadOnlySequence<byte>(Frames.HeaderOnly(LevinHeader.ForNotification(command, bodyLength)));
        LevinParseStatus status = parser.TryParse(ref buffer, out _, out LevinError error);
        if (status == LevinParseStatus.Error)
            Assert.Equal(LevinErrorKind.PacketTooLarge, error.Kind);
        return status;
    }
}
