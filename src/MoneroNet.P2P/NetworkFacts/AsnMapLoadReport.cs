using System.Text;

namespace MoneroNet.P2P.NetworkFacts;

/// <summary>What loading an <see cref="AsnMap"/> found: lines read, rows kept and dropped, bad lines by kind.</summary>
public sealed class AsnMapLoadReport
{
    private static readonly int KindCount = Enum.GetValues<AsnMapLineError>().Length;

    private readonly int[] _badCounts = new int[KindCount];
    private readonly int[] _firstBadLine = new int[KindCount];

    /// <summary>Lines that were neither blank nor <c>#</c> comments.</summary>
    public int Lines { get; internal set; }

    /// <summary>Rows kept as ranges (IPv4 and IPv6), before overlaps are resolved.</summary>
    public int Ranges { get; internal set; }

    /// <summary>Valid AS 0 ("Not routed") rows, dropped: such an address has no ASN, as one in a gap.</summary>
    public int NotRouted { get; internal set; }

    /// <summary>Kept rows that overlap an earlier-starting one (resolved narrowest-first, see <see cref="AsnMap"/>).</summary>
    public int Overlapping { get; internal set; }

    /// <summary>Lines that parsed: <see cref="Ranges"/> plus <see cref="NotRouted"/>.</summary>
    public int ValidLines => Ranges + NotRouted;

    /// <summary>Lines skipped as bad, all kinds.</summary>
    public int BadLines => _badCounts.Sum();

    /// <summary>Lines skipped for <paramref name="kind"/>.</summary>
    public int BadLinesOf(AsnMapLineError kind) => _badCounts[(int)kind];

    /// <summary>1-based number of the first line skipped for <paramref name="kind"/>; 0 when there is none.</summary>
    public int FirstBadLineOf(AsnMapLineError kind) => _firstBadLine[(int)kind];

    internal void CountBad(AsnMapLineError kind, int lineNumber)
    {
        if (_badCounts[(int)kind]++ == 0)
        {
            _firstBadLine[(int)kind] = lineNumber;
        }
    }

    /// <summary>"bad address 2 (first at line 7), start after end 1 (first at line 9)"; empty when no line was bad.</summary>
    public string DescribeBadLines()
    {
        var text = new StringBuilder();
        foreach (var kind in Enum.GetValues<AsnMapLineError>())
        {
            if (_badCounts[(int)kind] == 0)
            {
                continue;
            }
            if (text.Length > 0)
            {
                text.Append(", ");
            }
            text.Append(Describe(kind)).Append(' ').Append(_badCounts[(int)kind])
                .Append(" (first at line ").Append(_firstBadLine[(int)kind]).Append(')');
        }
        return text.ToString();
    }

    private static string Describe(AsnMapLineError kind) => kind switch
    {
        AsnMapLineError.WrongColumnCount => "wrong column count",
        AsnMapLineError.BadAddress => "bad address",
        AsnMapLineError.MixedFamilies => "mixed address families",
        AsnMapLineError.StartAfterEnd => "start after end",
        AsnMapLineError.BadAsn => "bad AS number",
        AsnMapLineError.BadCountry => "bad country code",
        AsnMapLineError.LineTooLong => "line too long",
        _ => kind.ToString(),
    };
}
