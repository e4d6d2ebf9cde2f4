namespace MoneroNet.P2P.NetworkFacts;

/// <summary>
/// Bounds on what <see cref="AsnMap.Load(string, AsnMapLimits?)"/> reads, each checked before anything is allocated
/// for it. The defaults leave room for several times today's full ip2asn-combined map (~500k ranges, ~30 MB plain).
/// </summary>
public sealed record AsnMapLimits
{
    /// <summary>The defaults below.</summary>
    public static AsnMapLimits Default { get; } = new();

    /// <summary>Bytes of the file, and separately of its decompressed text when it is gzip (a gzip bomb stops here).</summary>
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Bytes of one line without its line break; a longer line is counted as <see cref="AsnMapLineError.LineTooLong"/>.</summary>
    public int MaxLineBytes { get; init; } = 1024;

    /// <summary>Ranges kept (after "Not routed" rows are dropped); one more fails the load.</summary>
    public int MaxEntries { get; init; } = 4_000_000;
}
