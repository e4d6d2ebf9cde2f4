using System.Buffers;
using System.Text;

namespace MoneroNet.Rpc.Json;

/// <summary>
/// Prints an <see cref="EpeeObject"/> exactly as monerod 0.18 prints JSON (PROTOCOL.md §7.2): keys in byte order,
/// <c>"key": value</c>, CRLF line breaks, two spaces per level, scalar arrays inline, arrays of objects as
/// <c>[{ … },{ … }]</c>, no newline at the end, 0.18 string escaping. One deliberate difference: an empty array is
/// printed as <c>[]</c> where monerod leaves the key out (clients such as monero-ts fail on the missing key).
/// </summary>
public static class EpeeJsonWriter
{
    private static readonly byte[] NewLine = "\r\n"u8.ToArray();

    public static byte[] Write(EpeeObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteObject(buffer, root, 0);
        return buffer.WrittenSpan.ToArray();
    }

    public static string WriteToString(EpeeObject root) => Encoding.UTF8.GetString(Write(root));

    private static void WriteValue(ArrayBufferWriter<byte> output, EpeeValue value, int indent)
    {
        switch (value)
        {
            case EpeeObject obj:
                WriteObject(output, obj, indent);
                break;
            case EpeeArray array:
                WriteArray(output, array, indent);
                break;
            case EpeeString text:
                WriteString(output, text.Value);
                break;
            default:
                // Numbers and booleans: their ToString is monerod's text for them.
                WriteAscii(output, value.ToString()!);
                break;
        }
    }

    /// <summary>The object's members go one level deeper than <paramref name="indent"/>; its closing brace at it.</summary>
    private static void WriteObject(ArrayBufferWriter<byte> output, EpeeObject obj, int indent)
    {
        output.Write("{"u8);
        output.Write(NewLine);
        var remaining = obj.Count;
        foreach (var (name, value) in obj.Entries)
        {
            WriteIndent(output, indent + 1);
            WriteString(output, name);
            output.Write(": "u8);
            WriteValue(output, value, indent + 1);
            if (--remaining > 0)
            {
                output.Write(","u8);
            }

            output.Write(NewLine);
        }

        WriteIndent(output, indent);
        output.Write("}"u8);
    }

    /// <summary>Elements are written back to back; object elements take the array's own indentation level.</summary>
    private static void WriteArray(ArrayBufferWriter<byte> output, EpeeArray array, int indent)
    {
        output.Write("["u8);
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                output.Write(","u8);
            }

            WriteValue(output, array.Items[i], indent);
        }

        output.Write("]"u8);
    }

    /// <summary>0.18 escapes only \b \f \n \r \t \v " \ and /; every other byte, control characters included, is raw.</summary>
    private static void WriteString(ArrayBufferWriter<byte> output, string text)
    {
        output.Write("\""u8);
        var bytes = Encoding.UTF8.GetBytes(text);
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var escape = EscapeFor(bytes[i]);
            if (escape == 0)
            {
                continue;
            }

            output.Write(bytes.AsSpan(start, i - start));
            output.Write([(byte)'\\', escape]);
            start = i + 1;
        }

        output.Write(bytes.AsSpan(start));
        output.Write("\""u8);
    }

    private static byte EscapeFor(byte b) => b switch
    {
        0x08 => (byte)'b',
        0x0C => (byte)'f',
        (byte)'\n' => (byte)'n',
        (byte)'\r' => (byte)'r',
        (byte)'\t' => (byte)'t',
        0x0B => (byte)'v',
        (byte)'"' => (byte)'"',
        (byte)'\\' => (byte)'\\',
        (byte)'/' => (byte)'/',
        _ => 0,
    };

    private static void WriteIndent(ArrayBufferWriter<byte> output, int level)
    {
        var span = output.GetSpan(level * 2);
        span[..(level * 2)].Fill((byte)' ');
        output.Advance(level * 2);
    }

    private static void WriteAscii(ArrayBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, span);
        output.Advance(written);
    }
}
