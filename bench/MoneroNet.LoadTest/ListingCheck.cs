using MoneroNet.TestSupport;
namespace MoneroNet.LoadTest;

/// <summary>
/// Compares a get_connections answer with the peers this process holds: every peer listed once, incoming, in state
/// normal, with its own peer id; and, when the node was quiet, recv_count = bytes the peer wrote and send_count =
/// bytes the peer read. <see cref="CountsCompared"/> says for how many peers the counters were compared.
/// </summary>
public sealed record ListingCheck(int Peers, int Listed, int Missing, int NotNormal, int WrongPeerId, int Outgoing,
    int Unknown, int CountMismatches, string FirstProblem, int CountsCompared = 0)
{
    public bool AllListedNormal => Missing == 0 && NotNormal == 0 && WrongPeerId == 0 && Outgoing == 0 && Unknown == 0;

    public static ListingCheck Compare(IReadOnlyList<ListedConnection> listed, IReadOnlyCollection<IdlePeer> peers, bool compareCounts) =>
        Compare(listed, peers, p => compareCounts ? (p.BytesSent, p.BytesReceived) : null);

    /// <summary>
    /// As above, comparing the byte counters only of the peers for which <paramref name="quietBytesOf"/> gives what the
    /// peer had written and read (the peers that moved no byte around the call); null skips a peer.
    /// </summary>
    public static ListingCheck Compare(IReadOnlyList<ListedConnection> listed, IReadOnlyCollection<IdlePeer> peers,
        Func<IdlePeer, (long Wrote, long Read)?> quietBytesOf)
    {
        var byAddress = new Dictionary<string, ListedConnection>(listed.Count);
        int unknown = 0;
        foreach (var c in listed) if (!byAddress.TryAdd(c.Address, c)) unknown++;
        int missing = 0, notNormal = 0, wrongId = 0, outgoing = 0, counts = 0, compared = 0;
        string first = "";
        void Note(string problem)
        {
            if (first.Length == 0) first = problem;
        }
        var ours = new HashSet<string>(peers.Count);
        foreach (var peer in peers)
        {
            string address = peer.Local.ToString();
            ours.Add(address);
            if (!byAddress.TryGetValue(address, out var c)) { missing++; Note($"{address} not listed"); continue; }
            if (c.State != "normal") { notNormal++; Note($"{address} state {c.State}"); }
            if (c.PeerId != peer.PeerId.ToString("x16")) { wrongId++; Note($"{address} peer_id {c.PeerId}, expected {peer.PeerId:x16}"); }
            if (!c.Incoming) { outgoing++; Note($"{address} listed as outgoing"); }
            if (quietBytesOf(peer) is not { } bytes) continue;
            compared++;
            if ((long)c.RecvCount != bytes.Wrote || (long)c.SendCount != bytes.Read)
            {
                counts++;
                Note($"{address} recv/send {c.RecvCount}/{c.SendCount}, peer wrote/read {bytes.Wrote}/{bytes.Read}");
            }
        }
        foreach (var c in listed) if (!ours.Contains(c.Address)) { unknown++; Note($"{c.Address} listed but not ours"); }
        return new ListingCheck(peers.Count, listed.Count, missing, notNormal, wrongId, outgoing, unknown, counts, first, compared);
    }
}
