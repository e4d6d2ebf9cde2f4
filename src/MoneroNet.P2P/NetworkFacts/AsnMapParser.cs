using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MoneroNet.P2P.NetworkFacts;

/// <summary>
/// Reads iptoasn.com's ip2asn-combined.tsv format line by line from a fixed buffer: no string is made for a line,
/// only one for each distinct AS name and country code. Rows go into per-family lists; the AS table holds one
/// <see cref="AsnInfo"/> per distinct (ASN, country). See <see cref="AsnMap"/> for the format and its rules.
/// </summary>
internal sealed class AsnMapParser(AsnMapLimits limits)
{
    private static readonly SearchValues<byte> AddressCharacters = SearchValues.Create("0123456789abcdefABCDEF.:"u8);

    private const int Columns = 5;
    private const int MaxCountryBytes = 8;

    private readonly Dictionary<uint, string> _names = [];
    private readonly Dictionary<string, string> _countries = new(StringComparer.Ordinal);
    private readonly Dictionary<(uint Asn, string Country), int> _infoIndex = [];

    public List<AsnInfo> Infos { get; } = [];

    public List<RangeRow<uint>> V4 { get; } = [];

    public List<RangeRow<UInt128>> V6 { get; } = [];

    public AsnMapLoadReport Report { get; } = new();

