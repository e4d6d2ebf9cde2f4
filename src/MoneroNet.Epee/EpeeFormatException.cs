namespace MoneroNet.Epee;

/// <summary>A portable-storage payload that epee would reject.</summary>
public sealed class EpeeFormatException : Exception
{
    /// <summary>What was wrong (<paramref name="kind"/>), at which byte of the payload, and a description.</summary>
    public EpeeFormatException(EpeeError kind, long offset, string message)
        : base($"{message} (at byte {offset})")
    {
        Kind = kind;
        Offset = offset;
    }

    /// <summary>What is wrong.</summary>
    public EpeeError Kind { get; }

    /// <summary>Offset, from the start of the payload (header included), of the byte that starts the offending item.</summary>
    public long Offset { get; }
}
