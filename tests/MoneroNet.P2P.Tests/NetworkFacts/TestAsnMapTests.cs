using System.Net;
using MoneroNet.P2P.NetworkFacts;

namespace MoneroNet.P2P.Tests.NetworkFacts;

/// <summary>The checked-in test map is the generated one, loads cleanly in both forms and maps loopback peers.</summary>
public sealed class TestAsnMapTests
{
    [Fact]
    public void Checked_in_test_map_is_the_generated_one()
    {
        var text = TestAsnMap.Text();
        if (Environment.GetEnvironmentVariable("MONERONET_WRITE_TEST_ASN_MAP") == "1")
        {
            File.WriteAllText(TestAsnMap.SourcePath(TestAsnMap.FileName), text);
            File.WriteAllBytes(TestAsnMap.SourcePath(TestAsnMap.GzipFileName), TestAsnMap.Gzip(text));
        }

        Assert.Equal(text, File.ReadAllText(TestAsnMap.OutputPath(TestAsnMap.FileName)));
        // Compare the decompressed text: compressed bytes may differ between zlib versions.
        Assert.Equal(text, TestAsnMap.Gunzip(File.ReadAllBytes(TestAsnMap.OutputPath(TestAsnMap.GzipFileName))));
    }

    [Theory]
    [InlineData(TestAsnMap.FileName)]
    [InlineData(TestAsnMap.GzipFileName)]
    public void Both_copies_load_without_bad_lines(string fileName)
    {
        var map = AsnMap.Load(TestAsnMap.OutputPath(fileName));

        Assert.Equal(0, map.Report.BadLines);
        Assert.Equal(TestAsnMap.Rows.Length, map.Report.Lines);
        Assert.Equal(1, map.Report.NotRouted);
        Assert.Equal(TestAsnMap.Rows.Length - 1, map.Report.Ranges);
        Assert.Equal(0, map.Report.Overlapping);
    }

    [Theory]
    [InlineData("127.0.0.1", 64496u, "ZZ")]
    [InlineData("127.0.0.255", 64496u, "ZZ")]
    [InlineData("127.0.1.0", 64497u, "ZZ")]
    [InlineData("127.255.255.255", 64497u, "ZZ")]
    [InlineData("::ffff:127.0.0.1", 64496u, "ZZ")]
    [InlineData("::1", 64501u, "ZZ")]
    [InlineData("192.0.2.10", 64498u, "XA")]
    [InlineData("198.51.100.127", 64499u, "XB")]
    [InlineData("203.0.113.1", 64500u, "XC")]
    [InlineData("2001:db8::5", 64502u, "XA")]
    [InlineData("2001:db8:1:2::3", 64500u, "XC")]
    public void Loopback_and_documentation_addresses_have_their_asn(string address, uint asn, string country)
    {
        var map = AsnMap.Load(TestAsnMap.OutputPath(TestAsnMap.FileName));

        var info = map.Lookup(IPAddress.Parse(address));

        Assert.NotNull(info);
        Assert.Equal(asn, info.Number);
        Assert.Equal(country, info.Country);
    }

    [Theory]
    [InlineData("198.51.100.128")] // the "Not routed" row
    [InlineData("198.51.101.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("::2")]
    [InlineData("2001:db9::")]
    public void Not_routed_and_unmapped_addresses_have_none(string address)
    {
        var map = AsnMap.Load(TestAsnMap.OutputPath(TestAsnMap.FileName));

        Assert.Null(map.Lookup(IPAddress.Parse(address)));
    }
}
