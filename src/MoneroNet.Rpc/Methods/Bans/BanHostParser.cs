using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MoneroNet.Rpc.Methods.Bans;

/// <summary>
/// Reads the host strings of set_bans and banned the way monerod 0.18 does (<c>net::get_network_address</c>,
/// <c>net::get_ipv4_subnet_address</c>):
/// <list type="bullet">
/// <item>a subnet is an IPv4 address, '/', and a mask of 0–32; the address is masked ("198.51.100.7/24" bans
///   198.51.100.0/24); there are no IPv6 subnets;</item>
/// <item>a host may carry a port, which is ignored: "1.2.3.4", "1.2.3.4:80", "[2001:db8::1]", "[2001:db8::1]:80" —
///   an IPv6 address needs its brackets, since the text after the last ':' is taken as a port;</item>
/// <item>.onion and .i2p hosts are valid to monerod; MoneroNet has no such zones and refuses them as unsupported.</item>
/// </list>
/// </summary>
public static class BanHostParser
{
    /// <summary>A subnet "a.b.c.d/n", masked; false for anything else (a plain address is no subnet).</summary>
    public static bool TryParseIpv4Subnet(string text, out IPNetwork subnet)
    {
        subnet = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        if (!TryParseMask(text[(slash + 1)..], out var mask) || !InetAddr.TryParse(text[..slash], out var address))
        {
            return false;
        }

        subnet = Masked(address, mask);
        return true;
    }

    /// <summary>An IPv4 or IPv6 host, with or without a port; false for anything else.</summary>
    public static bool TryParseHost(string text, out IPAddress address)
    {
        address = IPAddress.None;
        string host;
        string port;
        if (text.Contains(']', StringComparison.Ordinal))
        {
            var lastClose = text.LastIndexOf(']');
            host = lastClose >= 1 ? text[1..lastClose] : "";
            port = host.Length + 2 < text.Length ? text[(text.LastIndexOf(':') + 1)..] : "";
        }
        else
        {
            var colon = text.LastIndexOf(':');
            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? "" : text[(colon + 1)..];
        }

        if (host.Length == 0 || host.EndsWith(".onion", StringComparison.Ordinal) || host.EndsWith(".i2p", StringComparison.Ordinal))
        {
            return false;
        }

        if (port.Length > 0 && !ushort.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            if (IPAddress.TryParse(host, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 && v6.ScopeId == 0)
            {
                address = v6;
                return true;
            }

            return false;
        }

        return InetAddr.TryParse(host, out address);
    }

    /// <summary>monerod prints a subnet as its masked address, '/', and the mask length.</summary>
    public static string Format(IPNetwork subnet) =>
        subnet.BaseAddress.ToString() + "/" + subnet.PrefixLength.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseMask(string text, out int mask)
    {
        mask = 0;
        return text.Length is > 0 and <= 2 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out mask) && mask <= 32;
    }

    private static IPNetwork Masked(IPAddress address, int prefixLength)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
        var mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, value & mask);
        return new IPNetwork(new IPAddress(bytes), prefixLength);
    }
}
