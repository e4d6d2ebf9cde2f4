namespace MoneroNet.Levin;

/// <summary>Result of one <see cref="LevinFrameParser.TryParse"/> call.</summary>
public enum LevinParseStatus
{
    /// <summary>Not enough bytes for the next step; nothing was consumed.</summary>
    NeedMoreData,

    /// <summary>One frame was consumed and a message is ready (a plain one, or the reassembled inner message of an END fragment).</summary>
    Message,

    /// <summary>One frame was consumed that carries no message of its own: a dummy packet or a non-final fragment.</summary>
    Skipped,

    /// <summary>The stream violates the protocol; the connection must be closed. Nothing was consumed.</summary>
    Error,
}
