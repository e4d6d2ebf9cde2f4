using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Methods.Connections;

/// <summary>
/// Percentiles estimated from a round-trip-time histogram, by Prometheus's <c>histogram_quantile</c> method: find the
/// bucket where the cumulative count reaches q × samples, and interpolate linearly between that bucket's lower bound
/// (the previous upper bound, 0 for the first) and its upper bound, as if its samples were spread evenly. A rank that
/// falls in the overflow bucket (above the last bound) yields the last bound: the histogram knows nothing higher. The
/// error is at most one bucket's width.
/// </summary>
public static class RttPercentiles
{
    /// <summary>The q-quantile (0 &lt; q ≤ 1) in milliseconds; null when the histogram holds no sample.</summary>
    public static double? Estimate(RttHistogramSnapshot histogram, double q)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ulong total = 0;
        foreach (var c in histogram.Counts) total += c;
        if (total == 0) return null;

        var rank = q * total;
        ulong cumulative = 0;
        for (var i = 0; i < histogram.Counts.Count; i++)
        {
            var inBucket = histogram.Counts[i];
            if (inBucket == 0 || cumulative + inBucket < rank)
            {
                cumulative += inBucket;
                continue;
            }

            if (i >= histogram.UpperBoundsMs.Count)
            {
                return histogram.UpperBoundsMs.Count > 0 ? histogram.UpperBoundsMs[^1] : null;
            }

            var lower = i == 0 ? 0 : histogram.UpperBoundsMs[i - 1];
            var upper = histogram.UpperBoundsMs[i];
            return lower + ((upper - lower) * (rank - cumulative) / inBucket);
        }

        return histogram.UpperBoundsMs.Count > 0 ? histogram.UpperBoundsMs[^1] : null;
    }
}
