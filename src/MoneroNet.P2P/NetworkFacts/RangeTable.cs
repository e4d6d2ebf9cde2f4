using System.Numerics;

namespace MoneroNet.P2P.NetworkFacts;

/// <summary>One row of an ASN map while it loads: an inclusive range, its index into the AS table and its file order.</summary>
internal readonly record struct RangeRow<T>(T Start, T End, int Info, int Order)
    where T : struct, IBinaryInteger<T>, IUnsignedNumber<T>, IMinMaxValue<T>;

/// <summary>
/// Disjoint inclusive ranges of addresses (<see cref="uint"/> for IPv4, <see cref="UInt128"/> for IPv6) sorted by
/// start, each with an index into the map's AS table: three parallel arrays, searched by bisection. Immutable once
/// built, so any number of threads may search it at once.
/// </summary>
internal sealed class RangeTable<T>
    where T : struct, IBinaryInteger<T>, IUnsignedNumber<T>, IMinMaxValue<T>
{
    private readonly T[] _starts;
    private readonly T[] _ends;
    private readonly int[] _infos;

    private RangeTable(T[] starts, T[] ends, int[] infos)
    {
        _starts = starts;
        _ends = ends;
        _infos = infos;
    }

    public static RangeTable<T> Empty { get; } = new([], [], []);

    /// <summary>Disjoint ranges after overlaps are resolved (adjacent pieces of one AS entry are merged).</summary>
    public int Count => _starts.Length;

    /// <summary>Bytes held by the arrays (what the table costs beyond a few object headers).</summary>
    public long ArrayBytes => (long)_starts.Length * (2 * T.Zero.GetByteCount() + sizeof(int));

    /// <summary>The AS table index of the range holding <paramref name="address"/>, or -1 in a gap.</summary>
    public int Find(T address)
    {
        // The last range starting at or below the address is the only one that can hold it (ranges are disjoint).
        int low = 0;
        int high = _starts.Length - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) >> 1);
            if (_starts[middle] <= address)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return high >= 0 && address <= _ends[high] ? _infos[high] : -1;
    }

    /// <summary>
    /// Builds the table from rows in any order. Where rows overlap, each address goes to the narrowest row holding
    /// it (longest-prefix match, as routing does), and between rows of equal width to the one earlier in the file:
    /// the result depends only on the rows, never on sort stability. Also returns how many rows overlapped an
    /// earlier-starting row.
    /// </summary>
    public static (RangeTable<T> Table, int Overlapping) Build(List<RangeRow<T>> rows)
    {
        rows.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Order.CompareTo(b.Order));
        int overlapping = 0;
        for (int i = 1, furthest = 0; i < rows.Count; i++)
        {
            if (rows[i].Start <= rows[furthest].End)
            {
                overlapping++;
            }
            if (rows[i].End > rows[furthest].End)
            {
                furthest = i;
            }
        }

        var starts = new List<T>(rows.Count);
        var ends = new List<T>(rows.Count);
        var infos = new List<int>(rows.Count);
        void Emit(T start, T end, int info)
        {
            int last = starts.Count - 1;
            if (last >= 0 && infos[last] == info && ends[last] != T.MaxValue && ends[last] + T.One == start)
            {
                ends[last] = end;
                return;
            }
            starts.Add(start);
            ends.Add(end);
            infos.Add(info);
        }

        if (overlapping == 0)
        {
            foreach (var row in rows)
            {
                Emit(row.Start, row.End, row.Info);
            }
        }
        else
        {
            Sweep(rows, Emit);
        }
        return (new RangeTable<T>([.. starts], [.. ends], [.. infos]), overlapping);
    }

    /// <summary>
    /// Walks the address line from one boundary to the next keeping the rows that hold the current address in a heap
    /// ordered by (width, file order); the top of the heap owns the stretch up to its end or the next row's start.
    /// O(n log n): every step either ends the top row or starts a new one.
    /// </summary>
    private static void Sweep(List<RangeRow<T>> rows, Action<T, T, int> emit)
    {
        var active = new PriorityQueue<int, (T Width, int Order)>();
        int next = 0;
        T position = T.Zero;
        while (next < rows.Count || active.Count > 0)
        {
            if (active.Count == 0)
            {
                position = rows[next].Start;
            }
            while (next < rows.Count && rows[next].Start <= position)
            {
                active.Enqueue(next, (rows[next].End - rows[next].Start, rows[next].Order));
                next++;
            }
            int top;
            while (active.TryPeek(out top, out _) && rows[top].End < position)
            {
                active.Dequeue();
            }
            if (active.Count == 0)
            {
                continue;
            }
            var owner = rows[top];
            T end = owner.End;
            if (next < rows.Count && rows[next].Start <= end)
            {
                end = rows[next].Start - T.One; // rows[next].Start > position: every row up to position is queued
            }
            emit(position, end, owner.Info);
            if (end == T.MaxValue)
            {
                break;
            }
            position = end + T.One;
        }
    }
}
