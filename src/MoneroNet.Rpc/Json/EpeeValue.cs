namespace MoneroNet.Rpc.Json;

/// <summary>
/// One value of epee's JSON model (a portable-storage entry): what monerod's JSON reader produces and what its
/// writer prints. There is no null: epee drops null-valued keys on input and never emits null.
/// </summary>
public abstract class EpeeValue
{
    private protected EpeeValue()
    {
    }

    /// <summary>How the value's kind is named in messages and tests.</summary>
    public abstract string KindName { get; }
}

/// <summary>A string (epee strings are byte strings; here they are text decoded from UTF-8).</summary>
public sealed class EpeeString(string value) : EpeeValue
{
    public string Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    public override string KindName => "string";

    public override string ToString() => Value;
}

/// <summary>An unsigned integer (u8 … u64 in monerod; a JSON number without '-', '.' or 'e').</summary>
public sealed class EpeeUnsigned(ulong value) : EpeeValue
{
    /// <summary>Shared instances of the small values results are full of (counts, flags, idle times, zeros).</summary>
    private static readonly EpeeUnsigned[] Small = CreateSmall(256);

    public ulong Value { get; } = value;

    /// <summary>An instance holding <paramref name="value"/>; values are immutable, so small ones are shared.</summary>
    public static EpeeUnsigned Of(ulong value) => value < (ulong)Small.Length ? Small[value] : new EpeeUnsigned(value);

    private static EpeeUnsigned[] CreateSmall(int count)
    {
        var values = new EpeeUnsigned[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = new EpeeUnsigned((ulong)i);
        }

        return values;
    }

    public override string KindName => "unsigned";

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A signed integer (i8 … i64 in monerod; a JSON number starting with '-').</summary>
public sealed class EpeeSigned(long value) : EpeeValue
{
    public long Value { get; } = value;

    public override string KindName => "signed";

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A double (a JSON number with '.' or an exponent).</summary>
public sealed class EpeeDouble(double value) : EpeeValue
{
    public double Value { get; } = value;

    public override string KindName => "double";

    public override string ToString() => CDoubleFormat.Format(Value);
}

/// <summary>A boolean.</summary>
public sealed class EpeeBool(bool value) : EpeeValue
{
    public static readonly EpeeBool True = new(true);
    public static readonly EpeeBool False = new(false);

    public bool Value { get; } = value;

    public override string KindName => "bool";

    public override string ToString() => Value ? "true" : "false";
}
