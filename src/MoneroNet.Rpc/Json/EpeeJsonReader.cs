using System.Globalization;
using System.Text.Json;

namespace MoneroNet.Rpc.Json;

/// <summary>
/// Parses a request body into epee's JSON model, taking the decisions monerod 0.18's lenient parser takes
/// (<c>portable_storage_from_json.h</c>, docs/PROTOCOL.md §7.3) on top of System.Text.Json's tokenizer:
/// <list type="bullet">
/// <item>the root must be an object; whitespace only (or nothing) is an empty object;</item>
/// <item>the text may end early at a token boundary: what was read so far is the result (a truncated request
///   is a partial object, not an error), but ending inside a string, number or word is an error;</item>
/// <item>anything after the root's closing brace is ignored;</item>
/// <item><c>null</c> leaves the key out; empty arrays leave the key out; arrays must not nest and must hold one
///   kind of value (objects, strings, booleans, or numbers of one kind); <c>null</c> in an array is an error;</item>
/// <item>numbers: a leading '-' makes an i64, otherwise a u64, a '.' or exponent a double; out of range is an error;</item>
/// <item>objects nest at most <see cref="MaxObjectNesting"/> deep, the root included.</item>
/// </list>
/// Known differences from monerod, all on malformed input: words are case-sensitive here (monerod accepts
/// <c>TRUE</c>), raw control characters and unknown escapes inside strings, invalid UTF-8 and non-JSON number
/// spellings are rejected here, and only JSON's four whitespace characters are skipped.
/// </summary>
public static class EpeeJsonReader
{
    /// <summary>monerod's EPEE_JSON_RECURSION_LIMIT_INTERNAL: objects nested deeper than this fail the parse.</summary>
    public const int MaxObjectNesting = 100;

    private static readonly JsonReaderOptions Options = new()
    {
        AllowTrailingCommas = true, // epee accepts "{"a":1,}"; a trailing comma in an array is refused below
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = (2 * MaxObjectNesting) + 2,
    };

    /// <summary>The parsed object, or null when monerod would answer "Parse error" (or 400 on a URI endpoint).</summary>
    public static RpcJsonObject? Parse(ReadOnlySpan<byte> utf8)
    {
        var start = SkipWhitespace(utf8, 0);
        if (start == utf8.Length)
        {
            return new RpcJsonObject();
        }

        if (utf8[start] != (byte)'{')
        {
            return null;
        }

        try
        {
            return ParseRoot(utf8[start..]);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // GetString on a string that is not valid UTF-8.
            return null;
        }
    }

    private static RpcJsonObject? ParseRoot(ReadOnlySpan<byte> text)
    {
        var reader = new Utf8JsonReader(text, isFinalBlock: false, new JsonReaderState(Options));
        var stack = new Stack<Container>();
        RpcJsonObject? root = null;
        var objectDepth = 0;
        long wordEnd = -1;

        while (reader.Read())
        {
            wordEnd = -1;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                {
                    var obj = new RpcJsonObject();
                    if (++objectDepth > MaxObjectNesting)
                    {
                        return null;
                    }

                    if (stack.Count == 0)
                    {
                        root = obj;
                    }
                    else if (!stack.Peek().Place(obj))
                    {
                        return null;
                    }

                    stack.Push(Container.ForObject(obj));
                    break;
                }

                case JsonTokenType.EndObject:
                    stack.Pop();
                    objectDepth--;
                    if (stack.Count == 0)
                    {
                        return root;
                    }

                    break;

                case JsonTokenType.PropertyName:
                    stack.Peek().PendingName = reader.GetString();
                    break;

                case JsonTokenType.StartArray:
                {
                    var top = stack.Peek();
                    if (top.IsArray)
                    {
                        return null;
                    }

                    stack.Push(Container.ForArray(top.Object, top.TakeName()));
                    break;
                }

                case JsonTokenType.EndArray:
                    if (PrecededByComma(text, reader.TokenStartIndex))
                    {
                        return null;
                    }

                    stack.Pop();
                    break;

                case JsonTokenType.String:
                    if (!stack.Peek().Place(new RpcJsonString(reader.GetString()!)))
                    {
                        return null;
                    }

                    break;

                case JsonTokenType.Number:
                {
                    var number = ParseNumber(reader.ValueSpan);
                    if (number is null || !stack.Peek().Place(number))
                    {
                        return null;
                    }

                    break;
                }

                case JsonTokenType.True:
                case JsonTokenType.False:
                    if (!stack.Peek().Place(reader.TokenType == JsonTokenType.True ? RpcJsonBool.True : RpcJsonBool.False))
                    {
                        return null;
                    }

                    wordEnd = reader.BytesConsumed;
                    break;

                case JsonTokenType.Null:
                {
                    var top = stack.Peek();
                    if (top.IsArray)
                    {
                        return null;
                    }

                    top.TakeName();
                    wordEnd = reader.BytesConsumed;
                    break;
                }

                default:
                    return null;
            }
        }

