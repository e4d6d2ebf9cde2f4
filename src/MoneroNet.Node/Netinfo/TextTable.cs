using System.Text;

namespace MoneroNet.Node.Netinfo;

/// <summary>
/// A table of text cells printed with aligned columns: each column as wide as its widest cell, two spaces between
/// columns, numbers right-aligned and words left-aligned, no trailing spaces. Lines may be added under a row
/// (netinfo's per-command traffic); they are printed as given and do not widen any column.
/// </summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<(string[] Cells, IReadOnlyList<string> Notes)> _rows = [];

    /// <param name="columns">Each column's header and whether it is right-aligned.</param>
    public TextTable(IReadOnlyList<(string Header, bool RightAligned)> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _headers = columns.Select(c => c.Header).ToArray();
        _rightAligned = columns.Select(c => c.RightAligned).ToArray();
    }

    public void Add(IReadOnlyList<string> cells, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count != _headers.Length)
            throw new ArgumentException($"{cells.Count} cells for {_headers.Length} columns", nameof(cells));
        _rows.Add((cells.ToArray(), notes ?? []));
    }

    public void WriteTo(StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var widths = new int[_headers.Length];
        for (var i = 0; i < widths.Length; i++)
            widths[i] = Math.Max(_headers[i].Length, _rows.Count == 0 ? 0 : _rows.Max(r => r.Cells[i].Length));
        WriteLine(text, _headers, widths);
        foreach (var (cells, notes) in _rows)
        {
            WriteLine(text, cells, widths);
            foreach (var note in notes)
                text.Append(note).Append('\n');
        }
    }

    private void WriteLine(StringBuilder text, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                line.Append("  ");
            line.Append(_rightAligned[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }
        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
