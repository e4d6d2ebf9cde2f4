using System.Text;
using System.Text.Json;

namespace MoneroNet.Epee;

/// <summary>
/// Human-readable JSON view of a portable-storage tree (for diagnostics such as <c>levin-decode</c>; this is not
/// epee's own JSON form). Conventions:
/// <list type="bullet">
/// <item>objects → JSON objects, keys exactly as held (Latin-1 chars), in the tree's entry order;</item>
/// <item>arrays → JSON arrays; integers of every width → JSON numbers (u64 in full); bool → true/false;</item>
/// <item>double → JSON number, or the strings "NaN", "Infinity", "-Infinity" which JSON cannot hold as numbers;</item>
/// <item>STRING values whose bytes are valid UTF-8 without control characters → JSON strings; any other byte
/// string (hashes, ids, blobs) → the JSON string <c>"hex:"</c> followed by lowercase hex. A printable string that
/// itself begins with "hex:" is also written in hex form, so the two forms never collide.</item>
/// </list>
/// </summary>
public static class EpeeJson
{
    /// <summary>Prefix marking a byte string rendered as hex.</summary>
    public const string HexPrefix = "hex:";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes <paramref name="section"/> as one JSON object. Indentation follows the writer's options.</summary>
    public static void Write(EpeeSection section, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(writer);
        WriteSection(section, writer);
    }

    /// <summary>Convenience: the tree as indented JSON text.</summary>
    public static string ToIndentedString(EpeeSection section)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            Write(section, writer);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteSection(EpeeSection section, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in section.Entries)
        {
            writer.WritePropertyName(key);
            WriteValue(value, writer);
        }
        writer.WriteEndObject();
    }

    private static void WriteValue(EpeeValue value, Utf8JsonWriter writer)
    {
        switch (value.Type)
        {
            case EpeeType.Int64 or EpeeType.Int32 or EpeeType.Int16 or EpeeType.Int8:
                writer.WriteNumberValue(value.AsInt64());
                break;
            case EpeeType.UInt64 or EpeeType.UInt32 or EpeeType.UInt16 or EpeeType.UInt8:
                writer.WriteNumberValue(value.RawBits);
                break;
            case EpeeType.Double:
                double d = value.AsDouble();
                if (double.IsFinite(d)) writer.WriteNumberValue(d);
                else writer.WriteStringValue(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                break;
            case EpeeType.Bool:
                writer.WriteBooleanValue(value.AsBool());
                break;
            case EpeeType.String:
                WriteBytes(value.AsBytes(), writer);
                break;
            case EpeeType.Object:
                WriteSection(value.AsSection(), writer);
                break;
            case EpeeType.Array:
                writer.WriteStartArray();
                foreach (var element in value.AsArray().Items) WriteValue(element, writer);
                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"value of type {value.Type} has no JSON form", nameof(value));
        }
    }

    private static void WriteBytes(byte[] bytes, Utf8JsonWriter writer)
    {
        if (TryGetPrintable(bytes, out string? text) && !text.StartsWith(HexPrefix, StringComparison.Ordinal))
            writer.WriteStringValue(text);
        else
            writer.WriteStringValue(HexPrefix + Convert.ToHexStringLower(bytes));
    }

    /// <summary>True when the bytes are valid UTF-8 and decode to text without control characters.</summary>
    public static bool TryGetPrintable(ReadOnlySpan<byte> bytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        text = null;
        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        foreach (char c in decoded)
            if (char.IsControl(c)) return false;
        text = decoded;
        return true;
    }
}