        // The text ended before the root object closed. epee keeps what it read, unless the text ended in the middle
        // of a token: its string, number and word scanners all fail at the end of the buffer.
        if (wordEnd == text.Length)
        {
            return null;
        }

        // The tokenizer leaves unconsumed a separator whose next token has not started, and a property name whose ':'
        // has not come: epee had already taken both, so they end the text at a boundary.
        var tail = text[SkipWhitespace(text, (int)reader.BytesConsumed)..];
        if (!tail.IsEmpty && tail[0] == (byte)',')
        {
            tail = tail[SkipWhitespace(tail, 1)..];
        }

        if (tail.IsEmpty || IsCompleteString(tail))
        {
            return root ?? new RpcJsonObject();
        }

        return null;
    }

    private static RpcJsonValue? ParseNumber(ReadOnlySpan<byte> raw)
    {
        var isFloat = raw.IndexOfAny(".eE"u8) >= 0;
        if (isFloat)
        {
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
            {
                return null;
            }

            // strtod reports underflow as an error; a non-zero mantissa that came out as zero underflowed.
            if (d == 0 && HasNonZeroMantissaDigit(raw))
            {
                return null;
            }

            return new RpcJsonDouble(d);
        }

        if (raw[0] == (byte)'-')
        {
            return long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed)
                ? new RpcJsonSigned(signed)
                : null;
        }

        return ulong.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned)
            ? new RpcJsonUnsigned(unsigned)
            : null;
    }

    private static bool HasNonZeroMantissaDigit(ReadOnlySpan<byte> raw)
    {
        foreach (var b in raw)
        {
            if (b is (byte)'e' or (byte)'E')
            {
                return false;
            }

            if (b is >= (byte)'1' and <= (byte)'9')
            {
                return true;
            }
        }

        return false;
    }

    private static bool PrecededByComma(ReadOnlySpan<byte> text, long index)
    {
        for (var i = (int)index - 1; i >= 0; i--)
        {
            if (!IsWhitespace(text[i]))
            {
                return text[i] == (byte)',';
            }
        }

        return false;
    }

    private static bool IsCompleteString(ReadOnlySpan<byte> tail)
    {
        if (tail[0] != (byte)'"')
        {
            return false;
        }

        for (var i = 1; i < tail.Length; i++)
        {
            if (tail[i] == (byte)'\\')
            {
                i++;
            }
            else if (tail[i] == (byte)'"')
            {
                return SkipWhitespace(tail, i + 1) == tail.Length;
            }
        }

        return false;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> text, int index)
    {
        while (index < text.Length && IsWhitespace(text[index]))
        {
            index++;
        }

        return index;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>An object being filled, or an array being filled for a named member of an object.</summary>
    private sealed class Container
    {
        private readonly string? _arrayName;
        private RpcJsonArray? _array;

        private Container(RpcJsonObject obj, bool isArray, string? arrayName)
        {
            Object = obj;
            IsArray = isArray;
            _arrayName = arrayName;
        }

        /// <summary>The object itself, or for an array the object that owns it.</summary>
        public RpcJsonObject Object { get; }

        public bool IsArray { get; }

        public string? PendingName { get; set; }

        public static Container ForObject(RpcJsonObject obj) => new(obj, false, null);

        public static Container ForArray(RpcJsonObject owner, string name) => new(owner, true, name);

        public string TakeName()
        {
            var name = PendingName ?? throw new JsonException("value without a name");
            PendingName = null;
            return name;
        }

        /// <summary>
        /// Stores a value. An array joins its owner with its first element, as in epee, so an array cut short by the
        /// end of the text keeps what it got and an empty one leaves its key out.
        /// </summary>
        public bool Place(RpcJsonValue value)
        {
            if (!IsArray)
            {
                Object.Set(TakeName(), value);
                return true;
            }

            if (_array is null)
            {
                _array = new RpcJsonArray();
                Object.Set(_arrayName!, _array);
            }
            else if (_array.Items[0].GetType() != value.GetType())
            {
                return false;
            }

            _array.Add(value);
            return true;
        }
    }
}
