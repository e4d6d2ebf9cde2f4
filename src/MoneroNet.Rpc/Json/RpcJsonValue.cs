namespace MoneroNet.Rpc.Json;

/// <summary>
/// One value of epee's JSON model (a portable-storage entry): what monerod's JSON reader produces and what its
/// writer prints. There is no null: epee drops null-valued keys on input and never emits null.
/// </summary>
public abstract class RpcJsonValue
{
    private protected RpcJsonValue()
    {
    }

    /// <summary>How the value's kind is named in messages and tests.</summary>
    public abstract string KindName { get; }
}

/// <summary>A string (epee strings are byte strings; here they are text decoded from UTF-8).</summary>
public sealed class RpcJsonString(string value) : RpcJsonValue
{
    public string Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    public override string KindName => "string";

    public override string ToString() => Value;
}

/// <summary>An unsigned integer (u8 … u64 in monerod; a JSON number without '-', '.' or 'e').</summary>
public sealed class RpcJsonUnsigned(ulong value) : RpcJsonValue
{
    /// <summary>Shared instances of the small values results are full of (counts, flags, idle times, zeros).</summary>
    private static readonly RpcJsonUnsigned[] Small = CreateSmall(256);

    public ulong Value { get; } = value;

    /// <summary>An instance holding <paramref name="value"/>; values are immutable, so small ones are shared.</summary>
    public static RpcJsonUnsigned Of(ulong value) => value < (ulong)Small.Length ? Small[value] : new RpcJsonUnsigned(value);

    private static RpcJsonUnsigned[] CreateSmall(int count)
    {
        var values = new RpcJsonUnsigned[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = new RpcJsonUnsigned((ulong)i);
        }

        return values;
    }

    public override string KindName => "unsigned";

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A signed integer (i8 … i64 in monerod; a JSON number starting with '-').</summary>
public sealed class RpcJsonSigned(long value) : RpcJsonValue
{
    public long Value { get; } = value;

    public override string KindName => "signed";

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A double (a JSON number with '.' or an exponent).</summary>
public sealed class RpcJsonDouble(double value) : RpcJsonValue
{
    public double Value { get; } = value;

    public override string KindName => "double";

    public override string ToString() => CDoubleFormat.Format(Value);
}

/// <summary>A boolean.</summary>
public sealed class RpcJsonBool(bool value) : RpcJsonValue
{
    public static readonly RpcJsonBool True = new(true);
    public static readonly RpcJsonBool False = new(false);

    public bool Value { get; } = value;

    public override string KindName => "bool";

    public override string ToString() => Value ? "true" : "false";
}
