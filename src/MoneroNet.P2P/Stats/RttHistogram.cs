namespace MoneroNet.P2P.Stats;

/// <summary>
/// Every round-trip time the node measured, in fixed buckets (Prometheus style: a sample falls in the first bucket
/// whose upper bound it does not pass; the last bucket holds everything above the last bound). Sessions record from
/// their read loops at once, so each count is one <see cref="Interlocked"/> add; no lock, no allocation.
/// </summary>
public sealed class RttHistogram
{
    /// <summary>Upper bounds in milliseconds: loopback answers in tens of microseconds, a far peer in hundreds of ms.</summary>
    public static readonly IReadOnlyList<double> UpperBoundsMs =
        [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 120_000];

    private readonly long[] _counts = new long[UpperBoundsMs.Count + 1];
    private long _sumNanoseconds;

    /// <summary>Counts one round trip of <paramref name="ms"/> milliseconds.</summary>
    public void Record(double ms)
    {
        int i = 0;
        while (i < UpperBoundsMs.Count && ms > UpperBoundsMs[i]) i++;
        Interlocked.Increment(ref _counts[i]);
        Interlocked.Add(ref _sumNanoseconds, (long)(ms * 1_000_000));
    }

    /// <summary>Count of bucket <paramref name="index"/> (0..<see cref="UpperBoundsMs"/>.Count).</summary>
    public ulong CountOf(int index) => (ulong)Volatile.Read(ref _counts[index]);

    /// <summary>The number of buckets (the bounds of <see cref="UpperBoundsMs"/> and one for the rest).</summary>
    public int BucketCount => _counts.Length;

    /// <summary>Round trips recorded.</summary>
    public ulong SampleCount
    {
        get
        {
            ulong n = 0;
            for (int i = 0; i < _counts.Length; i++) n += CountOf(i);
            return n;
        }
    }

    /// <summary>Their sum in milliseconds.</summary>
    public double SumMs => Volatile.Read(ref _sumNanoseconds) / 1_000_000.0;
}
