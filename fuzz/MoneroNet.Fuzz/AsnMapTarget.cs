using System.Net;
using MoneroNet.P2P.NetworkFacts;

namespace MoneroNet.Fuzz;

/// <summary>
/// The --asn-map reader (src/MoneroNet.P2P/NetworkFacts/AsnMap, ip2asn TSV, plain or gzip): the input is the file.
/// Rejection is <see cref="InvalidDataException"/> (over a limit, a broken gzip stream), as
/// <see cref="AsnMap.Load(Stream, AsnMapLimits?)"/> documents; bad lines are counted in its report, not thrown. A map
/// that loaded is looked up with fixed addresses and with the input's own first bytes as an IPv4 and an IPv6 address.
/// </summary>
internal static class AsnMapTarget
{
    // Small limits keep one execution small (a gzip input inflates); the checks are the same at any size.
    private static readonly AsnMapLimits Limits = new() { MaxFileBytes = 4L * 1024 * 1024, MaxEntries = 100_000 };

    private static readonly IPAddress[] Probes =
    [
        IPAddress.Parse("127.0.0.1"), IPAddress.Parse("192.0.2.7"), IPAddress.Parse("::ffff:198.51.100.9"),
        IPAddress.Parse("2001:db8::10"), IPAddress.Any, IPAddress.Broadcast, IPAddress.IPv6Any,
    ];

    public static void Run(byte[] data)
    {
        AsnMap map;
        try
        {
            using var stream = new MemoryStream(data, writable: false);
            map = AsnMap.Load(stream, Limits);
        }
        catch (InvalidDataException)
        {
            return;
        }

        foreach (var probe in Probes)
        {
            _ = map.Lookup(probe);
        }

        var own = new byte[16];
        data.AsSpan(0, Math.Min(16, data.Length)).CopyTo(own);
        _ = map.Lookup(own.AsSpan(0, 4));
        _ = map.Lookup(own);
        _ = map.Report;
    }
}
