namespace MoneroNet.P2P.Tests.Support;

/// <summary>The captured Levin messages of tests/TestData/vectors (one complete message per .hex file).</summary>
internal static class Vectors
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData", "vectors");

    /// <summary>The whole message, header included, e.g. Load("p2p_regtest/new_fluffy_block__height2.hex").</summary>
    public static byte[] Load(string name) =>
        Convert.FromHexString(File.ReadAllText(Path.Combine(Root, name)).Trim());
}
