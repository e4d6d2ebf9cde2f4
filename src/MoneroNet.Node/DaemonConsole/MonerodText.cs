using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace MoneroNet.Node.DaemonConsole;

/// <summary>
/// monerod's small text helpers that the console's output is made of, each as monerod 0.18 writes it (the C++ source
/// each mirrors is named on it), and JSON field readers that default as monerod's KV serialization does.
/// </summary>
internal static class MonerodText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>epee's time_helper get_time_interval_string: "d1.h2.m3.s4".</summary>
    public static string TimeInterval(long seconds)
    {
        var days = seconds / 86400;
        var rest = seconds % 86400;
        return string.Create(Invariant, $"d{days}.h{rest / 3600}.m{rest % 3600 / 60}.s{rest % 60}");
    }

    /// <summary>common/util.cpp get_human_readable_bytes: base-2 units, "543 B", "1.50 kB", "8.00 MB".</summary>
    public static string HumanBytes(ulong bytes)
    {
        (string Unit, ulong Below)[] sizes = [("B", 1UL << 10), ("kB", 1UL << 20), ("MB", 1UL << 30), ("GB", 1UL << 40), ("TB", 1UL << 50)];
        var i = 0;
        while (i < sizes.Length - 1 && bytes >= sizes[i].Below)
            i++;
        var divisor = sizes[i].Below / 1024;
        var value = (double)bytes / divisor;
        return i == 0 ? string.Create(Invariant, $"{value:0} B") : string.Create(Invariant, $"{value:0.00} {sizes[i].Unit}");
    }

    /// <summary>common/util.cpp get_human_readable_timespan: "40 seconds", "1.5 minutes", "2.0 hours"…</summary>
    public static string HumanTimespan(ulong seconds)
    {
        if (seconds < 60)
            return string.Create(Invariant, $"{seconds} seconds");
        if (seconds < 3600)
            return string.Create(Invariant, $"{seconds / 60f:0.0} minutes");
        if (seconds < 3600 * 24)
            return string.Create(Invariant, $"{seconds / 3600f:0.0} hours");
        if (seconds < 3600 * 24 * 30.5f)
            return string.Create(Invariant, $"{seconds / (3600 * 24f):0.0} days");
        if (seconds < 3600 * 24 * 365.25f)
            return string.Create(Invariant, $"{seconds / (3600 * 24 * 30.5f):0.0} months");
        if (seconds < 3600 * 24 * 365.25f * 100)
            return string.Create(Invariant, $"{seconds / (3600 * 24 * 365.25f):0.0} years");
        return "a long time";
    }

    /// <summary>rpc_command_executor.cpp get_mining_speed: "0 H/s", "12.34 kH/s"…</summary>
    public static string MiningSpeed(BigInteger hashesPerSecond)
    {
        if (hashesPerSecond < 1000)
            return string.Create(Invariant, $"{(double)hashesPerSecond:0} H/s");
        const string prefixes = "kMGTPEZY";
        var hr = hashesPerSecond;
        foreach (var prefix in prefixes)
        {
            if (hr < 1000000)
                return string.Create(Invariant, $"{(double)hr / 1000:0.00} {prefix}H/s");
            hr /= 1000;
        }
        return string.Create(Invariant, $"{(double)hashesPerSecond:0} H/s");
    }

    /// <summary>rpc_command_executor.cpp get_sync_percentage: never 100% before the target is reached.</summary>
    public static float SyncPercentage(ulong height, ulong targetHeight)
    {
        targetHeight = targetHeight == 0 || targetHeight < height ? height : targetHeight;
        if (targetHeight == 0)
            return 100f;
        var pc = 100.0f * height / targetHeight;
        return height < targetHeight && pc > 99.9f ? 99.9f : pc;
    }

    /// <summary>rpc_command_executor.cpp get_fork_extra_info: when the next fork comes, if soon.</summary>
    public static string ForkExtraInfo(ulong forkHeight, ulong now, ulong blockTime)
    {
        var blocksPerDay = 86400 / Math.Max(1UL, blockTime);
        if (forkHeight == now)
            return " (forking now)";
        if (forkHeight < now)
            return "";
        var blocks = forkHeight - now;
        if (blocks <= 30)
            return string.Create(Invariant, $" (next fork in {blocks} blocks)");
        if (blocks <= blocksPerDay / 2)
            return string.Create(Invariant, $" (next fork in {blocks / (float)(blocksPerDay / 24):0.0} hours)");
        if (blocks <= blocksPerDay * 30)
            return string.Create(Invariant, $" (next fork in {blocks / (float)blocksPerDay:0.0} days)");
        return "";
    }

    /// <summary>A double as C++'s ostream prints it by default (six significant digits, no trailing zeros).</summary>
    public static string StreamDouble(double value)
    {
        if (double.IsNaN(value))
            return "nan";
        if (double.IsInfinity(value))
            return value > 0 ? "inf" : "-inf";
        var text = value.ToString("G6", Invariant);
        // C++ writes exponents as e+06 / e-05.
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
            return text;
        var exponent = text[(e + 1)..];
        var sign = exponent[0] == '-' ? "-" : "+";
        var digits = exponent.TrimStart('+', '-').PadLeft(2, '0');
        return text[..e] + "e" + sign + digits;
    }

    /// <summary>printf's "%.2f" with C's words for the values that are not numbers.</summary>
    public static string Fixed2(double value) =>
        double.IsNaN(value) ? "-nan" : double.IsInfinity(value) ? (value > 0 ? "inf" : "-inf") : value.ToString("0.00", Invariant);

    /// <summary>epee's to_string_hex of an integer: lower-case hex, no padding.</summary>
    public static string Hex(ulong value) => value.ToString("x", Invariant);

    /// <summary>epee's pad_string: <paramref name="text"/> filled with spaces on the right to <paramref name="width"/>.</summary>
    public static string Pad(string text, int width) => text.PadRight(width);

    /// <summary>cryptonote's get_pruning_seed(height, max, 3) for a span's first block (common/pruning.cpp).</summary>
    public static uint SpanPruningSeed(ulong startHeight)
    {
        const int logStripes = 3;
        const ulong stripeSize = 4096;
        var stripe = (uint)((startHeight / stripeSize) & ((1u << logStripes) - 1)) + 1;
        return (logStripes << 7) | (stripe - 1);
    }

    public static ulong UInt(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.TryGetUInt64(out var u) ? u : v.TryGetInt64(out var l) ? unchecked((ulong)l) : (ulong)v.GetDouble()
            : 0;

    public static long Int(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.TryGetInt64(out var l) ? l : (long)v.GetDouble()
            : 0;

    public static double Double(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;

    public static string Text(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString()!,
                JsonValueKind.Number => v.GetRawText(),
                _ => "",
            }
            : "";

    public static bool Bool(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static IEnumerable<JsonElement> Array(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray()
            : [];

    /// <summary>get_info's difficulty: <c>wide_difficulty</c> ("0x…", 128 bits) when present, else <c>difficulty</c>.</summary>
    public static BigInteger Difficulty(JsonElement info)
    {
        var wide = Text(info, "wide_difficulty");
        if (wide.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && BigInteger.TryParse("0" + wide[2..], NumberStyles.AllowHexSpecifier, Invariant, out var d))
        {
            return d;
        }
        return UInt(info, "difficulty");
    }
}
