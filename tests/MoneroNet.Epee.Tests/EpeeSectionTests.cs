using System.Diagnostics;

namespace MoneroNet.Epee.Tests;

public class EpeeSectionTests
{
    [Fact]
    public void Large_sections_detect_duplicates_and_find_keys()
    {
        var section = new EpeeSection();
        for (int i = 0; i < 5000; i++) section.Add($"k{i}", EpeeValue.FromUInt32((uint)i));
        Assert.Throws<ArgumentException>(() => section.Add("k4999", EpeeValue.FromUInt8(0)));
        Assert.False(section.TryAdd("k0", EpeeValue.FromUInt8(0)));
        Assert.Equal(1234u, section["k1234"].AsUInt32());

        Assert.True(section.Remove("k10"));
        Assert.False(section.ContainsKey("k10"));
        Assert.Equal(4999u, section["k4999"].AsUInt32()); // index rebuilt after the shift
        section.Set("k10", EpeeValue.FromUInt8(9));
        Assert.Equal((byte)9, section["k10"].AsUInt8());
        Assert.Equal(5000, section.Count);
    }

    [Fact]
    public void Adding_many_keys_is_not_quadratic()
    {
        // 100 000 keys: a linear scan per Add would need ~5·10^9 string comparisons.
        var sw = Stopwatch.StartNew();
        var section = new EpeeSection();
        for (int i = 0; i < 100_000; i++) section.Add(i.ToString(), EpeeValue.FromUInt8(0));
        sw.Stop();
        Assert.Equal(100_000, section.Count);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
    }

    [Fact]
    public void Small_sections_behave_the_same()
    {
        var section = new EpeeSection();
        section.Add("a", EpeeValue.FromUInt8(1));
        section.Set("a", EpeeValue.FromUInt8(2));
        Assert.Equal(1, section.Count);
        Assert.Equal((byte)2, section["a"].AsUInt8());
        Assert.Throws<KeyNotFoundException>(() => section["b"]);
    }
}
