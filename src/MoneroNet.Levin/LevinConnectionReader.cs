using System.Buffers;
using System.IO.Pipelines;

namespace MoneroNet.Levin;

/// <summary>
/// Reads Levin messages from one connection's <see cref="PipeReader"/> and hands each to a handler, advancing the
/// pipe exactly past what was parsed. One instance per connection; it owns the connection's <see cref="LevinFrameParser"/>.
/// </summary>
/// <remarks>
/// Per packet there is no allocation when the handler completes synchronously: bodies are slices of the pipe's
/// buffers. Dispose only after <see cref="RunAsync"/> has finished (it returns the parser's reassembly buffer).
/// </remarks>
public sealed class LevinConnectionReader : IDisposable
{
    /// <summary>A reader whose parser starts at <paramref name="maxPacketSize"/> (monerod's 256 KiB before a handshake).</summary>
    public LevinConnectionReader(int maxPacketSize = LevinLimits.InitialMaxPacketSize)
    {
        Parser = new LevinFrameParser(maxPacketSize);
    }

    /// <summary>The parser state of this connection (reassembly buffer, stream offset).</summary>
    public LevinFrameParser Parser { get; }

    /// <summary>
    /// The connection's current max packet size. A handler may raise it (after the handshake) while handling a
    /// message; it applies from the next packet.
    /// </summary>
    public int MaxPacketSize
    {
        get => Parser.MaxPacketSize;
        set => Parser.MaxPacketSize = value;
    }

    /// <summary>
    /// Reads until the remote closes, a protocol error, cancellation, or the handler asks to stop. Protocol errors
    /// and cancellation are reported in the outcome, not thrown; exceptions thrown by the handler propagate.
    /// The reader is not completed here: its owner does that.
    /// </summary>
    public async Task<LevinReadOutcome> RunAsync(PipeReader reader, ILevinMessageHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(handler);

        long unconsumedBefore = 0;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return new LevinReadOutcome(LevinReadOutcomeKind.Cancelled);
            }

            ReadOnlySequence<byte> buffer = result.Buffer;
            handler.OnBytesReceived(buffer.Length - unconsumedBefore);

            while (true)
            {
                long offsetBefore = Parser.StreamOffset;
                LevinParseStatus status = Parser.TryParse(ref buffer, out LevinMessage message, out LevinError error);
                if (status == LevinParseStatus.NeedMoreData)
                    break;

                if (status == LevinParseStatus.Error)
                {
                    // Everything not parsed (the bad packet and what follows it) is reported, so it can be counted.
                    long unparsed = buffer.Length;
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    return new LevinReadOutcome(LevinReadOutcomeKind.Error, error, unparsed);
                }

                if (status == LevinParseStatus.Skipped)
                    handler.OnPacketSkipped(Parser.StreamOffset - offsetBefore);

                if (status == LevinParseStatus.Message
                    && !await handler.HandleAsync(message, cancellationToken).ConfigureAwait(false))
                {
                    reader.AdvanceTo(buffer.Start, buffer.Start);
                    return new LevinReadOutcome(LevinReadOutcomeKind.HandlerStopped);
                }
            }

            // Everything left is an incomplete packet: keep it, and wait for bytes beyond what was examined.
            unconsumedBefore = buffer.Length;
            reader.AdvanceTo(buffer.Start, buffer.End);

            if (result.IsCanceled)
                return new LevinReadOutcome(LevinReadOutcomeKind.Cancelled);
            if (result.IsCompleted)
                return new LevinReadOutcome(LevinReadOutcomeKind.RemoteClosed, TrailingBytes: unconsumedBefore);
        }
    }

    /// <summary>Returns the parser's reassembly buffer to the pool; only after <see cref="RunAsync"/> has finished.</summary>
    public void Dispose() => Parser.Dispose();
}
