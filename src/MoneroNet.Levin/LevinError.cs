namespace MoneroNet.Levin;

/// <summary>A protocol violation found in a Levin stream.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="FrameOffset">Stream offset (bytes since the parser started or was reset) of the packet that caused it.</param>
/// <param name="Message">Human-readable description naming the offending values.</param>
public readonly record struct LevinError(LevinErrorKind Kind, long FrameOffset, string Message)
{
    /// <summary>True unless this is the default (no error) value.</summary>
    public bool IsError => Kind != LevinErrorKind.None;

    /// <summary>"Kind at offset N: message", as the logs print it.</summary>
    public override string ToString() => $"{Kind} at offset {FrameOffset}: {Message}";
}
