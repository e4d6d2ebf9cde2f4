namespace MoneroNet.Node.Tools;

/// <summary>
/// Turns one levin-decode input into bytes: hex text (hex digits and whitespace only, either case) is decoded,
/// anything else is taken as raw bytes. The two cannot be confused for Levin data, whose first byte 0x01 is not a
/// hex digit character.
/// </summary>
internal static class LevinInput
{
    /// <summary>Largest input accepted (the largest Levin packet monerod accepts, 100 MB, as hex, plus slack).</summary>
    public const long MaxInputBytes = 256L * 1024 * 1024;

    public static bool LooksLikeHex(ReadOnlySpan<byte> data)
    {
        bool anyDigit = false;
        foreach (byte b in data)
        {
            if (IsHexDigit(b)) anyDigit = true;
            else if (!IsWhitespace(b)) return false;
        }
        return anyDigit;
    }

    /// <summary>Decodes hex text, skipping whitespace; returns null and the offending character index on odd digit counts.</summary>
    public static byte[]? DecodeHex(ReadOnlySpan<byte> text, out string? problem)
    {
        int digits = 0;
        foreach (byte b in text)
            if (IsHexDigit(b)) digits++;
        if (digits % 2 != 0)
        {
            problem = $"hex text has an odd number of digits ({digits})";
            return null;
        }
        var bytes = new byte[digits / 2];
        int n = 0, high = -1;
        foreach (byte b in text)
        {
            if (!IsHexDigit(b)) continue;
            int v = HexValue(b);
            if (high < 0)
            {
                high = v;
            }
            else
            {
                bytes[n++] = (byte)(high << 4 | v);
                high = -1;
            }
        }
        problem = null;
        return bytes;
    }

    private static bool IsHexDigit(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or (byte)'\v';

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
