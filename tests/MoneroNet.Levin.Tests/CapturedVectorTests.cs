using System.Buffers;
using MoneroNet.Levin.Tests.Support;

namespace MoneroNet.Levin.Tests;

/// <summary>Every captured P2P message parses to what MANIFEST.md says and re-encodes byte for byte.</summary>
public class CapturedVectorTests
{
    [Fact]
    public void Manifest_lists_every_p2p_vector_on_disk()
    {
        Assert.Equal(
            CapturedVectors.P2pHexFilesOnDisk().Order(StringComparer.Ordinal),
            CapturedVectors.P2pEntries.Select(e => e.RelativePath).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CapturedVectors.P2pEntryData), MemberType = typeof(CapturedVectors))]
    public void Vector_parses_to_the_manifest_header(string relativePath)
    {
        ManifestEntry expected = CapturedVectors.Entry(relativePath);
        byte[] bytes = CapturedVectors.ReadBytes(relativePath);
        using var parser = new LevinFrameParser();
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.Equal(LevinParseStatus.Message, parser.TryParse(ref buffer, out LevinMessage message, out _));

        Assert.True(buffer.IsEmpty);
        Assert.Equal(expected.Command, message.Header.Command);
        Assert.Equal(expected.Flags, message.Header.Flags);
        Assert.Equal(expected.ExpectResponse, message.Header.ExpectResponse);
        Assert.Equal(expected.ReturnCode, message.Header.ReturnCode);
        Assert.Equal(expected.BodyLength, message.Header.BodyLength);
        Assert.Equal(LevinHeader.CurrentProtocolVersion, message.Header.ProtocolVersion);
        Assert.Equal(bytes.AsSpan(LevinHeader.Size).ToArray(), message.Body.ToArray());
        Assert.False(message.WasFragmented);
    }

    [Theory]
    [MemberData(nameof(CapturedVectors.P2pEntryData), MemberType = typeof(CapturedVectors))]
    public void Vector_parses_the_same_when_every_byte_is_its_own_segment(string relativePath)
    {
        byte[] bytes = CapturedVectors.ReadBytes(relativePath);
        using var parser = new LevinFrameParser();

        var (messages, last, _, remaining) = Frames.Drain(parser, SegmentedSequence.ByteBySegment(bytes));

        Assert.Equal(LevinParseStatus.NeedMoreData, last);
        Assert.Equal(0, remaining);
        var single = Assert.Single(messages);
        Assert.Equal(bytes.AsSpan(LevinHeader.Size).ToArray(), single.Body);
    }

    [Theory]
    [MemberData(nameof(CapturedVectors.P2pEntryData), MemberType = typeof(CapturedVectors))]
    public void Vector_is_rewritten_byte_identically_by_the_writer_for_its_kind(string relativePath)
    {
        byte[] bytes = CapturedVectors.ReadBytes(relativePath);
        Assert.True(LevinHeader.TryRead(bytes, out LevinHeader header));
        byte[] body = bytes[LevinHeader.Size..];
        var output = new ArrayBufferWriter<byte>();

        int written = header.Kind switch
        {
            LevinMessageKind.Request => LevinWriter.WriteRequest(output, header.Command, body),
            LevinMessageKind.Notification => LevinWriter.WriteNotification(output, header.Command, body),
            _ => LevinWriter.WriteResponse(output, header.Command, header.ReturnCode, body),
        };

        Assert.Equal(bytes.Length, written);
        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(output.WrittenSpan));
    }
}
