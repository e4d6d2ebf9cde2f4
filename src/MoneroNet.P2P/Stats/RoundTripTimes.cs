namespace MoneroNet.P2P.Stats;

/// <summary>
/// One connection's round-trip times: the last and the smallest of every request we sent that got a response
/// (handshake as initiator, timed sync, ping, support flags), in milliseconds with sub-millisecond resolution.
/// Written only on the connection's read loop (where responses arrive), read anywhere with <see cref="Volatile"/>.
/// Each sample also goes to the node-wide <see cref="RttHistogram"/>.
/// </summary>
public sealed class RoundTripTimes
{
    private readonly RttHistogram? _histogram;
    private double _lastMs = double.NaN;
    private double _minMs = double.NaN;

    /// <summary>Times of their own, recorded in no histogram.</summary>
    public RoundTripTimes() { }

    internal RoundTripTimes(RttHistogram histogram) => _histogram = histogram;

    /// <summary>The last round trip; null before any response.</summary>
    public double? LastMs => Volatile.Read(ref _lastMs) is var v && double.IsNaN(v) ? null : v;

    /// <summary>The smallest round trip; null before any response.</summary>
    public double? MinMs => Volatile.Read(ref _minMs) is var v && double.IsNaN(v) ? null : v;

    /// <summary>Read loop only: a response came <paramref name="elapsedMs"/> after its request was queued.</summary>
    public void Record(double elapsedMs)
    {
        if (elapsedMs < 0 || double.IsNaN(elapsedMs)) return;
        Volatile.Write(ref _lastMs, elapsedMs);
        if (double.IsNaN(_minMs) || elapsedMs < _minMs) Volatile.Write(ref _minMs, elapsedMs);
        _histogram?.Record(elapsedMs);
    }
}
