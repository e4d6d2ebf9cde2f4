using System.Buffers;
using System.Globalization;
using System.Text;

namespace MoneroNet.Rpc.Metrics;

/// <summary>
/// The Prometheus text exposition format 0.0.4, written straight into an <see cref="IBufferWriter{T}"/> from parts
/// encoded once: a family's HELP and TYPE lines (<see cref="Family"/>) and each series' name and labels
/// (<see cref="Series"/>), so that a sample costs a copy of its prefix and one number formatted in place. Used for the
/// families whose values the node already counts (docs/OBSERVABILITY.md "Metrics", docs/BENCHMARKS.md "/metrics" for
/// why these are not library instruments).
/// </summary>
internal static class PrometheusTextWriter
{
    /// <summary>The longest a formatted number can be: a ulong is 20 digits, a round-trip double 24 characters.</summary>
    private const int MaxNumberLength = 32;

    /// <summary>"# HELP name help\n# TYPE name type\n", encoded. Help text escapes backslash and newline, as the
    /// format asks.</summary>
    public static byte[] Family(string name, string type, string help)
    {
        ValidateName(name);
        var escapedHelp = help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes($"# HELP {name} {escapedHelp}\n# TYPE {name} {type}\n");
    }

    /// <summary>"name{label="value",…} ", encoded: the part of a sample line before its value. Label values escape
    /// backslash, double quote and newline, so even a ban list's file name cannot break the exposition.</summary>
    public static byte[] Series(string name, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        ValidateName(name);
        var text = new StringBuilder(name.Length + 16 * labels.Length + 2).Append(name);
        if (labels.Length > 0)
        {
            text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                ValidateName(labels[i].Name);
                if (i > 0)
                {
                    text.Append(',');
                }

                text.Append(labels[i].Name).Append("=\"");
                foreach (var c in labels[i].Value)
                {
                    _ = c switch
                    {
                        '\\' => text.Append("\\\\"),
                        '"' => text.Append("\\\""),
                        '\n' => text.Append("\\n"),
                        _ => text.Append(c),
                    };
                }

                text.Append('"');
            }

            text.Append('}');
        }

        return Encoding.UTF8.GetBytes(text.Append(' ').ToString());
    }

    /// <summary>Writes one sample line: <paramref name="series"/> (from <see cref="Series"/>), an integer value, a newline.</summary>
    public static void Sample(IBufferWriter<byte> output, ReadOnlySpan<byte> series, ulong value) => Integer(output, series, value);

    /// <summary>Writes one sample line of a signed value (gauges that are counts).</summary>
    public static void Sample(IBufferWriter<byte> output, ReadOnlySpan<byte> series, long value) => Integer(output, series, value);

    private static void Integer<T>(IBufferWriter<byte> output, ReadOnlySpan<byte> series, T value)
        where T : IUtf8SpanFormattable
    {
        var span = output.GetSpan(series.Length + MaxNumberLength + 1);
        series.CopyTo(span);
        value.TryFormat(span[series.Length..], out var written, default, CultureInfo.InvariantCulture);
        span[series.Length + written] = (byte)'\n';
        output.Advance(series.Length + written + 1);
    }

    /// <summary>Writes one sample line of a float: shortest round-trip form, +Inf, -Inf or NaN as the format spells them.</summary>
    public static void Sample(IBufferWriter<byte> output, ReadOnlySpan<byte> series, double value)
    {
        var span = output.GetSpan(series.Length + MaxNumberLength + 1);
        series.CopyTo(span);
        var number = span[series.Length..];
        int written;
        if (double.IsPositiveInfinity(value))
        {
            "+Inf"u8.CopyTo(number);
            written = 4;
        }
        else if (double.IsNegativeInfinity(value))
        {
            "-Inf"u8.CopyTo(number);
            written = 4;
        }
        else if (double.IsNaN(value))
        {
            "NaN"u8.CopyTo(number);
            written = 3;
        }
        else
        {
            value.TryFormat(number, out written, "R", CultureInfo.InvariantCulture);
        }

        span[series.Length + written] = (byte)'\n';
        output.Advance(series.Length + written + 1);
    }

    /// <summary>A float as a label value (a histogram's <c>le</c>): the same spelling as a sample's value.</summary>
    public static string FormatDouble(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Metric and label names are ours, never a peer's; a bad one is a programming error, caught at start.</summary>
    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':' || (i > 0 && c is >= '0' and <= '9');
            if (!ok)
            {
                throw new ArgumentException($"'{name}' is not a Prometheus metric or label name", nameof(name));
            }
        }
    }
}
