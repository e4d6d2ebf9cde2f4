using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace MoneroNet.Rpc.Json;

/// <summary>
/// A forward-only writer of monerod 0.18's JSON layout (docs/PROTOCOL.md §7.2): <c>"key": value</c>, CRLF line
/// breaks, two spaces per level, scalar arrays inline, arrays of objects as <c>[{ … },{ … }]</c> with the objects at
/// the array's own level, no newline at the end, 0.18's string escapes and <c>%g</c> doubles. The caller writes the
/// members of an object in ascending UTF-8 byte order of their names, as monerod prints them; a typed result does
/// that by construction and <see cref="WriteValue"/> does it for a tree. Nothing is measured or kept: each call
/// writes its bytes into the output at once.
/// </summary>
/// <remarks>
/// One difference from monerod on purpose: an empty array is printed as <c>[]</c> where monerod leaves the key out
/// (clients such as monero-ts fail on the missing key).
/// </remarks>
public sealed class MonerodJsonWriter
{
    /// <summary>Epee nests sections far less deeply; the limit only bounds the position stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>The bytes 0.18 escapes.</summary>
    private static readonly SearchValues<byte> Escaped = SearchValues.Create([0x08, 0x0C, (byte)'\n', (byte)'\r', (byte)'\t', 0x0B, (byte)'"', (byte)'\\', (byte)'/']);

    private readonly IBufferWriter<byte> _output;
    private readonly Container[] _open = new Container[MaxDepth];
    private int _depth;

