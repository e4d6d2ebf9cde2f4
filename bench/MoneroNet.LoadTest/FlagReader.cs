using System.Globalization;

namespace MoneroNet.LoadTest;

/// <summary>
/// Walks a command's arguments flag by flag for the option parsers (load run, soak, compare, outgoing): the flag at
/// hand, its value, and numbers checked against their range, each error naming the flag.
/// </summary>
internal sealed class FlagReader(string[] args)
{
    private int _index = -1;

    /// <summary>The flag being read.</summary>
    public string Current { get; private set; } = "";

    /// <summary>Moves to the next flag; false after the last.</summary>
    public bool Next()
    {
        if (++_index >= args.Length) return false;
        Current = args[_index];
        return true;
    }

    /// <summary>The argument after the current flag (consumed).</summary>
    public string Value() => _index + 1 < args.Length ? args[++_index] : throw new ArgumentException($"{Current} needs a value");

    public int Int(int min, int max)
    {
        int v = int.Parse(Value(), CultureInfo.InvariantCulture);
        return v >= min && v <= max ? v : throw new ArgumentException($"{Current} must be within {min}..{max}");
    }

    public double Number(double min, double max)
    {
        double v = double.Parse(Value(), CultureInfo.InvariantCulture);
        return v >= min && v <= max ? v : throw new ArgumentException($"{Current} must be within {min}..{max}");
    }
}
