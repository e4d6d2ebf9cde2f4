namespace MoneroNet.Wire.Tests;

/// <summary>Every captured vector decodes; every real monerod body re-encodes to the identical bytes.</summary>
public class VectorRoundTripTests
{
    public static TheoryData<string> AllVectors => new(Vectors.AllNames());

    [Fact]
    public void The_manifest_marks_real_vectors_and_they_exist()
    {
        var names = Vectors.AllNames().ToList();
        Assert.True(names.Count >= 50, $"only {names.Count} vectors found under {Vectors.Root}");
        Assert.True(Vectors.RealCount >= 30);
        Assert.Equal(Vectors.RealCount, names.Count(n => Vectors.Load(n).IsReal));
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void Vector_decodes_and_real_ones_reencode_byte_for_byte(string name)
    {
        var v = Vectors.Load(name);
        if (!VectorDispatch.IsPortableStorage(v.Body))
        {
            // Only error responses (empty body) and the deliberate garbage-body probe are not portable storage.
            Assert.True(v.Body.Length == 0 || name.Contains("garbage_body"), $"{name}: body is not portable storage");
            return;
        }

        var result = VectorDispatch.DecodeAndReencode(v);
        if (result is null)
        {
            // Only unknown commands (9998, 9999) and the unimplemented 1004-1006 have no typed message.
            uint command = v.Header.Command;
            Assert.True(CommandNames.NameOf(command) is null || command is >= 1004 and <= 1006, $"{name}: command {command} not typed");
            return;
        }

        if (v.IsReal)
            Assert.Equal(Convert.ToHexStringLower(v.Body), Convert.ToHexStringLower(result.Value.Reencoded));
    }
}
