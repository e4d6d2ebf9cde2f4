using MoneroNet.Epee;

namespace MoneroNet.P2P.Connections;

/// <summary>
/// A request we sent and whose response we wait for. Responses are matched to the oldest outstanding request
/// (monerod's FIFO); the send time and deadline are monotonic time in <see cref="TimeProvider"/> timestamp ticks.
/// </summary>
internal sealed class PendingRequest(uint command, long sentAt, long deadline, bool extendable, Action<PeerSession, int, EpeeSection?> onResponse)
{
    public uint Command { get; } = command;
    /// <summary>When the request was queued: its response's round-trip time and ping_wait_ms are measured from here.</summary>
    public long SentAt { get; } = sentAt;
    public long Deadline { get; set; } = deadline;
    /// <summary>Whether large reads push the deadline back (monerod 0.18; master never extends the handshake's).</summary>
    public bool Extendable { get; } = extendable;
    /// <summary>Called on the read loop with the return code and the parsed body (null when it did not parse).</summary>
    public Action<PeerSession, int, EpeeSection?> OnResponse { get; } = onResponse;
}
