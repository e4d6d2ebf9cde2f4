using System.Buffers;
using CsCheck;

namespace MoneroNet.Levin.Tests.Support;

/// <summary>What one generated piece of a Levin stream is.</summary>
public enum FrameShape
{
    Request,
    Notification,
    Response,
    Dummy,

    /// <summary>A notification sent through <see cref="LevinWriter.WriteFragmentedNotification"/> (padded, maybe fragmented).</summary>
    NoiseNotification,

    /// <summary>Any message cut at arbitrary points into BEGIN / middle / END fragments without padding.</summary>
    SplitMessage,
}

/// <summary>A generated packet (or packet group) of a Levin stream.</summary>
public sealed record FrameSpec(FrameShape Shape, uint Command, int ReturnCode, byte[] Body, int PacketSize, int[] Cuts)
{
    public override string ToString() => $"{Shape} cmd {Command} rc {ReturnCode} body {Body.Length} packet {PacketSize} cuts [{string.Join(",", Cuts)}]";
}

/// <summary>A whole generated stream, the messages a correct reader must report, and how to cut it into writes.</summary>
public sealed record GeneratedStream(byte[] Bytes, IReadOnlyList<Frames.Parsed> Expected, int[] WriteCuts, int SegmentSize)
{
    public override string ToString() =>
        $"{Bytes.Length} bytes, {Expected.Count} messages, segment {SegmentSize}, writes cut at [{string.Join(",", WriteCuts)}]";
}

public static class RandomStreams
{
    // Commands whose caps are all above the generated body sizes, plus unknown and zero commands.
    private static readonly uint[] Commands = [0, 1001, 1002, 1003, 1007, 2002, 2008, 9999, uint.MaxValue];

    public static readonly Gen<FrameSpec> Frame =
        Gen.Select(
            Gen.Enum<FrameShape>(),
            Gen.OneOf(Commands),
            Gen.Int[-7, 1],
            Gen.Byte.Array[0, 700],
            Gen.Int[LevinWriter.MinimumFragmentPacketSize, 400],
            Gen.Int[1, 800].Array[0, 6])
        .Select((shape, command, rc, body, packet, cuts) => new FrameSpec(shape, command, rc, body, packet, cuts));

    public static readonly Gen<GeneratedStream> Stream =
        Gen.Select(Frame.Array[0, 12], Gen.Int[1, 5000].Array[0, 20], Gen.Int[1, 256])
            .Select((frames, writeCuts, segmentSize) => Encode(frames, writeCuts, segmentSize));

    public static GeneratedStream Encode(FrameSpec[] frames, int[] writeCuts, int segmentSize)
    {
        var output = new ArrayBufferWriter<byte>();
        var expected = new List<Frames.Parsed>();
        foreach (FrameSpec frame in frames)
            EncodeOne(frame, output, expected);

        byte[] bytes = output.WrittenSpan.ToArray();
        int[] cuts = writeCuts.Where(c => c < bytes.Length).Distinct().Order().ToArray();
        return new GeneratedStream(bytes, expected, cuts, segmentSize);
    }

    private static void EncodeOne(FrameSpec frame, ArrayBufferWriter<byte> output, List<Frames.Parsed> expected)
    {
        byte[] body = frame.Body;
        switch (frame.Shape)
        {
            case FrameShape.Request:
                LevinWriter.WriteRequest(output, frame.Command, body);
                expected.Add(new(LevinHeader.ForRequest(frame.Command, (ulong)body.Length), body, false));
                break;
            case FrameShape.Notification:
                LevinWriter.WriteNotification(output, frame.Command, body);
                expected.Add(new(LevinHeader.ForNotification(frame.Command, (ulong)body.Length), body, false));
                break;
            case FrameShape.Response:
                LevinWriter.WriteResponse(output, frame.Command, frame.ReturnCode, body);
                expected.Add(new(LevinHeader.ForResponse(frame.Command, frame.ReturnCode, (ulong)body.Length), body, false));
                break;
            case FrameShape.Dummy:
                LevinWriter.WriteDummy(output, frame.PacketSize);
                break;
            case FrameShape.NoiseNotification:
                LevinWriter.WriteFragmentedNotification(output, frame.PacketSize, frame.Command, body);
                if (LevinHeader.Size + body.Length <= frame.PacketSize)
                {
                    byte[] padded = new byte[frame.PacketSize - LevinHeader.Size];
                    body.CopyTo(padded, 0);
                    expected.Add(new(LevinHeader.ForNotification(frame.Command, (ulong)padded.Length), padded, false));
                }
                else
                {
                    expected.Add(new(LevinHeader.ForNotification(frame.Command, (ulong)body.Length), body, true));
                }
                break;
            case FrameShape.SplitMessage:
                var inner = LevinHeader.ForResponse(frame.Command, frame.ReturnCode, (ulong)body.Length);
                byte[] payload = [.. Frames.HeaderOnly(inner), .. body];
                int[] bounds = frame.Cuts.Where(c => c < payload.Length).Distinct().Order().Append(payload.Length).ToArray();
                int start = 0;
                for (int i = 0; i < bounds.Length; i++)
                {
                    // A lone piece cannot carry BEGIN|END (that is a dummy), so it goes with END only.
                    LevinFlags position = i == bounds.Length - 1 ? LevinFlags.End : i == 0 ? LevinFlags.Begin : LevinFlags.None;
                    LevinWriter.WriteFragment(output, position, payload.AsSpan(start, bounds[i] - start));
                    start = bounds[i];
                }
                expected.Add(new(inner, body, true));
                break;
        }
    }
}
