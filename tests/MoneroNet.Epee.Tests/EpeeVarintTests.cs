namespace MoneroNet.Epee.Tests;

public class EpeeVarintTests
{
    // docs/PROTOCOL.md §1.2 examples.
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(7UL, "1c")]
    [InlineData(101UL, "9501")]
    [InlineData(17_000UL, "a2090100")]
    [InlineData(7_942_319_744UL, "03ba986507000000")]
    [InlineData(16UL, "40")]
    [InlineData(32UL, "80")]
    [InlineData(250UL, "e903")]
    public void Documented_examples_encode_minimally_and_decode_back(ulong value, string hex)
    {
        var buffer = new byte[8];
        int n = EpeeVarint.Write(buffer, value);
        Assert.Equal(hex, Convert.ToHexStringLower(buffer, 0, n));
        Assert.Equal(n, EpeeVarint.GetLength(value));

        Assert.True(EpeeVarint.TryRead(Convert.FromHexString(hex), out ulong decoded, out int read));
        Assert.Equal(value, decoded);
        Assert.Equal(n, read);
    }

    [Theory]
    [InlineData(63UL, 1)]
    [InlineData(64UL, 2)]
    [InlineData(16_383UL, 2)]
    [InlineData(16_384UL, 4)]
    [InlineData(1_073_741_823UL, 4)]
    [InlineData(1_073_741_824UL, 8)]
    [InlineData(EpeeVarint.MaxValue, 8)]
    public void Width_boundaries(ulong value, int width) => Assert.Equal(width, EpeeVarint.GetLength(value));

    [Theory]
    [InlineData(1UL << 62)]
    [InlineData(ulong.MaxValue)]
    public void Values_from_two_to_the_62_are_refused(ulong value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EpeeVarint.Write(new byte[8], value));
    }

    [Theory]
    [InlineData("0a000000", 2UL)] // 2 as a 4-byte varint
    [InlineData("0b00000000000000", 2UL)] // 2 as an 8-byte varint
    [InlineData("0500", 1UL)]
    public void Non_minimal_widths_are_read(string hex, ulong expected)
    {
        Assert.True(EpeeVarint.TryRead(Convert.FromHexString(hex), out ulong value, out int read));
        Assert.Equal(expected, value);
        Assert.Equal(hex.Length / 2, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("01")]
    [InlineData("020000")]
    [InlineData("03000000000000")]
    public void Short_input_is_reported(string hex)
    {
        Assert.False(EpeeVarint.TryRead(Convert.FromHexString(hex), out _, out int read));
        Assert.Equal(0, read);
    }

    [Fact]
    public void Largest_eight_byte_pattern_decodes_to_max_value()
    {
        Assert.True(EpeeVarint.TryRead(Convert.FromHexString("ffffffffffffffff"), out ulong value, out _));
        Assert.Equal(EpeeVarint.MaxValue, value);
    }
}
