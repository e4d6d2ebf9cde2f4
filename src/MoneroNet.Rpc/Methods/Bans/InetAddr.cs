using System.Globalization;
using System.Net;

namespace MoneroNet.Rpc.Methods.Bans;

/// <summary>
/// The IPv4 text forms monerod accepts, which are those of C's <c>inet_addr</c>: one to four parts separated by dots,
/// each decimal, octal (leading 0) or hexadecimal (0x), the last part filling the remaining bytes ("127.1" is
/// 127.0.0.1). Like <c>inet_addr</c> it cannot return 255.255.255.255, which is its error value.
/// </summary>
internal static class InetAddr
{
    public static bool TryParse(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Length == 0 || text.Length > 64)
        {
            return false;
        }

        var parts = text.Split('.');
        if (parts.Length > 4)
        {
            return false;
        }

        Span<ulong> values = stackalloc ulong[4];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryParsePart(parts[i], out values[i]))
            {
                return false;
            }
        }

        // All parts but the last are single bytes; the last one fills the remaining bytes.
        var lastBytes = 5 - parts.Length;
        ulong value = 0;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (values[i] > 0xFF)
            {
                return false;
            }

            value = (value << 8) | values[i];
        }

        var last = values[parts.Length - 1];
        if (last >= 1UL << (8 * lastBytes))
        {
            return false;
        }

        value = (value << (8 * lastBytes)) | last;
        if (value == 0xFFFFFFFF)
        {
            return false;
        }

        Span<byte> bytes = [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
        address = new IPAddress(bytes);
        return true;
    }

    private static bool TryParsePart(string part, out ulong value)
    {
        value = 0;
        if (part.Length == 0)
        {
            return false;
        }

        if (part.Length > 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X'))
        {
            return part.Length <= 10 && ulong.TryParse(part.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        if (part.Length > 1 && part[0] == '0')
        {
            foreach (var c in part)
            {
                if (c is < '0' or > '7')
                {
                    return false;
                }

                value = (value * 8) + (ulong)(c - '0');
                if (value > uint.MaxValue)
                {
                    return false;
                }
            }

            return true;
        }

        return part.Length <= 10 && part.All(char.IsAsciiDigit) && ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
