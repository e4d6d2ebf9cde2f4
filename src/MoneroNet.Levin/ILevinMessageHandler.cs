namespace MoneroNet.Levin;

/// <summary>Receives the messages <see cref="LevinConnectionReader"/> parses from one connection.</summary>
public interface ILevinMessageHandler
{
    /// <summary>
    /// Handles one message. Its body is valid until the returned task completes (the reader advances the
    /// pipe only afterwards), so decode it before completing, or keep <see cref="LevinMessage.ToOwned"/>.
    /// Complete synchronously when possible: that costs no allocation.
    /// </summary>
    /// <returns>False to stop reading (the run ends with <see cref="LevinReadOutcomeKind.HandlerStopped"/>).</returns>
    ValueTask<bool> HandleAsync(LevinMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Called after every completed pipe read with the number of bytes that arrived since the previous one
    /// (monerod restarts the oldest pending request's timer on reads of at least 512 bytes). Optional.
    /// </summary>
    void OnBytesReceived(long byteCount)
    {
    }

    /// <summary>
    /// Called when the parser consumed a packet that delivers no message of its own (a dummy packet, or a fragment
    /// before the END one), with its bytes on the wire (header included), so a handler can account every byte. Optional.
    /// </summary>
    void OnPacketSkipped(long wireBytes)
    {
    }
}