    public MonerodJsonWriter(IBufferWriter<byte> output)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
    }

    /// <summary>True once the root value is complete.</summary>
    public bool IsComplete { get; private set; }

    public void WriteStartObject()
    {
        var indent = BeginValue();
        Push(new Container(IsArray: false, Count: 0, Indent: indent));
        Write("{\r\n"u8);
    }

    /// <summary><c>"\r\n" indent "}"</c> after members; an empty object is <c>"{\r\n" indent "}"</c>.</summary>
    public void WriteEndObject()
    {
        var top = Pop(isArray: false);
        if (top.Count > 0)
        {
            Write("\r\n"u8);
        }

        WriteIndent(top.Indent);
        Write("}"u8);
        EndValue();
    }

    public void WriteStartArray()
    {
        var indent = BeginValue();
        Push(new Container(IsArray: true, Count: 0, Indent: indent));
        Write("["u8);
    }

    public void WriteEndArray()
    {
        Pop(isArray: true);
        Write("]"u8);
        EndValue();
    }

    /// <summary>
    /// The next member's name, from its UTF-8 bytes: the separator and indentation before it, then <c>"name": </c>.
    /// The value follows with one of the value calls.
    /// </summary>
    public void WritePropertyName(ReadOnlySpan<byte> utf8Name)
    {
        BeginMember(utf8Name, 0, out var at);
        _output.Advance(at);
    }

    /// <summary>
    /// Writes a member's separator, indentation and quoted name into one span with room for
    /// <paramref name="valueRoom"/> more bytes, and returns that span with <paramref name="at"/> just after <c>": "</c>;
    /// the caller formats the value there and advances. Names are most of a listing's writes (25 or more per
    /// connection in get_connections), so a scalar member costs one span of the output.
    /// </summary>
    private Span<byte> BeginMember(ReadOnlySpan<byte> utf8Name, int valueRoom, out int at)
    {
        if (_depth == 0 || _open[_depth - 1].IsArray)
        {
            throw new InvalidOperationException("a name is written only inside an object");
        }

        ref var top = ref _open[_depth - 1];
        var level = top.Indent + 1;

        // The worst case: every name byte escaped.
        var span = _output.GetSpan(3 + level * 2 + utf8Name.Length * 2 + 4 + valueRoom);
        at = 0;
        if (top.Count++ > 0)
        {
            ",\r\n"u8.CopyTo(span);
            at = 3;
        }

        span.Slice(at, level * 2).Fill((byte)' ');
        at += level * 2;
        at += Quote(utf8Name, span[at..]);
        span[at++] = (byte)':';
        span[at++] = (byte)' ';
        return span;
    }

    public void WritePropertyName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        WithUtf8(name, this, static (writer, bytes) => writer.WritePropertyName(bytes));
    }

    public void WriteString(ReadOnlySpan<byte> utf8Value)
    {
        BeginValue();
        WriteQuoted(utf8Value);
        EndValue();
    }

    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WithUtf8(value, this, static (writer, bytes) => writer.WriteString(bytes));
    }

    public void WriteNumber(ulong value)
    {
        BeginValue();
        var span = _output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var length);
        _output.Advance(length);
        EndValue();
    }

    public void WriteNumber(long value)
    {
        BeginValue();
        var span = _output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var length);
        _output.Advance(length);
        EndValue();
    }

    /// <summary>printf <c>%g</c> as monerod's ostream prints a double (<see cref="CDoubleFormat"/>).</summary>
    public void WriteNumber(double value)
    {
        BeginValue();
        var text = CDoubleFormat.Format(value);
        var span = _output.GetSpan(text.Length);
        _output.Advance(Encoding.ASCII.GetBytes(text, span));
        EndValue();
    }

    public void WriteBoolean(bool value)
    {
        BeginValue();
        Write(value ? "true"u8 : "false"u8);
        EndValue();
    }

    /// <summary>A member with a string value: <paramref name="utf8Name"/> is the name's UTF-8 bytes.</summary>
    public void WriteString(ReadOnlySpan<byte> utf8Name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        const int StackLimit = 384;
        if (value.Length > StackLimit / 3)
        {
            WritePropertyName(utf8Name);
            WriteString(value);
            return;
        }

        Span<byte> bytes = stackalloc byte[StackLimit];
        WriteString(utf8Name, bytes[..Encoding.UTF8.GetBytes(value, bytes)]);
    }

    public void WriteString(ReadOnlySpan<byte> utf8Name, ReadOnlySpan<byte> utf8Value)
    {
        var span = BeginMember(utf8Name, utf8Value.Length * 2 + 2, out var at);
        _output.Advance(at + Quote(utf8Value, span[at..]));
    }

    public void WriteNumber(ReadOnlySpan<byte> utf8Name, ulong value)
    {
        var span = BeginMember(utf8Name, 20, out var at);
        Utf8Formatter.TryFormat(value, span[at..], out var length);
        _output.Advance(at + length);
    }

    public void WriteNumber(ReadOnlySpan<byte> utf8Name, long value)
    {
        var span = BeginMember(utf8Name, 20, out var at);
        Utf8Formatter.TryFormat(value, span[at..], out var length);
        _output.Advance(at + length);
    }

    public void WriteNumber(ReadOnlySpan<byte> utf8Name, double value)
    {
        WritePropertyName(utf8Name);
        WriteNumber(value);
    }

    public void WriteBoolean(ReadOnlySpan<byte> utf8Name, bool value)
    {
        var span = BeginMember(utf8Name, 5, out var at);
        var text = value ? "true"u8 : "false"u8;
        text.CopyTo(span[at..]);
        _output.Advance(at + text.Length);
    }

    /// <summary>
    /// A value of the generic tree (a request echoed back, or a method not yet written as a typed result), its
    /// objects' members in their kept (byte) order.
    /// </summary>
    public void WriteValue(RpcJsonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value)
        {
            case RpcJsonObject obj:
                WriteStartObject();
                foreach (var (name, member) in obj.OrderedEntries)
                {
                    WritePropertyName(name);
                    WriteValue(member);
                }

                WriteEndObject();
                break;
            case RpcJsonArray array:
                WriteStartArray();
                foreach (var item in array.Items)
                {
                    WriteValue(item);
                }

                WriteEndArray();
                break;
            case RpcJsonString text:
                WriteString(text.Value);
                break;
            case RpcJsonUnsigned unsigned:
                WriteNumber(unsigned.Value);
                break;
            case RpcJsonSigned signed:
                WriteNumber(signed.Value);
                break;
            case RpcJsonBool boolean:
                WriteBoolean(boolean.Value);
                break;
            case RpcJsonDouble number:
                WriteNumber(number.Value);
                break;
            default:
                throw new ArgumentException($"unknown value kind {value.KindName}", nameof(value));
        }
    }

    /// <summary>
    /// Checks the position for a value and returns the indentation a container opened here takes: the root's is 0,
    /// an object member's is one level below its object, an array element's is the array's own.
    /// </summary>
    private int BeginValue()
    {
        if (IsComplete)
        {
            throw new InvalidOperationException("the document is complete");
        }

        if (_depth == 0)
        {
            return 0;
        }

        ref var top = ref _open[_depth - 1];
        if (!top.IsArray)
        {
            // The name call counted the member; the value takes the member's level.
            return top.Indent + 1;
        }

        // Elements go back to back.
        if (top.Count++ > 0)
        {
            Write(","u8);
        }

        return top.Indent;
    }

    private void EndValue()
    {
        if (_depth == 0)
        {
            IsComplete = true;
        }
    }

    private void Push(Container container)
    {
        if (_depth == MaxDepth)
        {
            throw new InvalidOperationException($"nested deeper than {MaxDepth}");
        }

        _open[_depth++] = container;
    }

    private Container Pop(bool isArray)
    {
        if (_depth == 0 || _open[_depth - 1].IsArray != isArray)
        {
            throw new InvalidOperationException(isArray ? "no array is open" : "no object is open");
        }

        return _open[--_depth];
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        var span = _output.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        _output.Advance(bytes.Length);
    }

    /// <summary>Two spaces per level.</summary>
    private void WriteIndent(int level)
    {
        var count = level * 2;
        var span = _output.GetSpan(count);
        span[..count].Fill((byte)' ');
        _output.Advance(count);
    }

    /// <summary>
    /// <c>"</c> bytes <c>"</c> with 0.18's escapes: only \b \f \n \r \t \v " \ and / are escaped; every other byte,
    /// control characters included, is written raw. The worst case (every byte escaped) is asked for at once.
    /// </summary>
    private void WriteQuoted(ReadOnlySpan<byte> bytes)
    {
        var span = _output.GetSpan(bytes.Length * 2 + 2);
        _output.Advance(Quote(bytes, span));
    }

    /// <summary>Writes the quoted, escaped bytes into <paramref name="span"/> (room for every byte escaped) and returns their length.</summary>
    private static int Quote(ReadOnlySpan<byte> bytes, Span<byte> span)
    {
        span[0] = (byte)'"';
        var at = 1;
        var clean = bytes.IndexOfAny(Escaped);
        if (clean < 0)
        {
            // The common case: nothing to escape, one copy.
            bytes.CopyTo(span[1..]);
            at += bytes.Length;
        }
        else
        {
            bytes[..clean].CopyTo(span[1..]);
            at += clean;
            foreach (var b in bytes[clean..])
            {
                var escape = EscapeFor(b);
                if (escape != 0)
                {
                    span[at++] = (byte)'\\';
                    span[at++] = escape;
                }
                else
                {
                    span[at++] = b;
                }
            }
        }

        span[at++] = (byte)'"';
        return at;
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

    /// <summary>Runs <paramref name="action"/> over the UTF-8 bytes of <paramref name="text"/> (on the stack when short).</summary>
    private static void WithUtf8(string text, MonerodJsonWriter writer, Utf8Action action)
    {
        const int StackLimit = 256;
        if (text.Length <= StackLimit / 3)
        {
            Span<byte> bytes = stackalloc byte[StackLimit];
            action(writer, bytes[..Encoding.UTF8.GetBytes(text, bytes)]);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(text);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            action(writer, rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private delegate void Utf8Action(MonerodJsonWriter writer, ReadOnlySpan<byte> bytes);

    /// <summary>An open object or array, how many members or elements it has so far, and its indentation level.</summary>
    private record struct Container(bool IsArray, int Count, int Indent);
}
