using System.Buffers;

namespace MoneroNet.Levin.Tests.Support;

/// <summary>Records every message (copying the body before returning, as the contract requires).</summary>
public sealed class CollectingHandler : ILevinMessageHandler
{
    private readonly Func<LevinMessage, bool>? _onMessage;

    public CollectingHandler(Func<LevinMessage, bool>? onMessage = null)
    {
        _onMessage = onMessage;
    }

    public List<Frames.Parsed> Messages { get; } = [];

    public long BytesReported { get; private set; }

    public ValueTask<bool> HandleAsync(LevinMessage message, CancellationToken cancellationToken)
    {
        Messages.Add(new Frames.Parsed(message.Header, message.Body.ToArray(), message.WasFragmented));
        return ValueTask.FromResult(_onMessage?.Invoke(message) ?? true);
    }

    public void OnBytesReceived(long byteCount) => BytesReported += byteCount;

    /// <summary>The wire sizes of the packets consumed without a message (dummies, non-final fragments), in order.</summary>
    public List<long> SkippedPackets { get; } = [];

    public void OnPacketSkipped(long wireBytes) => SkippedPackets.Add(wireBytes);
}
