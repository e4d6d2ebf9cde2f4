using System.Collections.Concurrent;
using MoneroNet.TestSupport;

namespace MoneroNet.LoadTest.Soak;

/// <summary>The well-behaved peers handshaken and not yet gone, by address, and which of them a ban was set on.</summary>
public sealed class LivePeers
{
    private readonly ConcurrentDictionary<string, IdlePeer> _peers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _banned = new(StringComparer.Ordinal);

    public int Count => _peers.Count;

    public void Add(IdlePeer peer) => _peers[Key(peer)] = peer;

    /// <summary>Removes the peer; true when a ban had been set on its address while it was live.</summary>
    public bool Remove(IdlePeer peer)
    {
        _peers.TryRemove(Key(peer), out _);
        return _banned.TryRemove(Key(peer), out _);
    }

    /// <summary>A live peer not yet banned, chosen at random (null when there is none), now marked as banned.</summary>
    public IdlePeer? TakeForBan()
    {
        var candidates = _peers.Values.Where(p => !_banned.ContainsKey(Key(p)) && !p.Closed.IsCompleted).ToList();
        if (candidates.Count == 0) return null;
        var peer = candidates[Random.Shared.Next(candidates.Count)];
        _banned[Key(peer)] = 0;
        return peer;
    }

    public bool IsBanned(IdlePeer peer) => _banned.ContainsKey(Key(peer));

    private static string Key(IdlePeer peer) => peer.Local.Address.ToString();
}
