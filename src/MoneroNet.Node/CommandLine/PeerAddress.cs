using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MoneroNet.Node.CommandLine;

/// <summary>
/// A peer named by <c>--add-peer</c>, <c>--add-priority-node</c> or <c>--add-exclusive-node</c>.
/// </summary>
/// <param name="Host">The IP literal (without brackets) or host name as given.</param>
/// <param name="Port">The port; the network's default P2P port when the argument named none, as monerod does.</param>
/// <param name="Address">The IP address when <paramref name="Host"/> is a literal; null for a host name, which the
/// P2P layer resolves when it connects. IPv4-mapped IPv6 literals are reduced to IPv4, as monerod does.</param>
/// <param name="Anonymity">The Tor or I2P address when <paramref name="Host"/> is a <c>.onion</c> or <c>.b32.i2p</c>
/// host (dialled through that zone's --tx-proxy, never looked up); null otherwise.</param>
public sealed record PeerAddress(string Host, ushort Port, IPAddress? Address, Wire.NetworkAddress? Anonymity = null)
{
    /// <summary>Longest host name DNS allows; anything longer is rejected before it is stored.</summary>
    private const int MaxHostNameLength = 253;

    /// <summary>
    /// Parses monerod's peer syntax: <c>HOST</c>, <c>HOST:PORT</c>, <c>IPV6</c>, <c>[IPV6]</c> or <c>[IPV6]:PORT</c>.
    /// A missing port takes <paramref name="defaultPort"/>. A <c>.onion</c> or <c>.i2p</c> host must be a valid Tor or
    /// <c>.b32.i2p</c> address (monerod's tor_address/i2p_address check) and is never resolved.
    /// </summary>
    public static bool TryParse(string text, ushort defaultPort, [NotNullWhen(true)] out PeerAddress? peer)
    {
        peer = null;
        if (!TrySplitHostAndPort(text, out var host, out var portText, out var bracketed))
            return false;

        var port = defaultPort;
        if (portText is not null && !TryParsePort(portText, out port))
            return false;

        if (IPAddress.TryParse(host, out var ip) && IsPlainLiteral(host, ip))
        {
            if (bracketed && ip.AddressFamily != AddressFamily.InterNetworkV6)
                return false;
            if (ip.IsIPv4MappedToIPv6)
                ip = ip.MapToIPv4();
            peer = new PeerAddress(ip.ToString(), port, ip);
            return true;
        }

        if (!bracketed && Wire.NetworkAddress.TryParseAnonymityHost(host, port, out var anonymity, out _))
        {
            peer = new PeerAddress(host, port, null, anonymity);
            return true;
        }
        if (bracketed || !IsHostName(host) || host.EndsWith(".onion", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".i2p", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        peer = new PeerAddress(host, port, null);
        return true;
    }

    /// <summary>Port text must be plain decimal digits in 1..65535 (no sign, no spaces).</summary>
    internal static bool TryParsePort(string text, out ushort port)
    {
        port = 0;
        return text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit)
            && ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port != 0;
    }

    /// <summary>Splits the way monerod's net::get_network_address does: brackets, then "two or more colons = bare IPv6".</summary>
    private static bool TrySplitHostAndPort(string text, out string host, out string? port, out bool bracketed)
    {
        host = text;
        port = null;
        bracketed = text.StartsWith('[');
        if (bracketed)
        {
            var close = text.IndexOf(']');
            if (close < 0)
                return false;
            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                    return false;
                port = rest[1..];
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':');
            host = text[..colon];
            port = text[(colon + 1)..];
        }
        return host.Length > 0;
    }

    /// <summary>
    /// IPAddress.TryParse also accepts shorthand such as "1" or "127.1" and scope ids; peers must be written out in
    /// full dotted-quad or IPv6 notation so that a typo is not silently read as some other address.
    /// </summary>
    private static bool IsPlainLiteral(string host, IPAddress ip) =>
        ip.AddressFamily == AddressFamily.InterNetworkV6
            ? !host.Contains('%')
            : host.Count(c => c == '.') == 3 && host.All(c => char.IsAsciiDigit(c) || c == '.');

    private static bool IsHostName(string host)
    {
        if (host.Length > MaxHostNameLength || host.All(c => char.IsAsciiDigit(c) || c == '.'))
            return false;
        foreach (var label in host.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
                return false;
            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                return false;
        }
        return true;
    }

    /// <summary>HOST:PORT, with IPv6 literals in brackets.</summary>
    public override string ToString() =>
        Address?.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
