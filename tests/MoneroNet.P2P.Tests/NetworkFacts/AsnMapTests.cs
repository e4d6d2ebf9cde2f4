using System.Net;
using System.Text;
using MoneroNet.P2P.NetworkFacts;

namespace MoneroNet.P2P.Tests.NetworkFacts;

public sealed class AsnMapTests
{
    private static AsnMap Load(string text, AsnMapLimits? limits = null) =>
        AsnMap.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)), limits);

    private static uint? Asn(AsnMap map, string address) => map.Lookup(IPAddress.Parse(address))?.Number;

    [Fact]
    public void Ipv4_boundaries_and_gaps()
    {
        var map = Load("10.0.0.0\t10.0.0.255\t1\tUS\tONE\n10.0.2.0\t10.0.2.255\t2\tDE\tTWO\n");

        Assert.Null(Asn(map, "9.255.255.255"));
        Assert.Equal(1u, Asn(map, "10.0.0.0"));
        Assert.Equal(1u, Asn(map, "10.0.0.255"));
        Assert.Null(Asn(map, "10.0.1.0"));
        Assert.Null(Asn(map, "10.0.1.255"));
        Assert.Equal(2u, Asn(map, "10.0.2.0"));
        Assert.Equal(2u, Asn(map, "10.0.2.255"));
        Assert.Null(Asn(map, "10.0.3.0"));
        Assert.Equal("DE", map.Lookup(IPAddress.Parse("10.0.2.1"))!.Country);
        Assert.Equal("TWO", map.Lookup(IPAddress.Parse("10.0.2.1"))!.Name);
    }

    [Fact]
    public void Address_space_ends_are_reachable()
    {
        var map = Load("0.0.0.0\t0.0.0.0\t1\tZZ\tA\n255.255.255.255\t255.255.255.255\t2\tZZ\tB\n"
            + "::\t::\t3\tZZ\tC\nffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\tffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\t4\tZZ\tD\n");

        Assert.Equal(1u, Asn(map, "0.0.0.0"));
        Assert.Equal(2u, Asn(map, "255.255.255.255"));
        Assert.Null(Asn(map, "255.255.255.254"));
        Assert.Equal(3u, Asn(map, "::"));
        Assert.Equal(4u, Asn(map, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        Assert.Null(Asn(map, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"));
    }

    [Fact]
    public void Ipv6_boundaries_and_mapped_addresses_use_the_ipv4_table()
    {
        var map = Load("2001:db8::\t2001:db8:0:ffff:ffff:ffff:ffff:ffff\t7\tXA\tV6\n198.51.100.0\t198.51.100.255\t8\tXB\tV4\n"
            + "::ffff:0:0\t::ffff:ffff:ffff\t9\tXC\tMAPPED-RANGE\n");

        Assert.Null(Asn(map, "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff"));
        Assert.Equal(7u, Asn(map, "2001:db8::"));
        Assert.Equal(7u, Asn(map, "2001:db8:0:ffff:ffff:ffff:ffff:ffff"));
        Assert.Null(Asn(map, "2001:db8:1::"));
        Assert.Equal(8u, Asn(map, "::ffff:198.51.100.4"));
        Assert.Null(Asn(map, "::ffff:198.51.101.4")); // looked up as IPv4: the IPv6 ::ffff:0:0/96 row never applies
        Assert.Equal(8u, map.Lookup([198, 51, 100, 1])?.Number);
        Assert.Null(map.Lookup(new byte[5]));
    }

    [Fact]
    public void Not_routed_rows_are_dropped_and_counted()
    {
        var map = Load("1.0.0.0\t1.0.0.255\t13335\tUS\tCLOUDFLARENET\n1.0.1.0\t1.0.3.255\t0\tNone\tNot routed\n");

        Assert.Equal(0, map.Report.FirstBadLineOf(AsnMapLineError.BadAsn));
        Assert.Equal("", map.Report.DescribeBadLines());

        Assert.Null(Asn(map, "1.0.2.0"));
        Assert.Equal(1, map.Report.NotRouted);
        Assert.Equal(1, map.Report.Ranges);
        Assert.Equal(2, map.Report.ValidLines);
        Assert.Equal(1, map.IPv4Ranges);
    }

    [Fact]
    public void Overlaps_go_to_the_narrowest_range_then_to_the_earlier_line()
    {
        var map = Load(
            "10.0.0.0\t10.255.255.255\t1\tZZ\tWIDE\n"
            + "10.1.0.0\t10.1.0.255\t2\tZZ\tNARROW-INSIDE\n"
            + "10.1.0.128\t10.1.0.131\t3\tZZ\tNARROWEST\n"
            + "10.2.0.0\t10.2.0.255\t4\tZZ\tFIRST-OF-TWINS\n"
            + "10.2.0.0\t10.2.0.255\t5\tZZ\tSECOND-OF-TWINS\n"
            + "20.0.0.0\t20.0.0.99\t6\tZZ\tLEFT-100\n"
            + "20.0.0.50\t20.0.0.59\t7\tZZ\tMIDDLE-10\n"
            + "20.0.0.90\t20.0.0.199\t8\tZZ\tRIGHT-110\n");

        Assert.Equal(1u, Asn(map, "10.0.0.0"));
        Assert.Equal(1u, Asn(map, "10.0.255.255"));
        Assert.Equal(2u, Asn(map, "10.1.0.0"));
        Assert.Equal(2u, Asn(map, "10.1.0.127"));
        Assert.Equal(3u, Asn(map, "10.1.0.128"));
        Assert.Equal(3u, Asn(map, "10.1.0.131"));
        Assert.Equal(2u, Asn(map, "10.1.0.132"));
        Assert.Equal(1u, Asn(map, "10.1.1.0"));
        Assert.Equal(4u, Asn(map, "10.2.0.7"));
        Assert.Equal(1u, Asn(map, "10.255.255.255"));
        Assert.Equal(6u, Asn(map, "20.0.0.49"));
        Assert.Equal(7u, Asn(map, "20.0.0.50"));
        Assert.Equal(6u, Asn(map, "20.0.0.60"));
        Assert.Equal(6u, Asn(map, "20.0.0.95")); // 100 wide beats 110 wide where they overlap
        Assert.Equal(8u, Asn(map, "20.0.0.100"));
        Assert.Equal(8u, Asn(map, "20.0.0.199"));
        Assert.Null(Asn(map, "20.0.0.200"));
        Assert.Equal(6, map.Report.Overlapping); // every row but the first of each cluster
    }

    [Fact]
    public void Overlap_resolution_ignores_line_order_except_between_equal_widths()
    {
        const string wide = "10.0.0.0\t10.255.255.255\t1\tZZ\tWIDE\n";
        const string narrow = "10.1.0.0\t10.1.0.255\t2\tZZ\tNARROW\n";

        Assert.Equal(2u, Asn(Load(wide + narrow), "10.1.0.5"));
        Assert.Equal(2u, Asn(Load(narrow + wide), "10.1.0.5"));
        Assert.Equal(1u, Asn(Load(narrow + wide), "10.2.0.5"));
    }

    [Fact]
    public void As_names_are_one_string_per_asn()
    {
        var map = Load("10.0.0.0\t10.0.0.255\t5\tUS\tNAME-A\n10.0.2.0\t10.0.2.255\t5\tUS\tNAME-A\n"
            + "10.0.4.0\t10.0.4.255\t5\tCA\tNAME-B\n2001:db8::\t2001:db8::ff\t5\tUS\tNAME-A\n");

        var a = map.Lookup(IPAddress.Parse("10.0.0.1"))!;
        var b = map.Lookup(IPAddress.Parse("10.0.2.1"))!;
        var c = map.Lookup(IPAddress.Parse("10.0.4.1"))!;
        var v6 = map.Lookup(IPAddress.Parse("2001:db8::1"))!;

        Assert.Same(a, b);
        Assert.Same(a, v6);
        Assert.Equal("CA", c.Country);
        Assert.Same(a.Name, c.Name); // the first description the file gives AS 5
        Assert.Equal("NAME-A", c.Name);
        Assert.Equal(2, map.AsnEntries);
    }

    [Fact]
    public void Bad_lines_are_counted_by_kind_and_skipped()
    {
        var map = Load(string.Join('\n',
            "10.0.0.0\t10.0.0.255\t1\tUS\tGOOD",          // 1
            "10.0.1.0\t10.0.1.255\t2\tUS",                 // 2 wrong column count
            "10.0.1.0\t10.0.1.255\t2\tUS\tX\textra",       // 3 wrong column count
            "10.0.1\t10.0.1.255\t2\tUS\tX",                // 4 bad address (3 parts)
            "10.0.1.0\tnot-an-ip\t2\tUS\tX",               // 5 bad address
            "fe80::1%eth0\tfe80::2\t2\tUS\tX",             // 6 bad address (scoped)
            "10.0.1.0\t2001:db8::\t2\tUS\tX",              // 7 mixed families
            "10.0.1.255\t10.0.1.0\t2\tUS\tX",              // 8 start after end
            "10.0.1.0\t10.0.1.255\tAS2\tUS\tX",            // 9 bad ASN
            "10.0.1.0\t10.0.1.255\t4294967296\tUS\tX",     // 10 bad ASN
            "10.0.1.0\t10.0.1.255\t-1\tUS\tX",             // 11 bad ASN
            "10.0.1.0\t10.0.1.255\t2\tTOOLONGCC\tX",       // 12 bad country
            "10.0.1.0\t10.0.1.255\t2\tU S\tX",             // 13 bad country
            "",                                            // 14 blank
            "# comment",                                   // 15 comment
            "10.0.1.0\t10.0.1.255\t" + new string('9', 2000) + "\tUS\tX", // 16 too long
            "2001:db8::\t2001:db8::ffff\t4294967295\tUS\tGOOD-V6") + "\r\n");

        var report = map.Report;
        Assert.Equal(15, report.Lines);
        Assert.Equal(2, report.Ranges);
        Assert.Equal(13, report.BadLines);
        Assert.Equal(2, report.BadLinesOf(AsnMapLineError.WrongColumnCount));
        Assert.Equal(2, report.FirstBadLineOf(AsnMapLineError.WrongColumnCount));
        Assert.Equal(3, report.BadLinesOf(AsnMapLineError.BadAddress));
        Assert.Equal(4, report.FirstBadLineOf(AsnMapLineError.BadAddress));
        Assert.Equal(1, report.BadLinesOf(AsnMapLineError.MixedFamilies));
        Assert.Equal(1, report.BadLinesOf(AsnMapLineError.StartAfterEnd));
        Assert.Equal(3, report.BadLinesOf(AsnMapLineError.BadAsn));
        Assert.Equal(9, report.FirstBadLineOf(AsnMapLineError.BadAsn));
        Assert.Equal(2, report.BadLinesOf(AsnMapLineError.BadCountry));
        Assert.Equal(1, report.BadLinesOf(AsnMapLineError.LineTooLong));
        Assert.Equal(16, report.FirstBadLineOf(AsnMapLineError.LineTooLong));
        Assert.Equal(
            "wrong column count 2 (first at line 2), bad address 3 (first at line 4), mixed address families 1 (first at line 7), "
            + "start after end 1 (first at line 8), bad AS number 3 (first at line 9), bad country code 2 (first at line 12), "
            + "line too long 1 (first at line 16)",
            report.DescribeBadLines());
        Assert.Equal(1u, Asn(map, "10.0.0.9"));
        Assert.Null(Asn(map, "10.0.1.9"));
        Assert.Equal(4294967295u, Asn(map, "2001:db8::9"));
    }

    [Fact]
    public void A_line_longer_than_the_read_buffer_is_one_bad_line()
    {
        var map = Load("10.0.0.0\t10.0.0.255\t1\tUS\t" + new string('x', 200_000) + "\n10.0.1.0\t10.0.1.255\t2\tUS\tAFTER\n"
            + "10.0.2.0\t10.0.2.255\t3\tUS\t" + new string('y', 100_000));

        Assert.Equal(2, map.Report.BadLinesOf(AsnMapLineError.LineTooLong));
        Assert.Equal(1, map.Report.FirstBadLineOf(AsnMapLineError.LineTooLong));
        Assert.Equal(3, map.Report.Lines);
        Assert.Equal(2u, Asn(map, "10.0.1.1"));
        Assert.Null(Asn(map, "10.0.0.1"));
    }

    [Fact]
    public void A_line_at_the_length_limit_is_read()
    {
        var limits = new AsnMapLimits { MaxLineBytes = 64 };
        var prefix = "10.0.0.0\t10.0.0.255\t1\tUS\t";
        var exact = prefix + new string('n', 64 - prefix.Length);
        var over = "10.0.1.0\t10.0.1.255\t2\tUS\t" + new string('n', 65 - prefix.Length);

        var map = Load(exact + "\r\n" + over + "\r\n", limits);

        Assert.Equal(1u, Asn(map, "10.0.0.1"));
        Assert.Null(Asn(map, "10.0.1.1"));
        Assert.Equal(1, map.Report.BadLinesOf(AsnMapLineError.LineTooLong));
    }

    [Fact]
    public void Gzip_is_told_by_its_magic_bytes_not_the_file_name()
    {
        var text = "192.0.2.0\t192.0.2.255\t64498\tXA\tTEST-NET-1\n";
        using var directory = new TempDirectory();
        var gzipNamedTsv = Path.Combine(directory.Path, "map.tsv");
        var plainNamedGz = Path.Combine(directory.Path, "map.tsv.gz");
        File.WriteAllBytes(gzipNamedTsv, TestAsnMap.Gzip(text));
        File.WriteAllText(plainNamedGz, text);

        Assert.Equal(64498u, Asn(AsnMap.Load(gzipNamedTsv), "192.0.2.1"));
        Assert.Equal(64498u, Asn(AsnMap.Load(plainNamedGz), "192.0.2.1"));
    }

    [Fact]
    public void A_gzip_file_cut_inside_its_header_fails_the_load_as_truncated()
    {
        // Found by `fuzz/run asn-map`: these 3 bytes made the trailer check seek before the start of the stream.
        var input = File.ReadAllBytes(
            Path.Combine(AppContext.BaseDirectory, "TestData", "fuzz", "asn-map", "gzip_cut_in_header.bin"));
        Assert.Equal([0x1f, 0x8b, 0x08], input);

        var error = Assert.Throws<InvalidDataException>(() => AsnMap.Load(new MemoryStream(input)));
        Assert.Contains("truncated gzip", error.Message);
    }

    [Fact]
    public void A_corrupt_gzip_stream_fails_the_load()
    {
        var gzip = TestAsnMap.Gzip(TestAsnMap.Text());
        gzip[10] = 0xff; // first deflate block header: block type 3 is reserved

        Assert.Throws<InvalidDataException>(() => AsnMap.Load(new MemoryStream(gzip)));
    }

    [Fact]
    public void A_truncated_gzip_file_fails_the_load_rather_than_loading_part_of_the_map()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 5000; i++)
        {
            text.Append($"10.{i >> 8}.{i & 255}.0\t10.{i >> 8}.{i & 255}.255\t{i + 1}\tZZ\tAS-{i * 7919 % 10007}\n");
        }
        var gzip = TestAsnMap.Gzip(text.ToString());

        Assert.Equal(5000, AsnMap.Load(new MemoryStream(gzip)).Report.Ranges);
        var error = Assert.Throws<InvalidDataException>(() => AsnMap.Load(new MemoryStream(gzip[..(gzip.Length / 2)])));
        Assert.Contains("truncated gzip", error.Message);
    }

    [Fact]
    public void Entry_cap_fails_the_load_before_the_next_range_is_kept()
    {
        var limits = new AsnMapLimits { MaxEntries = 2 };
        var twoAndNotRouted = "10.0.0.0\t10.0.0.0\t1\tZZ\tA\n10.0.0.1\t10.0.0.1\t0\tNone\tNot routed\n2001:db8::\t2001:db8::\t2\tZZ\tB\n";

        Assert.Equal(2, Load(twoAndNotRouted, limits).Report.Ranges);
        var error = Assert.Throws<InvalidDataException>(() => Load(twoAndNotRouted + "10.0.0.2\t10.0.0.2\t3\tZZ\tC\n", limits));
        Assert.Contains("more than 2 ranges", error.Message);
    }

    [Fact]
    public void File_size_cap_is_checked_before_reading()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "big.tsv");
        File.WriteAllText(path, "10.0.0.0\t10.0.0.255\t1\tUS\tA\n");

        var error = Assert.Throws<InvalidDataException>(() => AsnMap.Load(path, new AsnMapLimits { MaxFileBytes = 10 }));
        Assert.Contains("more than the limit of 10", error.Message);
    }

    [Fact]
    public void Decompressed_size_is_capped_too()
    {
        // 1 MB of blank lines compresses to about a kilobyte: the cap applies to the text, not the file.
        var bomb = TestAsnMap.Gzip(new string('\n', 1_000_000));
        var limits = new AsnMapLimits { MaxFileBytes = 100_000 };
        Assert.True(bomb.Length < limits.MaxFileBytes);

        var error = Assert.Throws<InvalidDataException>(() => AsnMap.Load(new MemoryStream(bomb), limits));
        Assert.Contains("more than 100000 bytes of text", error.Message);
    }

    [Fact]
    public void A_missing_file_is_an_io_error()
    {
        Assert.ThrowsAny<IOException>(() => AsnMap.Load("/nonexistent/moneronet/asn-map.tsv"));
    }

    [Fact]
    public void Lookups_allocate_nothing()
    {
        var map = AsnMap.Load(TestAsnMap.OutputPath(TestAsnMap.FileName));
        var addresses = new[] { "127.0.0.1", "::1", "::ffff:127.0.0.1", "2001:db8:1::1", "8.8.8.8" }.Select(IPAddress.Parse).ToArray();
        var facts = new PeerNetworkFacts(map);
        foreach (var address in addresses)
        {
            map.Lookup(address);
            facts.Describe(address);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            foreach (var address in addresses)
            {
                map.Lookup(address);
                facts.Describe(address);
            }
        }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Concurrent_readers_see_the_same_answers()
    {
        var map = AsnMap.Load(TestAsnMap.OutputPath(TestAsnMap.GzipFileName));
        var loopback = IPAddress.Loopback;
        var v6 = IPAddress.Parse("2001:db8:1::1");
        int wrong = 0;

        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                if (map.Lookup(loopback)?.Number != 64496 || map.Lookup(v6)?.Number != 64500)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Facts_describe_subnet_always_and_asn_when_a_map_is_in_use()
    {
        var facts = new PeerNetworkFacts();
        var peer = IPAddress.Parse("127.0.0.1");

        Assert.Equal(new PeerFacts(PeerSubnet.From(peer), null), facts.Describe(peer));

        var map = AsnMap.Load(TestAsnMap.OutputPath(TestAsnMap.FileName));
        facts.ReplaceAsnMap(map);
        var described = facts.Describe(peer);

        Assert.Same(map, facts.AsnMap);
        Assert.Equal("127.0.0.0/24", described.Subnet.ToString());
        Assert.Equal(64496u, described.Asn?.Number);
        Assert.Equal("MONERONET-TEST-LOOPBACK - Loopback test peers", described.Asn?.Name);
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("moneronet-asn-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
