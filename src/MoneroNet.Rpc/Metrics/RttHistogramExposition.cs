using System.Globalization;
using System.Text;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Metrics;

/// <summary>
/// Writes the P2P round-trip-time histogram as one Prometheus text family, <c>moneronet_p2p_rtt_seconds</c>. The P2P
/// node already keeps the buckets (<see cref="RttHistogramSnapshot"/>); neither prometheus-net nor System.Diagnostics.Metrics
/// can publish a histogram whose buckets are counted elsewhere (they only take single observations, and the sum would
/// be lost), so this one family is printed here, after the library's, in the same exposition format.
/// </summary>
public static class RttHistogramExposition
{
    public const string Name = "moneronet_p2p_rtt_seconds";

    private const string Help = "Round-trip times of the requests we sent that were answered (handshake as initiator, timed sync, ping, support flags)";

    /// <summary>The family's text: HELP, TYPE, cumulative buckets in seconds ending with +Inf, _sum and _count.</summary>
    public static string Format(RttHistogramSnapshot rtt)
    {
        ArgumentNullException.ThrowIfNull(rtt);
        var text = new StringBuilder(64 * (rtt.UpperBoundsMs.Count + 4));
        text.Append("# HELP ").Append(Name).Append(' ').Append(Help).Append('\n');
        text.Append("# TYPE ").Append(Name).Append(" histogram\n");
        ulong cumulative = 0;
        for (var i = 0; i < rtt.UpperBoundsMs.Count; i++)
        {
            cumulative += i < rtt.Counts.Count ? rtt.Counts[i] : 0;
            text.Append(Name).Append("_bucket{le=\"").Append(FormatDouble(rtt.UpperBoundsMs[i] / 1000)).Append("\"} ")
                .Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        // The last count holds everything above the last bound; +Inf and _count are the same total, so that the
        // family stays consistent even if the node's counters were read a moment apart.
        for (var i = rtt.UpperBoundsMs.Count; i < rtt.Counts.Count; i++)
        {
            cumulative += rtt.Counts[i];
        }

        var total = cumulative.ToString(CultureInfo.InvariantCulture);
        text.Append(Name).Append("_bucket{le=\"+Inf\"} ").Append(total).Append('\n');
        text.Append(Name).Append("_sum ").Append(FormatDouble(rtt.SumMs / 1000)).Append('\n');
        text.Append(Name).Append("_count ").Append(total).Append('\n');
        return text.ToString();
    }

    /// <summary>Writes <see cref="Format"/>'s text, UTF-8 encoded, into <paramref name="output"/>.</summary>
    public static void WriteTo(RttHistogramSnapshot rtt, System.Buffers.IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Encoding.UTF8.GetBytes(Format(rtt), output);
    }

    /// <summary>A float as the text format writes it: shortest round-trip form, invariant culture.</summary>
    internal static string FormatDouble(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
