using MoneroNet.Benchmarks.Fixtures;
using MoneroNet.Levin;
using MoneroNet.Wire;

namespace MoneroNet.Benchmarks.Codec;

/// <summary>COMMAND_HANDSHAKE (1001) response carrying a full peer list of 250 entries (synthetic, fixed seed).</summary>
public class HandshakeResponseBenchmarks : MessageCodecBenchmarks<HandshakeResponse>
{
    protected override byte[] CreateFrame()
    {
        byte[] body = WireCodec.Encode(SampleHandshakeResponse.Create());
        var frame = new System.Buffers.ArrayBufferWriter<byte>(LevinHeader.Size + body.Length);
        LevinWriter.WriteResponse(frame, HandshakeResponse.Command, LevinReturnCodes.Success, body);
        return frame.WrittenSpan.ToArray();
    }
}
