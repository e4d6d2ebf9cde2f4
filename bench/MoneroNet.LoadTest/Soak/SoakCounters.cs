using System.Collections.Concurrent;

namespace MoneroNet.LoadTest.Soak;

/// <summary>A count shared by the churn tasks.</summary>
public sealed class Counter
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    public void Increment() => Interlocked.Increment(ref _value);

    public void Add(long amount) => Interlocked.Add(ref _value, amount);

    /// <summary>Raises the count to <paramref name="candidate"/> if that is larger (a running maximum).</summary>
    public void Max(long candidate)
    {
        long current = Value;
        while (candidate > current)
        {
            long seen = Interlocked.CompareExchange(ref _value, candidate, current);
            if (seen == current) return;
            current = seen;
        }
    }
}

/// <summary>
/// What the soak did and saw, over the whole run. "Expected" outcomes (a garbage peer dropped by the node) are
/// plain counts; an outcome the node should not have produced (a silent loopback peer dropped, a handshake refused
/// from an address nobody banned, an RPC call that failed) is also an <see cref="Anomaly"/>: counted by kind, with
/// the first few messages kept for the summary.
/// </summary>
public sealed class SoakCounters
{
    private const int KeptMessages = 20;
    private readonly ConcurrentDictionary<string, Counter> _anomalies = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _firstAnomalies = new();

    // ---- well-behaved peers ----
    public Counter PeersStarted { get; } = new();
    public Counter PeersHandshaken { get; } = new();
    public Counter PeersLeftWithFin { get; } = new();
    public Counter PeersLeftWithReset { get; } = new();
    public Counter PeersDroppedByBan { get; } = new();
    public Counter TimedSyncsAnswered { get; } = new();

    // ---- misbehaving peers (each dropped by the node, except the silent ones, which leave by themselves) ----
    public Counter GarbagePeers { get; } = new();
    public Counter OversizePeers { get; } = new();
    public Counter WrongNetworkPeers { get; } = new();
    public Counter SilentPeers { get; } = new();
    public Counter TruncatedPeers { get; } = new();
    public Counter MisbehaversDroppedByNode { get; } = new();

    // ---- RPC ----
    public Counter GetConnectionsCalls { get; } = new();
    public Counter GetInfoCalls { get; } = new();
    public Counter GetBansCalls { get; } = new();
    public Counter SetBansCalls { get; } = new();
    public Counter FreshConnectionCalls { get; } = new();
    public Counter MostBansListed { get; } = new();
    public Counter MostConnectionsListed { get; } = new();

    // ---- bans ----
    public Counter HostBansSet { get; } = new();
    public Counter SubnetBansSet { get; } = new();
    public Counter LivePeerBansSet { get; } = new();
    public Counter BannedProbesRefused { get; } = new();
    public Counter BansSeenExpired { get; } = new();
    public Counter ExpiredBanProbesAdmitted { get; } = new();

    // ---- SIGHUP ----
    public Counter Reloads { get; } = new();
    public Counter ReloadsSeenApplied { get; } = new();
    public Counter AsnMapsWritten { get; } = new();
    public Counter BrokenAsnMapsWritten { get; } = new();

    /// <summary>Sum of the RPC calls of every kind.</summary>
    public long RpcCalls => GetConnectionsCalls.Value + GetInfoCalls.Value + GetBansCalls.Value + SetBansCalls.Value;

    /// <summary>Misbehaving connections of every kind.</summary>
    public long Misbehavers => GarbagePeers.Value + OversizePeers.Value + WrongNetworkPeers.Value + SilentPeers.Value + TruncatedPeers.Value;

    public long AnomalyCount => _anomalies.Values.Sum(c => c.Value);

    public IReadOnlyDictionary<string, long> AnomaliesByKind =>
        _anomalies.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal);

    public IReadOnlyList<string> FirstAnomalies => [.. _firstAnomalies];

    /// <summary>Something the node should not have done; <paramref name="kind"/> groups them in the summary.</summary>
    public void Anomaly(string kind, string message)
    {
        _anomalies.GetOrAdd(kind, _ => new Counter()).Increment();
        if (_firstAnomalies.Count < KeptMessages) _firstAnomalies.Enqueue($"{kind}: {message}");
    }

    /// <summary>Every count by name, in a fixed order (summary and tests).</summary>
    public IReadOnlyList<(string Name, long Value)> All() =>
    [
        ("peers started", PeersStarted.Value),
        ("peers handshaken", PeersHandshaken.Value),
        ("peers left with FIN", PeersLeftWithFin.Value),
        ("peers left with RST", PeersLeftWithReset.Value),
        ("peers dropped by a ban", PeersDroppedByBan.Value),
        ("timed syncs answered", TimedSyncsAnswered.Value),
        ("garbage peers", GarbagePeers.Value),
        ("oversize-length peers", OversizePeers.Value),
        ("wrong-network peers", WrongNetworkPeers.Value),
        ("silent peers", SilentPeers.Value),
        ("truncated-frame peers", TruncatedPeers.Value),
        ("misbehavers dropped by the node", MisbehaversDroppedByNode.Value),
        ("get_connections calls", GetConnectionsCalls.Value),
        ("get_info calls", GetInfoCalls.Value),
        ("get_bans calls", GetBansCalls.Value),
        ("set_bans calls", SetBansCalls.Value),
        ("calls on a fresh connection", FreshConnectionCalls.Value),
        ("most connections listed", MostConnectionsListed.Value),
        ("most bans listed", MostBansListed.Value),
        ("host bans set", HostBansSet.Value),
        ("subnet bans set", SubnetBansSet.Value),
        ("bans of a connected peer", LivePeerBansSet.Value),
        ("probes refused while banned", BannedProbesRefused.Value),
        ("bans seen expired in get_bans", BansSeenExpired.Value),
        ("probes admitted after expiry", ExpiredBanProbesAdmitted.Value),
        ("SIGHUP reloads", Reloads.Value),
        ("reloads seen applied", ReloadsSeenApplied.Value),
        ("ASN maps written", AsnMapsWritten.Value),
        ("broken ASN maps written", BrokenAsnMapsWritten.Value),
        ("anomalies", AnomalyCount),
    ];
}
