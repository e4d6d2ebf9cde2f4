using MoneroNet.P2P.Connections;

namespace MoneroNet.P2P.Stats;

/// <summary>How a connection's handshake ended (node-wide counts: get_connection_stats, /metrics).</summary>
public enum HandshakeResult
{
    /// <summary>Completed, the peer id accepted.</summary>
    Ok,
    /// <summary>No handshake (or no answer to ours) in time.</summary>
    Timeout,
    /// <summary>The peer is on another network.</summary>
    WrongNetwork,
    /// <summary>The peer id was already connected; the newer connection was dropped.</summary>
    DuplicatePeerId,
    /// <summary>One side refused it: a failing return code, ourselves, a handshake on a dialled connection, bad sync data or peer list.</summary>
    Rejected,
    /// <summary>The connection ended before any handshake result (reset, closed by the peer, banned, shutdown, …).</summary>
    Failed,
}

/// <summary>Node-wide handshake counts by <see cref="HandshakeResult"/>; Interlocked, no lock.</summary>
public sealed class HandshakeResults
{
    private const int Kinds = (int)HandshakeResult.Failed + 1;
    private readonly long[] _counts = new long[Kinds];

    /// <summary>The label /metrics and get_connection_stats use for <paramref name="result"/>.</summary>
    public static string NameOf(HandshakeResult result) => result switch
    {
        HandshakeResult.Ok => "ok",
        HandshakeResult.Timeout => "timeout",
        HandshakeResult.WrongNetwork => "wrong_network",
        HandshakeResult.DuplicatePeerId => "duplicate_peer_id",
        HandshakeResult.Rejected => "rejected",
        _ => "failed",
    };

    /// <summary>The result a connection that closed before its handshake completed had, from its close reason.</summary>
    public static HandshakeResult FromCloseReason(DisconnectReason? reason) => reason switch
    {
        DisconnectReason.HandshakeTimeout => HandshakeResult.Timeout,
        DisconnectReason.WrongNetwork => HandshakeResult.WrongNetwork,
        DisconnectReason.DuplicatePeerId => HandshakeResult.DuplicatePeerId,
        DisconnectReason.HandshakeFailed or DisconnectReason.SelfConnection or DisconnectReason.UnexpectedHandshake
            or DisconnectReason.ProtocolViolation or DisconnectReason.BadPeerList => HandshakeResult.Rejected,
        _ => HandshakeResult.Failed,
    };

    /// <summary>Counts one handshake that ended with <paramref name="result"/>.</summary>
    public void Add(HandshakeResult result) => Interlocked.Increment(ref _counts[(int)result]);

    /// <summary>Handshakes that ended with <paramref name="result"/>.</summary>
    public ulong CountOf(HandshakeResult result) => (ulong)Volatile.Read(ref _counts[(int)result]);

    /// <summary>Every result with its count (zeros included), in enum order.</summary>
    public IReadOnlyDictionary<string, ulong> ToDictionary()
    {
        var result = new Dictionary<string, ulong>(Kinds);
        for (int i = 0; i < Kinds; i++) result[NameOf((HandshakeResult)i)] = CountOf((HandshakeResult)i);
        return result;
    }
}
