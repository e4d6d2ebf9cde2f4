using System.Buffers;

namespace MoneroNet.Levin;

/// <summary>A received Levin message: its header and its body bytes.</summary>
/// <remarks>
/// <see cref="Body"/> usually points into the caller's pipe buffer (or, for a reassembled message,
/// into the parser's reassembly buffer) and is valid only until the caller advances the pipe or
/// calls the parser again, whichever comes first. Decode it before that, or call <see cref="ToOwned"/>.
/// </remarks>
public readonly struct LevinMessage
{
    /// <summary>A message of <paramref name="header"/> whose body is <paramref name="body"/> (not copied).</summary>
    public LevinMessage(LevinHeader header, ReadOnlySequence<byte> body, bool wasFragmented = false)
    {
        Header = header;
        Body = body;
        WasFragmented = wasFragmented;
    }

    /// <summary>The header of the message (of its first fragment's reassembled packet when fragmented).</summary>
    public LevinHeader Header { get; }

    /// <summary>Exactly <c>Header.BodyLength</c> bytes.</summary>
    public ReadOnlySequence<byte> Body { get; }

    /// <summary>True when the message was reassembled from fragments.</summary>
    public bool WasFragmented { get; }

    /// <summary>The command number (1001 handshake, 2002 new transactions, …), from the header.</summary>
    public uint Command => Header.Command;

    /// <summary>Request, response or notification, from the header's flags and expect-response bit.</summary>
    public LevinMessageKind Kind => Header.Kind;

    /// <summary>A copy whose body lives in a fresh array, valid for as long as it is referenced.</summary>
    public LevinMessage ToOwned() => new(Header, new ReadOnlySequence<byte>(Body.ToArray()), WasFragmented);
}
