namespace MoneroNet.P2P.Connections;

/// <summary>
/// The maintainer's copy of the listed sessions, taken again only when the registry changed since the last copy. Its
/// tick visits every session each second; walking an array instead of the concurrent dictionary's nodes took the
/// walk from the largest to a small part of an idle node's CPU at 10,000 peers (docs/BENCHMARKS.md, "Idle CPU").
/// One owner (the maintainer's tick, one at a time); a session closed since the copy is still visited until the next
/// one, which every visit already allows for (closed sessions are skipped).
/// </summary>
internal sealed class SessionSnapshot
{
    private PeerSession[] _sessions = [];
    private int _count;
    private int _version = -1;

    /// <summary>The listed sessions as of this call (re-copied only if the registry moved).</summary>
    public ReadOnlySpan<PeerSession> Refresh(ConnectionRegistry registry)
    {
        int version = registry.Version;
        if (version != _version)
        {
            int before = _count;
            _count = registry.CopyTo(ref _sessions);
            // Drop references past the new end, so a closed session is not kept alive by the copy.
            if (_count < before) Array.Clear(_sessions, _count, before - _count);
            _version = version;
        }
        return _sessions.AsSpan(0, _count);
    }
}
