using System.Buffers;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Metrics;

/// <summary>
/// Writes the P2P round-trip-time histogram as one Prometheus text family, <c>moneronet_p2p_rtt_seconds</c>. The P2P
/// node already keeps the buckets (<see cref="RttHistogramSnapshot"/>); neither prometheus-net nor System.Diagnostics.Metrics
/// can publish a histogram whose buckets are counted elsewhere (they only take single observations, and the sum would
/// be lost), so this family is printed from the node's counts, with the other node families (<see cref="NodeMetrics"/>).
/// </summary>
public static class RttHistogramExposition
{
    public const string Name = "moneronet_p2p_rtt_seconds";

    private static readonly byte[] FamilyHeader = PrometheusTextWriter.Family(
        Name, "histogram", "Round-trip times of the requests we sent that were answered (handshake as initiator, timed sync, ping, support flags)");

    private static readonly byte[] Sum = PrometheusTextWriter.Series(Name + "_sum");
    private static readonly byte[] Count = PrometheusTextWriter.Series(Name + "_count");
    private static readonly byte[] InfinityBucket = PrometheusTextWriter.Series(Name + "_bucket", ("le", "+Inf"));

    /// <summary>Bucket series by upper bound; the node's bounds are one fixed list, so this holds one entry each.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<double, byte[]> Buckets = new();

    private static readonly Func<double, byte[]> BucketSeries =
        boundMs => PrometheusTextWriter.Series(Name + "_bucket", ("le", PrometheusTextWriter.FormatDouble(boundMs / 1000)));

    /// <summary>HELP, TYPE, cumulative buckets in seconds ending with +Inf, _sum and _count, into <paramref name="output"/>.</summary>
    public static void WriteTo(RttHistogramSnapshot rtt, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(rtt);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(FamilyHeader);
        ulong cumulative = 0;
        for (var i = 0; i < rtt.UpperBoundsMs.Count; i++)
        {
            cumulative += i < rtt.Counts.Count ? rtt.Counts[i] : 0;
            PrometheusTextWriter.Sample(output, Buckets.GetOrAdd(rtt.UpperBoundsMs[i], BucketSeries), cumulative);
        }

        // The last count holds everything above the last bound; +Inf and _count are the same total, so that the
        // family stays consistent even if the node's counters were read a moment apart.
        for (var i = rtt.UpperBoundsMs.Count; i < rtt.Counts.Count; i++)
        {
            cumulative += rtt.Counts[i];
        }

        PrometheusTextWriter.Sample(output, InfinityBucket, cumulative);
        PrometheusTextWriter.Sample(output, Sum, rtt.SumMs / 1000);
        PrometheusTextWriter.Sample(output, Count, cumulative);
    }
}
