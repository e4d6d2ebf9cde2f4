using System.Buffers;
using MoneroNet.Levin.Tests.Support;

namespace MoneroNet.Levin.Tests;

public class LevinHeaderTests
{
    private static readonly LevinHeader Sample = new(0x0102030405060708, true, 0xA1B2C3D4, -7, LevinFlags.Response | LevinFlags.End, 1);

    [Fact]
    public void WriteTo_lays_out_the_packed_little_endian_fields()
    {
        var bytes = new byte[LevinHeader.Size];
        Sample.WriteTo(bytes);

        Assert.Equal(
            "0121010101010101" + "0807060504030201" + "01" + "D4C3B2A1" + "F9FFFFFF" + "0A000000" + "01000000",
            Convert.ToHexString(bytes));
    }

    [Fact]
    public void TryRead_reads_back_what_WriteTo_wrote_from_spans_and_split_sequences()
    {
        byte[] bytes = Frames.HeaderOnly(Sample);

        Assert.True(LevinHeader.TryRead(bytes, out LevinHeader fromSpan));
        Assert.True(LevinHeader.TryRead(SegmentedSequence.ByteBySegment(bytes), out LevinHeader fromSequence));
        Assert.Equal(Sample, fromSpan);
        Assert.Equal(Sample, fromSequence);
    }

    [Fact]
    public void TryRead_refuses_short_input_and_a_wrong_signature()
    {
        byte[] bytes = Frames.HeaderOnly(Sample);
        Assert.False(LevinHeader.TryRead(bytes.AsSpan(0, LevinHeader.Size - 1), out _));
        Assert.False(LevinHeader.TryRead(new ReadOnlySequence<byte>(bytes, 0, 20), out _));

        bytes[3] ^= 0x40;
        Assert.False(LevinHeader.TryRead(bytes, out _));
    }

    [Fact]
    public void WriteTo_rejects_a_short_destination()
    {
        Assert.Throws<ArgumentException>(() => Sample.WriteTo(new byte[LevinHeader.Size - 1]));
    }

    [Fact]
    public void Factories_follow_the_message_kinds_monerod_sends()
    {
        Assert.Equal(new LevinHeader(5, true, 1001, 0, LevinFlags.Request, 1), LevinHeader.ForRequest(1001, 5));
        Assert.Equal(new LevinHeader(5, false, 2002, 0, LevinFlags.Request, 1), LevinHeader.ForNotification(2002, 5));
        Assert.Equal(new LevinHeader(5, false, 1001, 1, LevinFlags.Response, 1), LevinHeader.ForResponse(1001, LevinReturnCodes.Success, 5));
    }

    [Theory]
    [InlineData(LevinFlags.Request, true, 1u, LevinMessageKind.Request)]
    [InlineData(LevinFlags.Request, false, 1u, LevinMessageKind.Notification)]
    [InlineData(LevinFlags.Response, false, 1u, LevinMessageKind.Response)]
    [InlineData(LevinFlags.Response, true, 1u, LevinMessageKind.Response)]
    // monerod only treats S as a response with protocol version 1; otherwise expect_response decides.
    [InlineData(LevinFlags.Response, true, 2u, LevinMessageKind.Request)]
    [InlineData(LevinFlags.Response, false, 0u, LevinMessageKind.Notification)]
    public void Kind_is_decided_like_monerod(LevinFlags flags, bool expectResponse, uint version, LevinMessageKind expected)
    {
        Assert.Equal(expected, new LevinHeader(0, expectResponse, 1003, 0, flags, version).Kind);
    }

    [Fact]
    public void Return_codes_match_levin_base()
    {
        Assert.Equal(
            new[] { 0, -1, -2, -3, -4, -5, -6, -7, 1 },
            new[]
            {
                LevinReturnCodes.Ok, LevinReturnCodes.ErrorConnection, LevinReturnCodes.ErrorConnectionNotFound,
                LevinReturnCodes.ErrorConnectionDestroyed, LevinReturnCodes.ErrorConnectionTimedOut,
                LevinReturnCodes.ErrorNoDuplexProtocol, LevinReturnCodes.ErrorHandlerNotDefined, LevinReturnCodes.ErrorFormat,
                LevinReturnCodes.Success,
            });
    }
}
