using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods;

/// <summary>
/// The parameters of one call (the JSON-RPC <c>params</c> object, or a URI endpoint's whole body), read with the type
/// conversions monerod's key/value loader allows (docs/PROTOCOL.md §1.6): an absent key yields null (the field keeps its
/// default); an integer of any width converts to any integer field if it fits; a string of digits converts to a u64
/// field; anything else throws <see cref="RpcInvalidParamsException"/>.
/// </summary>
public sealed class RpcParams
{
    public static readonly RpcParams Empty = new(new RpcJsonObject());

    public RpcParams(RpcJsonObject values)
    {
        Values = values ?? throw new ArgumentNullException(nameof(values));
    }

    /// <summary>The raw values.</summary>
    public RpcJsonObject Values { get; }

    public string? GetString(string name) => Values[name] switch
    {
        null => null,
        RpcJsonString s => s.Value,
        var other => throw Mismatch(name, "string", other),
    };

    public bool? GetBool(string name) => Values[name] switch
    {
        null => null,
        RpcJsonBool b => b.Value,
        var other => throw Mismatch(name, "bool", other),
    };

    public double? GetDouble(string name) => Values[name] switch
    {
        null => null,
        RpcJsonDouble d => d.Value,
        var other => throw Mismatch(name, "double", other),
    };

    public ulong? GetUInt64(string name) => Values[name] switch
    {
        null => null,
        RpcJsonUnsigned u => u.Value,
        RpcJsonSigned s when s.Value >= 0 => (ulong)s.Value,
        RpcJsonString s when s.Value.Length > 0 && s.Value.All(char.IsAsciiDigit) && ulong.TryParse(s.Value, out var parsed) => parsed,
        var other => throw Mismatch(name, "u64", other),
    };

    public long? GetInt64(string name) => Values[name] switch
    {
        null => null,
        RpcJsonSigned s => s.Value,
        RpcJsonUnsigned u when u.Value <= long.MaxValue => (long)u.Value,
        var other => throw Mismatch(name, "i64", other),
    };

    public uint? GetUInt32(string name) => Narrow(name, GetUInt64OrIntegerOnly(name), uint.MaxValue, "u32") is { } v ? (uint)v : null;

    public byte? GetByte(string name) => Narrow(name, GetUInt64OrIntegerOnly(name), byte.MaxValue, "u8") is { } v ? (byte)v : null;

    public ushort? GetUInt16(string name) => Narrow(name, GetUInt64OrIntegerOnly(name), ushort.MaxValue, "u16") is { } v ? (ushort)v : null;

    public RpcJsonObject? GetObject(string name) => Values[name] switch
    {
        null => null,
        RpcJsonObject o => o,
        var other => throw Mismatch(name, "object", other),
    };

    public RpcJsonArray? GetArray(string name) => Values[name] switch
    {
        null => null,
        RpcJsonArray a => a,
        var other => throw Mismatch(name, "array", other),
    };

    /// <summary>Narrower unsigned fields take integers only: the digit-string exception is for u64 fields.</summary>
    private ulong? GetUInt64OrIntegerOnly(string name) => Values[name] switch
    {
        null => null,
        RpcJsonUnsigned u => u.Value,
        RpcJsonSigned s when s.Value >= 0 => (ulong)s.Value,
        var other => throw Mismatch(name, "unsigned integer", other),
    };

    private static ulong? Narrow(string name, ulong? value, ulong max, string type)
    {
        if (value > max)
        {
            throw new RpcInvalidParamsException($"parameter '{name}': {value} does not fit a {type}");
        }

        return value;
    }

    private static RpcInvalidParamsException Mismatch(string name, string wanted, RpcJsonValue got) =>
        new($"parameter '{name}': a {got.KindName} cannot be read as {wanted}");
}
