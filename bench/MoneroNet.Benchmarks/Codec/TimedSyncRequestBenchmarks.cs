using MoneroNet.Benchmarks.Fixtures;
using MoneroNet.Wire;

namespace MoneroNet.Benchmarks.Codec;

/// <summary>COMMAND_TIMED_SYNC (1002) request: the real testnet capture p2p_testnet/timed_sync_request.hex.</summary>
public class TimedSyncRequestBenchmarks : MessageCodecBenchmarks<TimedSyncRequest>
{
    protected override byte[] CreateFrame() => CaptureFile.ReadMessage("timed_sync_request.hex");
}
