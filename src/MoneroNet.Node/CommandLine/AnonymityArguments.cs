using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MoneroNet.P2P.Zones;
using MoneroNet.Wire;

namespace MoneroNet.Node.CommandLine;

/// <summary>
/// monerod's parsers for the anonymity flags (net_node.cpp get_proxies / get_anonymous_inbounds), with their rules:
/// <c>--tx-proxy &lt;tor|i2p&gt;,&lt;ipv4:port&gt;[,max connections][,disable_noise]</c> (at most two fields after
/// the proxy, max connections a u32 ≥ 1, port ≠ 0), and <c>--anonymous-inbound &lt;x.onion|x.b32.i2p&gt;,&lt;ipv4:port&gt;[,max
/// connections]</c> (the bind must hold a colon; 0.18 takes the IPv4 literal before it). Each returns null and an
/// error text naming the flag, as monerod's MERROR lines do.
/// </summary>
internal static class AnonymityArguments
{
    public static TxProxy? ParseTxProxy(string text, out string? error)
    {
        error = null;
        var parts = text.Split(',');
        if (parts[0].Length == 0) return Fail("No network type for --tx-proxy", out error);
        if (parts.Length < 2 || parts[1].Length == 0) return Fail("No ipv4:port given for --tx-proxy", out error);
        if (parts.Length > 4) return Fail("Too many ',' characters given to --tx-proxy", out error);
        long max = TxProxy.DefaultMaxConnections;
        bool noise = true;
        foreach (var extra in parts.Skip(2))
        {
            if (extra == "disable_noise") noise = false;
            else if (ParseMaxConnections(extra) is { } m) max = m;
            else return Fail("Invalid max connections given to --tx-proxy", out error);
        }
        if (NetworkZones.AnonymityZoneFromName(parts[0]) is not { } zone) return Fail("Invalid network for --tx-proxy", out error);
        if (ParseIPv4EndPoint(parts[1]) is not { Port: not 0 } proxy) return Fail("Invalid ipv4:port given for --tx-proxy", out error);
        return new TxProxy(zone, proxy, max, noise);
    }

    public static AnonymousInbound? ParseAnonymousInbound(string text, out string? error)
    {
        error = null;
        var parts = text.Split(',');
        if (parts[0].Length == 0) return FailInbound("No inbound address for --anonymous-inbound", out error);
        if (parts.Length < 2 || parts[1].Length == 0) return FailInbound("No local ipv4:port given for --anonymous-inbound", out error);
        if (!parts[1].Contains(':', StringComparison.Ordinal)) return FailInbound("No local port given for --anonymous-inbound", out error);
        long max = uint.MaxValue;
        // monerod reads only the third field and ignores any later ones.
        if (parts.Length > 2)
        {
            if (ParseMaxConnections(parts[2]) is { } m) max = m;
            else return FailInbound("Invalid max connections given to --anonymous-inbound", out error);
        }
        if (!NetworkAddress.TryParseAnonymityHost(parts[0], 0, out var ours, out _))
            return FailInbound($"Invalid inbound address ({parts[0]}) for --anonymous-inbound", out error);
        if (ParseIPv4EndPoint(parts[1]) is not { } bind) return FailInbound("Invalid ipv4:port given for --anonymous-inbound", out error);
        return new AnonymousInbound(ours!, bind, max);
    }

    /// <summary>monerod's get_max_connections: a u32; 0 (or anything unparsable) is an error.</summary>
    private static long? ParseMaxConnections(string text) =>
        text.Length > 0 && text.All(char.IsAsciiDigit)
        && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n != 0 ? n : null;

    /// <summary>epee's parse_peer_from_string for IPv4: a dotted quad and a port (the port may be 0 here).</summary>
    private static IPEndPoint? ParseIPv4EndPoint(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon <= 0) return null;
        string host = text[..colon], portText = text[(colon + 1)..];
        if (host.Count(c => c == '.') != 3 || !host.All(c => char.IsAsciiDigit(c) || c == '.')) return null;
        if (!IPAddress.TryParse(host, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork) return null;
        if (portText.Length is 0 or > 5 || !portText.All(char.IsAsciiDigit)
            || !ushort.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }
        return new IPEndPoint(ip, port);
    }

    private static TxProxy? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }

    private static AnonymousInbound? FailInbound(string message, out string? error)
    {
        error = message;
        return null;
    }
}
