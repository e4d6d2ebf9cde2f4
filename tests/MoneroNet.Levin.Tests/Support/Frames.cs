using System.Buffers;

namespace MoneroNet.Levin.Tests.Support;

/// <summary>Small helpers to build Levin byte streams and to drain a parser over them.</summary>
public static class Frames
{
    public static byte[] Request(uint command, byte[] body) => Build(w => LevinWriter.WriteRequest(w, command, body));

    public static byte[] Notification(uint command, byte[] body) => Build(w => LevinWriter.WriteNotification(w, command, body));

    /// <summary>Just the 33 bytes of <paramref name="header"/>, without its body.</summary>
    public static byte[] HeaderOnly(LevinHeader header)
    {
        var bytes = new byte[LevinHeader.Size];
        header.WriteTo(bytes);
        return bytes;
    }

    public static byte[] Build(Action<ArrayBufferWriter<byte>> write)
    {
        var writer = new ArrayBufferWriter<byte>();
        write(writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>A parsed message with its body copied, for comparisons.</summary>
    public sealed record Parsed(LevinHeader Header, byte[] Body, bool WasFragmented);

    /// <summary>Parses packets until the parser needs more data or fails; returns the owned messages and the final status.</summary>
    public static (List<Parsed> Messages, LevinParseStatus Last, LevinError Error, long Remaining) Drain(LevinFrameParser parser, ReadOnlySequence<byte> buffer)
    {
        var messages = new List<Parsed>();
        while (true)
        {
            LevinParseStatus status = parser.TryParse(ref buffer, out LevinMessage message, out LevinError error);
            if (status == LevinParseStatus.Message)
                messages.Add(new Parsed(message.Header, message.Body.ToArray(), message.WasFragmented));
            else if (status != LevinParseStatus.Skipped)
                return (messages, status, error, buffer.Length);
        }
    }
}
