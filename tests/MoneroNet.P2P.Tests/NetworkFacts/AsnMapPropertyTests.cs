using System.Net;
using System.Text;
using CsCheck;
using MoneroNet.P2P.NetworkFacts;

namespace MoneroNet.P2P.Tests.NetworkFacts;

/// <summary>Lookups in maps of random ranges equal a linear scan over the rows, as the file gives them.</summary>
public sealed class AsnMapPropertyTests
{
    private sealed record Row(UInt128 Start, UInt128 End, uint Asn);

    /// <summary>
    /// Random disjoint ranges: sorted distinct boundaries taken pairwise, shuffled into file order, plus addresses to
    /// look up (random ones and every range's edges and their neighbours).
    /// </summary>
    private static Gen<(Row[] Rows, UInt128[] Probes)> DisjointRanges(Gen<UInt128> address) =>
        Gen.Select(address.Array[0, 80], Gen.UInt[1, 50].Array[40], Gen.Int.Array[40], address.Array[0, 30])
            .Select(generated =>
            {
                var (points, asns, shuffle, randomProbes) = generated;
                var bounds = points.Distinct().Order().ToArray();
                var rows = new List<Row>();
                for (int i = 0; i + 1 < bounds.Length && rows.Count < asns.Length; i += 2)
                {
                    rows.Add(new Row(bounds[i], bounds[i + 1], asns[rows.Count]));
                }
                var fileOrder = rows.Select((row, i) => (row, key: shuffle[i])).OrderBy(p => p.key).Select(p => p.row).ToArray();
                return (fileOrder, Edges(rows).Concat(randomProbes).ToArray());
            });

    /// <summary>Random ranges that may overlap, each up to a width, with probes at every edge.</summary>
    private static Gen<(Row[] Rows, UInt128[] Probes)> OverlappingRanges(uint space) =>
        Gen.Select(Gen.UInt[0, space], Gen.UInt[0, space / 4], Gen.UInt[1, 6]).Array[0, 25]
            .Select(Gen.UInt[0, space + 10].Array[0, 30], (generated, randomProbes) =>
            {
                var rows = generated.Select(g => new Row(g.Item1, (UInt128)g.Item1 + g.Item2, g.Item3)).ToArray();
                return (rows, Edges(rows).Concat(randomProbes.Select(p => (UInt128)p)).ToArray());
            });

    private static IEnumerable<UInt128> Edges(IEnumerable<Row> rows) =>
        rows.SelectMany(r => new[] { r.Start, r.End, r.Start > 0 ? r.Start - 1 : r.Start, r.End < UInt128.MaxValue ? r.End + 1 : r.End });

    private static string Tsv(IEnumerable<Row> rows, bool ipv6) =>
        string.Concat(rows.Select(r => $"{Text(r.Start, ipv6)}\t{Text(r.End, ipv6)}\t{r.Asn}\tZZ\tAS-{r.Asn}\n"));

    private static string Text(UInt128 value, bool ipv6)
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return (ipv6 ? new IPAddress(bytes) : new IPAddress(bytes[12..])).ToString();
    }

    private static AsnMap Load(string text) => AsnMap.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    /// <summary>The rule, stated as a scan: the narrowest row holding the address, the earliest line among equals.</summary>
    private static uint? Scan(Row[] rows, UInt128 address) =>
        rows.Select((row, line) => (row, line))
            .Where(p => p.row.Start <= address && address <= p.row.End)
            .OrderBy(p => p.row.End - p.row.Start).ThenBy(p => p.line)
            .Select(p => (uint?)p.row.Asn).FirstOrDefault();

    [Fact]
    public void Ipv4_disjoint_ranges_match_a_linear_scan()
    {
        DisjointRanges(Gen.UInt.Select(v => (UInt128)v)).Sample(sample =>
        {
            var map = Load(Tsv(sample.Rows, ipv6: false));
            return sample.Probes.Where(p => p <= uint.MaxValue)
                .All(p => map.LookupIPv4((uint)p)?.Number == Scan(sample.Rows, p));
        });
    }

    [Fact]
    public void Ipv6_disjoint_ranges_match_a_linear_scan()
    {
        // Mostly high addresses (a small high word would print as IPv4-compatible text, still IPv6) and some tiny ones.
        var address = Gen.OneOf(
            Gen.Select(Gen.ULong, Gen.ULong, (high, low) => new UInt128(high, low)),
            Gen.Select(Gen.ULong[0, 3], Gen.ULong, (high, low) => new UInt128(high, low)),
            Gen.UInt.Select(v => (UInt128)v));
        DisjointRanges(address).Sample(sample =>
        {
            var map = Load(Tsv(sample.Rows, ipv6: true));
            return sample.Probes.All(p => map.LookupIPv6(p)?.Number == Scan(sample.Rows, p));
        });
    }

    [Fact]
    public void Overlapping_ranges_resolve_as_the_narrowest_then_earliest_row()
    {
        // A small address space so that ranges overlap often, nest, touch and coincide.
        OverlappingRanges(200).Sample(sample =>
        {
            var v4 = Load(Tsv(sample.Rows, ipv6: false));
            var v6 = Load(Tsv(sample.Rows.Select(r => r with { Start = r.Start | ((UInt128)0x20010db8 << 96), End = r.End | ((UInt128)0x20010db8 << 96) }), ipv6: true));
            return sample.Probes.All(p => v4.LookupIPv4((uint)p)?.Number == Scan(sample.Rows, p)
                && v6.LookupIPv6(p | ((UInt128)0x20010db8 << 96))?.Number == Scan(sample.Rows, p));
        });
    }
}
