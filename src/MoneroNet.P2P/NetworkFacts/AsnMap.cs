using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;

namespace MoneroNet.P2P.NetworkFacts;

/// <summary>
/// An ip-to-ASN map: which autonomous system (number, name) and country an IPv4 or IPv6 address belongs to.
/// </summary>
/// <remarks>
/// <para>
/// The file is iptoasn.com's ip2asn-combined.tsv format: one range a line, five tab-separated columns
/// <c>range_start range_end AS_number country_code AS_description</c>, both ends inclusive and of one family, e.g.
/// <c>1.0.0.0	1.0.0.255	13335	US	CLOUDFLARENET</c>. Plain text or gzip, told apart by the gzip magic bytes, never
/// by the file name. Blank lines and lines starting with <c>#</c> are ignored; a line that does not parse is counted
/// by kind (<see cref="AsnMapLineError"/>) in <see cref="Report"/> and skipped, so one bad line never loses the rest.
/// </para>
/// <para>
/// AS 0 rows ("Not routed") are dropped: an address in one has no ASN, exactly as an address in no range, and the
/// real map spends a large share of its rows on them. Where kept ranges overlap (iptoasn's never do; hand-made maps
/// may), an address belongs to the narrowest range holding it, and between equally wide ones to the earlier line.
/// </para>
/// <para>
/// Loaded, the map is sorted arrays of disjoint ranges (<see cref="uint"/> pairs for IPv4, <see cref="UInt128"/>
/// pairs for IPv6) with an index into a table of <see cref="AsnInfo"/>, one per distinct (ASN, country), whose
/// names are one string per ASN. It never changes: a lookup is a bisection that allocates nothing and any number
/// of threads may look up at once; a reload builds a new map (see <see cref="PeerNetworkFacts"/>).
/// </para>
/// </remarks>
public sealed class AsnMap
{
    private readonly RangeTable<uint> _v4;
    private readonly RangeTable<UInt128> _v6;
    private readonly AsnInfo[] _infos;

    private AsnMap(RangeTable<uint> v4, RangeTable<UInt128> v6, AsnInfo[] infos, AsnMapLoadReport report)
    {
        _v4 = v4;
        _v6 = v6;
        _infos = infos;
        Report = report;
    }

    /// <summary>What the load found: lines, kept and dropped rows, bad lines by kind.</summary>
    public AsnMapLoadReport Report { get; }

    /// <summary>Disjoint IPv4 ranges held (after overlaps are resolved and adjacent pieces of one AS merged).</summary>
    public int IPv4Ranges => _v4.Count;

    /// <summary>Disjoint IPv6 ranges held.</summary>
    public int IPv6Ranges => _v6.Count;

    /// <summary>Distinct (ASN, country) entries.</summary>
    public int AsnEntries => _infos.Length;

    /// <summary>Bytes of the range arrays (the bulk of the map; AS names and entries come on top).</summary>
    public long RangeBytes => _v4.ArrayBytes + _v6.ArrayBytes;

    /// <summary>Loads a map file, plain or gzip.</summary>
    /// <exception cref="IOException">The file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    /// <exception cref="InvalidDataException">Over a size or entry limit, or a broken or truncated gzip stream.</exception>
    public static AsnMap Load(string path, AsnMapLimits? limits = null)
    {
        limits ??= AsnMapLimits.Default;
        // Never blocks on a FIFO named by mistake (a SIGHUP reload would hang on it).
        using var file = Files.RegularFile.OpenForRead(path);
        if (file.Length > limits.MaxFileBytes)
        {
            throw new InvalidDataException($"{file.Length} bytes, more than the limit of {limits.MaxFileBytes}");
        }
        return Load(file, limits);
    }

    /// <summary>Loads a map from a seekable stream holding a plain or gzip file (read from its current position).</summary>
    public static AsnMap Load(Stream stream, AsnMapLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("the stream must be seekable (its first bytes tell gzip from plain text)", nameof(stream));
        }
        limits ??= AsnMapLimits.Default;
        long origin = stream.Position;
        Span<byte> magic = stackalloc byte[2];
        bool gzip = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        stream.Position = origin;

        var parser = new AsnMapParser(limits);
        if (gzip)
        {
            long read;
            using (var text = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true))
            {
                read = parser.ReadAll(text);
            }
            CheckGzipLength(stream, read);
        }
        else
        {
            parser.ReadAll(stream);
        }

        var (v4, v4Overlapping) = RangeTable<uint>.Build(parser.V4);
        var (v6, v6Overlapping) = RangeTable<UInt128>.Build(parser.V6);
        parser.Report.Overlapping = v4Overlapping + v6Overlapping;
        return new AsnMap(v4, v6, [.. parser.Infos], parser.Report);
    }

    /// <summary>
    /// GZipStream ends quietly where a truncated file ends, which would load part of a map as if it were all of it.
    /// A gzip file ends with the length of its text mod 2^32 (ISIZE): it must match what was read. (A file of
    /// several concatenated gzip members carries only the last one's length there, so such files are refused too.)
    /// </summary>
    private static void CheckGzipLength(Stream stream, long read)
    {
        Span<byte> trailer = stackalloc byte[4];
        // A file cut inside its 10-byte header decompresses to nothing; without room for a trailer Seek would throw
        // an IOException that reads like a failed read (found by fuzz/run asn-map with the 3 bytes 1f 8b 08).
        if (stream.Length < trailer.Length)
        {
            throw new InvalidDataException($"truncated gzip: {stream.Length} bytes, no room for its trailer");
        }
        stream.Seek(-4, SeekOrigin.End);
        stream.ReadExactly(trailer);
        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        if (expected != (uint)read)
        {
            throw new InvalidDataException($"truncated gzip: its trailer gives {expected} bytes of text mod 2^32, {read} were read");
        }
    }

    /// <summary>The AS holding <paramref name="address"/> (an IPv4-mapped IPv6 address as its IPv4), or null.</summary>
    public AsnInfo? Lookup(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out int written) ? Lookup(bytes[..written]) : null;
    }

    /// <summary>As <see cref="Lookup(IPAddress)"/> for 4 or 16 bytes in network order; null for any other length.</summary>
    public AsnInfo? Lookup(ReadOnlySpan<byte> address)
    {
        if (address.Length == 16 && PeerSubnet.IsIPv4Mapped(address))
        {
            address = address[12..];
        }
        return address.Length switch
        {
            4 => LookupIPv4(BinaryPrimitives.ReadUInt32BigEndian(address)),
            16 => LookupIPv6(BinaryPrimitives.ReadUInt128BigEndian(address)),
            _ => null,
        };
    }

    /// <summary>The AS holding an IPv4 address given as its 32-bit number (network order read big-endian).</summary>
    public AsnInfo? LookupIPv4(uint address) => Entry(_v4.Find(address));

    /// <summary>The AS holding an IPv6 address given as its 128-bit number.</summary>
    public AsnInfo? LookupIPv6(UInt128 address) => Entry(_v6.Find(address));

    private AsnInfo? Entry(int index) => index < 0 ? null : _infos[index];
}
