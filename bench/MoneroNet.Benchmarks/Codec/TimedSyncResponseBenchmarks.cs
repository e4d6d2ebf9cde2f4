using MoneroNet.Benchmarks.Fixtures;
using MoneroNet.Wire;

namespace MoneroNet.Benchmarks.Codec;

/// <summary>
/// COMMAND_TIMED_SYNC (1002) response: the real testnet capture p2p_testnet/timed_sync_response.hex (monerod's answer
/// to the request above; its peer list is empty, as it is once a connection has been sent every known peer).
/// </summary>
public class TimedSyncResponseBenchmarks : MessageCodecBenchmarks<TimedSyncResponse>
{
    protected override byte[] CreateFrame() => CaptureFile.ReadMessage("timed_sync_response.hex");
}
