namespace MoneroNet.Levin;

/// <summary>Why <see cref="LevinConnectionReader.RunAsync"/> stopped.</summary>
public enum LevinReadOutcomeKind
{
    /// <summary>The remote end completed the pipe; see <see cref="LevinReadOutcome.TrailingBytes"/> for a cut-off packet.</summary>
    RemoteClosed,

    /// <summary>The stream violated the protocol; see <see cref="LevinReadOutcome.Error"/>.</summary>
    Error,

    /// <summary>The token was cancelled or the pending read was cancelled.</summary>
    Cancelled,

    /// <summary>The handler returned false.</summary>
    HandlerStopped,
}

/// <summary>How a read loop ended.</summary>
/// <param name="Kind">Why it ended.</param>
/// <param name="Error">The protocol violation when <paramref name="Kind"/> is <see cref="LevinReadOutcomeKind.Error"/>, otherwise default.</param>
/// <param name="TrailingBytes">Bytes received and never parsed: an incomplete packet left when the remote closed (0 for a
/// clean close), or the bad packet and what followed it on an error.</param>
public readonly record struct LevinReadOutcome(LevinReadOutcomeKind Kind, LevinError Error = default, long TrailingBytes = 0);
