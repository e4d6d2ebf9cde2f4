namespace MoneroNet.Epee;

/// <summary>The 9-byte portable-storage header: signature A (0x01011101 LE), signature B (0x01020101 LE), version 1.</summary>
internal static class EpeeHeader
{
    public const int Length = 9;
    public const byte Version = 1;

    public static ReadOnlySpan<byte> SignatureA => [0x01, 0x11, 0x01, 0x01];
    public static ReadOnlySpan<byte> SignatureB => [0x01, 0x01, 0x02, 0x01];

    public static void Write(Span<byte> destination)
    {
        SignatureA.CopyTo(destination);
        SignatureB.CopyTo(destination[4..]);
        destination[8] = Version;
    }
}