    /// <summary>Reads every line of <paramref name="text"/> (already decompressed); returns the bytes read.</summary>
    /// <exception cref="InvalidDataException">More than <see cref="AsnMapLimits.MaxFileBytes"/> bytes or <see cref="AsnMapLimits.MaxEntries"/> ranges.</exception>
    public long ReadAll(Stream text)
    {
        // Room for the longest allowed line, its "\r\n" and one byte more to tell that a line is too long.
        var buffer = new byte[Math.Max(64 * 1024, limits.MaxLineBytes + 3)];
        int start = 0;
        int end = 0;
        long total = 0;
        int lineNumber = 0;
        bool skippingLongLine = false;
        while (true)
        {
            int newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                lineNumber++;
                if (!skippingLongLine)
                {
                    ReadLine(buffer.AsSpan(start, newline), lineNumber);
                }
                skippingLongLine = false;
                start += newline + 1;
                continue;
            }
            if (end - start > limits.MaxLineBytes + 1)
            {
                // Too long already: count it now and drop the rest of it as it arrives.
                if (!skippingLongLine)
                {
                    Report.Lines++;
                    Report.CountBad(AsnMapLineError.LineTooLong, lineNumber + 1);
                    skippingLongLine = true;
                }
                start = end;
            }
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
            int read = text.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                if (end > 0 && !skippingLongLine)
                {
                    ReadLine(buffer.AsSpan(0, end), lineNumber + 1);
                }
                return total;
            }
            total += read;
            if (total > limits.MaxFileBytes)
            {
                throw new InvalidDataException($"more than {limits.MaxFileBytes} bytes of text (the --asn-map size limit)");
            }
            end += read;
        }
    }

    private void ReadLine(ReadOnlySpan<byte> line, int lineNumber)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }
        if (line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0 || line[0] == (byte)'#')
        {
            return;
        }
        Report.Lines++;
        if (Parse(line, lineNumber) is { } error)
        {
            Report.CountBad(error, lineNumber);
        }
    }

    private AsnMapLineError? Parse(ReadOnlySpan<byte> line, int lineNumber)
    {
        if (line.Length > limits.MaxLineBytes)
        {
            return AsnMapLineError.LineTooLong;
        }
        if (line.Count((byte)'\t') != Columns - 1)
        {
            return AsnMapLineError.WrongColumnCount;
        }
        var rest = line;
        var startText = NextColumn(ref rest);
        var endText = NextColumn(ref rest);
        var asnText = NextColumn(ref rest);
        var countryText = NextColumn(ref rest);
        var nameText = rest;

        Span<byte> first = stackalloc byte[16];
        Span<byte> last = stackalloc byte[16];
        if (!TryParseAddress(startText, first, out int firstLength) || !TryParseAddress(endText, last, out int lastLength))
        {
            return AsnMapLineError.BadAddress;
        }
        if (firstLength != lastLength)
        {
            return AsnMapLineError.MixedFamilies;
        }
        if (first[..firstLength].SequenceCompareTo(last[..lastLength]) > 0)
        {
            return AsnMapLineError.StartAfterEnd;
        }
        if (asnText.IsEmpty || !uint.TryParse(asnText, NumberStyles.None, CultureInfo.InvariantCulture, out uint asn))
        {
            return AsnMapLineError.BadAsn;
        }
        if (countryText.Length > MaxCountryBytes || countryText.IndexOfAnyExceptInRange((byte)'!', (byte)'~') >= 0)
        {
            return AsnMapLineError.BadCountry;
        }
        if (asn == 0)
        {
            Report.NotRouted++;
            return null;
        }
        if (V4.Count + V6.Count >= limits.MaxEntries)
        {
            throw new InvalidDataException($"more than {limits.MaxEntries} ranges (the --asn-map entry limit), at line {lineNumber}");
        }

        int info = InfoIndex(asn, countryText, nameText);
        int order = V4.Count + V6.Count;
        if (firstLength == 4)
        {
            V4.Add(new RangeRow<uint>(BinaryPrimitives.ReadUInt32BigEndian(first), BinaryPrimitives.ReadUInt32BigEndian(last), info, order));
        }
        else
        {
            V6.Add(new RangeRow<UInt128>(BinaryPrimitives.ReadUInt128BigEndian(first), BinaryPrimitives.ReadUInt128BigEndian(last), info, order));
        }
        Report.Ranges++;
        return null;
    }

    private static ReadOnlySpan<byte> NextColumn(ref ReadOnlySpan<byte> rest)
    {
        int tab = rest.IndexOf((byte)'\t');
        var column = rest[..tab];
        rest = rest[(tab + 1)..];
        return column;
    }

    /// <summary>
    /// A plain address in network order: four bytes for dotted IPv4, sixteen for IPv6. Stricter than
    /// <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/>, which also takes "1.2", "0x7f.1" and
    /// scoped forms. An IPv4-mapped IPv6 text stays IPv6 here: lookups turn mapped addresses into IPv4 first.
    /// </summary>
    private static bool TryParseAddress(ReadOnlySpan<byte> text, Span<byte> bytes, out int length)
    {
        length = 0;
        if (text.IsEmpty || text.Length > 45 || text.IndexOfAnyExcept(AddressCharacters) >= 0)
        {
            return false;
        }
        bool ipv6 = text.Contains((byte)':');
        if (!ipv6 && text.Count((byte)'.') != 3)
        {
            return false;
        }
        Span<char> chars = stackalloc char[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            chars[i] = (char)text[i];
        }
        if (!IPAddress.TryParse(chars, out var address)
            || address.AddressFamily != (ipv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork))
        {
            return false;
        }
        return address.TryWriteBytes(bytes, out length);
    }

    private int InfoIndex(uint asn, ReadOnlySpan<byte> countryText, ReadOnlySpan<byte> nameText)
    {
        Span<char> countryChars = stackalloc char[MaxCountryBytes];
        for (int i = 0; i < countryText.Length; i++)
        {
            countryChars[i] = (char)countryText[i];
        }
        var countries = _countries.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!countries.TryGetValue(countryChars[..countryText.Length], out var country))
        {
            country = new string(countryChars[..countryText.Length]);
            _countries.Add(country, country);
        }
        if (_infoIndex.TryGetValue((asn, country), out int index))
        {
            return index;
        }
        if (!_names.TryGetValue(asn, out var name))
        {
            // The first description the file gives an AS is its name everywhere (one string per ASN).
            name = Encoding.UTF8.GetString(nameText.Trim((byte)' '));
            _names.Add(asn, name);
        }
        index = Infos.Count;
        Infos.Add(new AsnInfo(asn, country, name));
        _infoIndex.Add((asn, country), index);
        return index;
    }
}
