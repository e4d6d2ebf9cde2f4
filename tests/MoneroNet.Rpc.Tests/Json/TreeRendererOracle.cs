using System.Buffers;
using System.Buffers.Text;
using System.Text;

using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Tests.Json;

/// <summary>
/// The tree renderer the RPC used before <see cref="MonerodJsonWriter"/>, kept here unchanged but for its entry point
/// as the oracle the property tests compare the forward-only writer against. It prints one document in monerod
/// 0.18's JSON layout a step at a time: each
/// <see cref="RenderNext"/> writes one scalar or one bracket. The position is an explicit stack rather than the call
/// stack, so a caller can stop between any two steps (to count bytes, or to flush a response) and go on later.
/// Every write asks the output for exactly the bytes it writes, so an exact-size buffer never has to grow.
/// </summary>
internal sealed class TreeRendererOracle(RpcJsonObject root)
{
    /// <summary>The whole document, as the old <c>EpeeJsonWriter.Write</c> printed it.</summary>
    public static byte[] Render(RpcJsonObject root)
    {
        var output = new ArrayBufferWriter<byte>();
        var renderer = new TreeRendererOracle(root);
        while (!renderer.IsComplete)
        {
            renderer.RenderNext(output);
        }

        return output.WrittenSpan.ToArray();
    }

    private static readonly byte[] Spaces = new byte[64];

    /// <summary>",\r\n" and the indentation of each level below <see cref="CachedLevels"/>: what goes before a member.</summary>
    private static readonly byte[][] MemberSeparators = new byte[CachedLevels][];

    /// <summary>Levels whose separators are prepared; deeper ones are written piece by piece.</summary>
    private const int CachedLevels = 16;

    /// <summary>At most this many printed names are kept per document (a request echoed back may have any names).</summary>
    private const int MaxCachedNames = 1024;

    private readonly List<Frame> _frames = [];

    /// <summary>
    /// Each name printed as <c>"name": </c>, by reference: a result repeats the same literal names for every element
    /// (25 per connection in get_connections), and printing them is most of the work.
    /// </summary>
    private readonly Dictionary<string, byte[]> _printedNames = new(ReferenceEqualityComparer.Instance);
    private bool _started;

    static TreeRendererOracle()
    {
        Spaces.AsSpan().Fill((byte)' ');
        for (var level = 0; level < CachedLevels; level++)
        {
            var separator = new byte[3 + level * 2];
            ",\r\n"u8.CopyTo(separator);
            separator.AsSpan(3).Fill((byte)' ');
            MemberSeparators[level] = separator;
        }
    }

    public bool IsComplete => _started && _frames.Count == 0;

    /// <summary>Writes the next step: the root's opening, one member or element, or one closing bracket.</summary>
    public void RenderNext(IBufferWriter<byte> output)
    {
        if (!_started)
        {
            _started = true;
            WriteValue(output, root, 0);
            return;
        }

        var top = _frames.Count - 1;
        var frame = _frames[top];
        if (frame.Entries is { } entries)
        {
            if (frame.Next < entries.Count)
            {
                // "{\r\n" member (",\r\n" member)* "\r\n" indent "}": the separator goes before every member but the first.
                var level = frame.Indent + 1;
                if (frame.Next == 0)
                {
                    WriteIndent(output, level);
                }
                else if (level < CachedLevels)
                {
                    output.Write(MemberSeparators[level]);
                }
                else
                {
                    output.Write(",\r\n"u8);
                    WriteIndent(output, level);
                }

                var (name, value) = entries[frame.Next];
                _frames[top] = frame with { Next = frame.Next + 1 };
                WriteName(output, name);
                WriteValue(output, value, level);
                return;
            }

            if (entries.Count > 0)
            {
                output.Write("\r\n"u8);
            }

            WriteIndent(output, frame.Indent);
            output.Write("}"u8);
        }
        else
        {
            var items = frame.Array!.Items;
            if (frame.Next < items.Count)
            {
                // Elements back to back; object elements take the array's own indentation level.
                if (frame.Next > 0)
                {
                    output.Write(","u8);
                }

                _frames[top] = frame with { Next = frame.Next + 1 };
                WriteValue(output, items[frame.Next], frame.Indent);
                return;
            }

            output.Write("]"u8);
        }

        _frames.RemoveAt(top);
    }

    /// <summary>A scalar is written whole; a container writes its opening bracket and becomes the current frame.</summary>
    private void WriteValue(IBufferWriter<byte> output, RpcJsonValue value, int indent)
    {
        switch (value)
        {
            case RpcJsonObject obj:
                output.Write("{\r\n"u8);
                _frames.Add(new Frame(obj.Entries.ToList(), null, 0, indent));
                break;
            case RpcJsonArray array:
                output.Write("["u8);
                _frames.Add(new Frame(null, array, 0, indent));
                break;
            case RpcJsonString text:
                WriteString(output, text.Value);
                break;
            case RpcJsonUnsigned unsigned:
                WriteFormatted(output, unsigned.Value);
                break;
            case RpcJsonSigned signed:
                WriteFormatted(output, signed.Value);
                break;
            case RpcJsonBool boolean:
                output.Write(boolean.Value ? "true"u8 : "false"u8);
                break;
            default:
                // Doubles: CDoubleFormat's printf-style text, always ASCII.
                output.Write(Encoding.ASCII.GetBytes(value.ToString()!));
                break;
        }
    }

    /// <summary><c>"name": </c>, from the cache when the same string was printed before.</summary>
    private void WriteName(IBufferWriter<byte> output, string name)
    {
        if (!_printedNames.TryGetValue(name, out var printed))
        {
            var buffer = new ArrayBufferWriter<byte>(name.Length + 4);
            WriteString(buffer, name);
            buffer.Write(": "u8);
            printed = buffer.WrittenSpan.ToArray();
            if (_printedNames.Count < MaxCachedNames)
            {
                _printedNames.Add(name, printed);
            }
        }

        output.Write(printed);
    }

    private static void WriteFormatted(IBufferWriter<byte> output, ulong value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var length);
        output.Write(digits[..length]);
    }

    private static void WriteFormatted(IBufferWriter<byte> output, long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var length);
        output.Write(digits[..length]);
    }

    /// <summary>0.18 escapes only \b \f \n \r \t \v " \ and /; every other byte, control characters included, is raw.</summary>
    private static void WriteString(IBufferWriter<byte> output, string text)
    {
        const int StackLimit = 256;
        var length = Encoding.UTF8.GetByteCount(text);
        byte[]? rented = null;
        var bytes = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        bytes = bytes[..Encoding.UTF8.GetBytes(text, bytes)];

        output.Write("\""u8);
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var escape = EscapeFor(bytes[i]);
            if (escape == 0)
            {
                continue;
            }

            output.Write(bytes[start..i]);
            output.Write([(byte)'\\', escape]);
            start = i + 1;
        }

        output.Write(bytes[start..]);
        output.Write("\""u8);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
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

    /// <summary>Two spaces per level.</summary>
    private static void WriteIndent(IBufferWriter<byte> output, int level)
    {
        for (var remaining = level * 2; remaining > 0; remaining -= Spaces.Length)
        {
            output.Write(Spaces.AsSpan(0, Math.Min(remaining, Spaces.Length)));
        }
    }

    /// <summary>An open object (<see cref="Entries"/> set) or array, the index of its next member, its indentation.</summary>
    private readonly record struct Frame(List<KeyValuePair<string, RpcJsonValue>>? Entries, RpcJsonArray? Array, int Next, int Indent);
}
