using System.Globalization;

namespace MoneroNet.Rpc.Json;

/// <summary>
/// Formats a double as a default C++ ostream does (printf "%g", 6 significant digits): "-1.5", "1e+20", "0.0001",
/// "1e-05". monerod writes JSON doubles this way.
/// </summary>
public static class CDoubleFormat
{
    private const int Precision = 6;

    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return double.IsNegative(value) ? "-nan" : "nan";
        }

        if (double.IsInfinity(value))
        {
            return value < 0 ? "-inf" : "inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        // The exponent %g decides on is the one after rounding to the precision, which "E5" gives us.
        var scientific = value.ToString("E" + (Precision - 1), CultureInfo.InvariantCulture);
        var ePos = scientific.IndexOf('E');
        var exponent = int.Parse(scientific.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        if (exponent < -4 || exponent >= Precision)
        {
            var mantissa = TrimFraction(scientific[..ePos]);
            var sign = exponent < 0 ? '-' : '+';
            var digits = Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
            return $"{mantissa}e{sign}{digits}";
        }

        var fixedText = value.ToString("F" + (Precision - 1 - exponent), CultureInfo.InvariantCulture);
        return TrimFraction(fixedText);
    }

    private static string TrimFraction(string text)
    {
        if (!text.Contains('.'))
        {
            return text;
        }

        text = text.TrimEnd('0');
        return text.EndsWith('.') ? text[..^1] : text;
    }
}
