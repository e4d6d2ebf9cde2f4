namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// Reads the table that `monerod print_cn` prints (0.18): one row per connection,
/// <c>INC|OUT address type ssl peer-id support-flags recv(idle)/sent(idle) state livetime …</c>.
/// </summary>
public static class PrintCnOutput
{
    public sealed record Row(string Direction, string Address, string Type, string PeerId, string State);

    public static IReadOnlyList<Row> Rows(string output) =>
        output.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 8 && f[0] is "INC" or "OUT")
            .Select(f => new Row(f[0], f[1], f[2], f[4], f[7]))
            .ToList();

    /// <summary>Asserts that the table has exactly one row for <paramref name="expected"/>, with matching fields.</summary>
    public static void AssertLists(string output, ConnectionInfo expected)
    {
        Assert.DoesNotContain("Couldn't connect to daemon", output);
        var rows = Rows(output).Where(r => r.Address == expected.Address).ToList();
        Assert.True(rows.Count == 1, $"print_cn should list {expected.Address} once:\n{output}");
        Assert.Equal(expected.Incoming ? "INC" : "OUT", rows[0].Direction);
        Assert.Equal("IPv4", rows[0].Type);
        Assert.Equal(expected.PeerId, rows[0].PeerId);
        Assert.Equal(expected.State, rows[0].State);
    }
}
