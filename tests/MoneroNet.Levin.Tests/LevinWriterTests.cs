using System.Buffers;
using MoneroNet.Levin.Tests.Support;

namespace MoneroNet.Levin.Tests;

public class LevinWriterTests
{
    [Fact]
    public void Request_notification_and_response_carry_monerods_flags_er_and_rc()
    {
        byte[] body = [1, 2, 3];
        var output = new ArrayBufferWriter<byte>();

        Assert.Equal(36, LevinWriter.WriteRequest(output, 1001, body));
        Assert.Equal(36, LevinWriter.WriteNotification(output, 2002, body));
        Assert.Equal(36, LevinWriter.WriteResponse(output, 1001, LevinReturnCodes.Success, body));

        ReadOnlySpan<byte> written = output.WrittenSpan;
        Assert.True(LevinHeader.TryRead(written, out var request));
        Assert.True(LevinHeader.TryRead(written[36..], out var notification));
        Assert.True(LevinHeader.TryRead(written[72..], out var response));
        Assert.Equal(new LevinHeader(3, true, 1001, 0, LevinFlags.Request, 1), request);
        Assert.Equal(new LevinHeader(3, false, 2002, 0, LevinFlags.Request, 1), notification);
        Assert.Equal(new LevinHeader(3, false, 1001, 1, LevinFlags.Response, 1), response);
        Assert.Equal(body, written.Slice(33, 3).ToArray());
    }

    [Fact]
    public void WriteMessage_refuses_a_header_that_disagrees_with_the_body()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => LevinWriter.WriteMessage(output, LevinHeader.ForRequest(1, 4), new byte[3]));
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Dummy_is_a_zero_filled_begin_end_packet_of_the_requested_size()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.Equal(3072, LevinWriter.WriteDummy(output, 3072));

        Assert.Equal(3072, output.WrittenCount);
        Assert.True(LevinHeader.TryRead(output.WrittenSpan, out var header));
        Assert.Equal(new LevinHeader(3072 - 33, false, 0, 0, LevinFlags.Begin | LevinFlags.End, 1), header);
        Assert.True(header.IsDummy);
        Assert.DoesNotContain(output.WrittenSpan[33..].ToArray(), b => b != 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => LevinWriter.WriteDummy(output, 32));
    }

    [Fact]
    public void Fragmented_notification_matches_monerods_layout()
    {
        const int packet = 100; // 67 payload bytes per fragment
        byte[] body = Enumerable.Range(0, 150).Select(i => (byte)i).ToArray();
        var output = new ArrayBufferWriter<byte>();

        int written = LevinWriter.WriteFragmentedNotification(output, packet, 2002, body);

        // payload = inner header (33) + body (150) = 183 bytes → pieces of 67, 67, 49 (+18 padding)
        Assert.Equal(300, written);
        Assert.Equal(300, output.WrittenCount);
        byte[] payload = [.. Frames.HeaderOnly(LevinHeader.ForNotification(2002, 150)), .. body];
        byte[] expected = Frames.Build(w =>
        {
            w.Write(Frames.HeaderOnly(new LevinHeader(67, false, 0, 0, LevinFlags.Begin)));
            w.Write(payload.AsSpan(0, 67));
            w.Write(Frames.HeaderOnly(new LevinHeader(67, false, 0, 0, LevinFlags.None)));
            w.Write(payload.AsSpan(67, 67));
            w.Write(Frames.HeaderOnly(new LevinHeader(67, false, 0, 0, LevinFlags.End)));
            w.Write(payload.AsSpan(134));
            w.Write(new byte[18]);
        });
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void Small_fragmented_notification_is_a_single_padded_notification()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.Equal(100, LevinWriter.WriteFragmentedNotification(output, 100, 2002, [7, 7]));

        Assert.True(LevinHeader.TryRead(output.WrittenSpan, out var header));
        Assert.Equal(LevinHeader.ForNotification(2002, 67), header);
        Assert.Equal(new byte[] { 7, 7 }, output.WrittenSpan.Slice(33, 2).ToArray());
        Assert.DoesNotContain(output.WrittenSpan[35..].ToArray(), b => b != 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => LevinWriter.WriteFragmentedNotification(output, 65, 2002, []));
    }

    [Fact]
    public void Fragment_refuses_request_or_response_flags()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => LevinWriter.WriteFragment(output, LevinFlags.Begin | LevinFlags.Request, [1]));
    }

    [Fact]
    public void Writer_works_with_tiny_buffer_segments()
    {
        // A pipe writer hands out segments of its own size; the zero padding must span several of them.
        var pipe = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(minimumSegmentSize: 1));
        int written = LevinWriter.WriteFragmentedNotification(pipe.Writer, 3072, 2002, new byte[5000]);
        pipe.Writer.Complete();

        Assert.True(pipe.Reader.TryRead(out var result));
        Assert.Equal(written, result.Buffer.Length);
        using var parser = new LevinFrameParser();
        var (messages, _, _, remaining) = Frames.Drain(parser, result.Buffer);
        Assert.Equal(0, remaining);
        Assert.Equal(new byte[5000], Assert.Single(messages).Body);
        pipe.Reader.AdvanceTo(result.Buffer.End);
    }
}
