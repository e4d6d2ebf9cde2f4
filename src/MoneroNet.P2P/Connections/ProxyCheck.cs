namespace MoneroNet.P2P.Connections;

/// <summary>Where a connection's proxy fingerprint stands (extended get_connections' <c>proxy_check</c>).</summary>
public enum ProxyCheckState
{
    /// <summary>Not all of the three pings are answered yet.</summary>
    Pending,
    /// <summary>Every ping answered with the handshake's peer id.</summary>
    Consistent,
    /// <summary>At least one ping answered with another peer id (see <see cref="ProxyCheck.InnerPeerIds"/>).</summary>
    Mismatch,
    /// <summary>A ping was refused (return code ≤ 0 or no usable body); the peer id could not be compared.</summary>
    Unanswered,
    /// <summary>Not checked: an anonymity zone (every peer is id 1 there) or a feeler that closes before any ping.</summary>
    NotApplicable,
}

/// <summary>
/// One connection's proxy fingerprint (the method of Boog900's p2p-proxy-checker, done in-band; docs/PROTOCOL.md
/// §3.8): after the handshake, <see cref="P2PTimings.ProxyCheckPingDelays"/> pings on the
/// same connection, each answer's peer id compared with the handshake's. A proxy that relays requests to another node
/// but answers the handshake itself gives itself away: the ping answer carries the inner node's id.
/// </summary>
/// <remarks>
/// Threads: the maintainer's tick asks <see cref="TakeDuePing"/> (one tick at a time), the read loop reports answers;
/// the RPC reads. State and the inner-id array are published with <see cref="Volatile"/>; the array is replaced, never
/// changed, so a reader sees a whole one. No lock: each writer owns its fields.
/// </remarks>
public sealed class ProxyCheck
{
    private int _state;
    private long _startedAt; // TimeProvider timestamp of the handshake; 0 = not started
    private int _sent;       // maintainer only
    private int _answered;   // read loop only
    private ulong _outerPeerId;
    private ulong[] _innerIds = [];

    /// <summary>Where the check stands.</summary>
    public ProxyCheckState State => (ProxyCheckState)Volatile.Read(ref _state);

    /// <summary>With <see cref="ProxyCheckState.Mismatch"/>: the distinct ids that answered instead of the handshake's.</summary>
    public IReadOnlyList<ulong> InnerPeerIds => Volatile.Read(ref _innerIds);

    /// <summary>Pings sent so far (maintainer's count).</summary>
    public int PingsSent => Volatile.Read(ref _sent);

    /// <summary>Marks the check as not applicable (anonymity zone, feeler).</summary>
    public void MarkNotApplicable() => Volatile.Write(ref _state, (int)ProxyCheckState.NotApplicable);

    /// <summary>The handshake completed at <paramref name="timestamp"/> with <paramref name="outerPeerId"/>: the schedule starts.</summary>
    public void Start(long timestamp, ulong outerPeerId)
    {
        if (State == ProxyCheckState.NotApplicable) return;
        _outerPeerId = outerPeerId;
        Volatile.Write(ref _startedAt, Math.Max(1, timestamp));
    }

    /// <summary>
    /// Maintainer tick: true (and the ping counted as sent) when the next ping is due at <paramref name="now"/>, i.e.
    /// its delay after the handshake has passed. At most one ping per call, so a late tick never bursts them.
    /// </summary>
    public bool TakeDuePing(long now, IReadOnlyList<TimeSpan> delays, long timestampFrequency)
    {
        long started = Volatile.Read(ref _startedAt);
        if (started == 0 || State == ProxyCheckState.NotApplicable) return false;
        int next = _sent;
        if (next >= delays.Count) return false;
        if (now - started < (long)(delays[next].TotalSeconds * timestampFrequency)) return false;
        Volatile.Write(ref _sent, next + 1);
        return true;
    }

    /// <summary>
    /// Read loop: a ping answered with <paramref name="peerId"/>. True when the id differs from the handshake's and
    /// was not seen before on this connection (the caller raises the one event and log line for it).
    /// </summary>
    public bool OnAnswer(ulong peerId, int totalPings)
    {
        bool newInner = false;
        if (peerId != _outerPeerId)
        {
            var ids = _innerIds;
            if (Array.IndexOf(ids, peerId) < 0)
            {
                Volatile.Write(ref _innerIds, [.. ids, peerId]);
                newInner = true;
            }
            Volatile.Write(ref _state, (int)ProxyCheckState.Mismatch);
        }
        _answered++;
        if (_answered >= totalPings && State == ProxyCheckState.Pending)
            Volatile.Write(ref _state, (int)ProxyCheckState.Consistent);
        return newInner;
    }

    /// <summary>Read loop: a ping was refused; a check not yet decided becomes <see cref="ProxyCheckState.Unanswered"/>.</summary>
    public void OnRefused()
    {
        if (State == ProxyCheckState.Pending) Volatile.Write(ref _state, (int)ProxyCheckState.Unanswered);
    }
}

/// <summary>The reported names of <see cref="ProxyCheckState"/> values.</summary>
public static class ProxyCheckStates
{
    /// <summary>The name extended get_connections prints for <paramref name="state"/>.</summary>
    public static string NameOf(ProxyCheckState state) => state switch
    {
        ProxyCheckState.Pending => "pending",
        ProxyCheckState.Consistent => "consistent",
        ProxyCheckState.Mismatch => "mismatch",
        ProxyCheckState.Unanswered => "unanswered",
        _ => "not_applicable",
    };
}
