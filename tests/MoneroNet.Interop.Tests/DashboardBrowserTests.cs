using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;
using MoneroNet.Interop.Tests.Fixtures;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// GET /dashboard in real headless Chromium (Debian's chromium, over the DevTools protocol) with real monerod peers
/// in both directions: the live table shows each peer's address and peer id as the node's get_connections does, and
/// a peer that disconnects leaves the table within 3 s (through /events). Screenshots are kept under the test
/// results (MONERONET_TEST_ARTIFACTS, else .build/test-results/artifacts).
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan LeavesWithin = TimeSpan.FromSeconds(3);

    private sealed record Row(string Address, string PeerId);

    private const string RowsScript = """
        JSON.stringify([...document.querySelectorAll('#connections tbody tr')].map(tr => ({
          address: tr.querySelector('td[data-field="address"]')?.textContent ?? '',
          peer_id: tr.querySelector('td[data-field="peer_id"]')?.textContent ?? '' })))
        """;

    private static async Task<IReadOnlyList<Row>> RowsAsync(HeadlessChromium browser, CancellationToken ct)
    {
        var json = await browser.EvaluateAsync(RowsScript, ct);
        if (json.ValueKind != JsonValueKind.String) return [];
        return JsonDocument.Parse(json.GetString()!).RootElement.EnumerateArray()
            .Select(r => new Row(r.GetProperty("address").GetString()!, r.GetProperty("peer_id").GetString()!)).ToList();
    }

    private static string SetFilter(string text) =>
        $"(() => {{ const f = document.getElementById('filter'); f.value = '{text}'; f.dispatchEvent(new Event('input')); }})()";

    private static string Describe(IReadOnlyList<Row> rows) => string.Join("; ", rows.Select(r => $"{r.Address} {r.PeerId}"));

    [Fact]
    public Task Dashboard_in_chromium_lists_monerod_peers_both_ways_and_a_disconnected_peer_leaves_within_3_seconds() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            HeadlessChromium.RequireInstalled();
            var ct = group.Token;
            var dialled = await group.StartMonerodAsync(new MonerodOptions { Name = "M-out" });
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExclusiveNodes = [dialled.P2PEndPoint] });
            // The page is open before the second monerod dials in: its row comes through /events as it happens.
            await using var browser = await HeadlessChromium.StartAsync(1600, 1100, ct);
            await browser.NavigateAsync(new Uri($"http://127.0.0.1:{node.RpcPort}/dashboard"), ct);
            await Eventually.MatchAsync(
                c => browser.EvaluateAsync("(document.getElementById('stream-state')?.textContent ?? '')", c),
                v => v.GetString() == "events: live", TimeSpan.FromSeconds(20), "the page's event stream is open", ct);
            var dialler = await group.StartMonerodAsync(new MonerodOptions { Name = "M-in", ExclusiveNodes = [node.P2PEndPoint] });
            var connections = await Eventually.MatchAsync(
                c => node.Rpc.GetConnectionsAsync(c),
                cs => cs.Count(c => c.State == "normal" && c.Incoming) == 1 && cs.Count(c => c.State == "normal" && !c.Incoming) == 1,
                TimeSpan.FromSeconds(40), "one incoming and one outgoing monerod connection, both normal", ct);

            // Every connection the node lists is in the table with its address and peer id, as get_connections prints them.
            var rows = await Eventually.MatchAsync(
                c => RowsAsync(browser, c),
                rs => rs.Count == connections.Count && connections.All(c => rs.Contains(new Row(c.Address, c.PeerId))),
                TimeSpan.FromSeconds(20), "the dashboard lists every connection with its peer id", ct, describe: Describe);
            output.WriteLine("table: " + Describe(rows));
            // The filter box keeps the rows whose fields contain its text; the peer id of one peer leaves that one.
            var picked = connections[0];
            await browser.EvaluateAsync(SetFilter(picked.PeerId), ct);
            var filtered = await Eventually.MatchAsync(c => RowsAsync(browser, c), rs => rs.Count == 1,
                TimeSpan.FromSeconds(5), "the filter leaves one row", ct, describe: Describe);
            Assert.Equal(new Row(picked.Address, picked.PeerId), filtered.Single());
            await browser.EvaluateAsync(SetFilter(""), ct);
            await Eventually.MatchAsync(c => RowsAsync(browser, c), rs => rs.Count == connections.Count,
                TimeSpan.FromSeconds(5), "an empty filter shows every row", ct, describe: Describe);
            // A click on a header sorts by it, a second click reverses.
            var byPeerId = connections.Select(c => new Row(c.Address, c.PeerId)).OrderBy(r => r.PeerId, StringComparer.Ordinal).ToList();
            await browser.EvaluateAsync("document.querySelector('#connections th[data-key=\"peer_id\"]').click()", ct);
            await Eventually.MatchAsync(c => RowsAsync(browser, c), rs => rs.SequenceEqual(byPeerId),
                TimeSpan.FromSeconds(5), "rows sorted by peer id", ct, describe: Describe);
            await browser.EvaluateAsync("document.querySelector('#connections th[data-key=\"peer_id\"]').click()", ct);
            byPeerId.Reverse();
            await Eventually.MatchAsync(c => RowsAsync(browser, c), rs => rs.SequenceEqual(byPeerId),
                TimeSpan.FromSeconds(5), "rows sorted by peer id, descending", ct, describe: Describe);
            await browser.EvaluateAsync("document.querySelector('#connections th[data-key=\"address\"]').click()", ct);

            var headers = (await browser.EvaluateAsync(
                "[...document.querySelectorAll('#connections thead th')].map(th => th.textContent).join(',')", ct)).GetString()!.Split(',');
            // Every field get_connections "extended": true answers (the extended ones as the node has them) is a column.
            var extended = await node.Rpc.CallAsync<JsonElement>("get_connections", new { extended = true }, ct);
            var fields = extended.GetProperty("connections").EnumerateArray()
                .SelectMany(c => c.EnumerateObject().Select(p => p.Name)).Distinct().Where(f => f != "connection_id").ToList();
            Assert.Contains("peer_id", fields);
            foreach (var field in fields)
                Assert.Contains(field, headers);
            output.WriteLine("columns: " + string.Join(",", headers));
            // The incoming connection was announced on the stream: opened, then its handshake with the peer id.
            var log = (await browser.EvaluateAsync("(document.getElementById('events')?.textContent ?? '')", ct)).GetString()!;
            var incoming = connections.Single(c => c.Incoming);
            Assert.Contains($"connection_opened address={incoming.Address}", log, StringComparison.Ordinal);
            Assert.Contains($"handshake_completed address={incoming.Address} incoming=true peer_id={incoming.PeerId}", log, StringComparison.Ordinal);
            // A ban set through the RPC shows with its source (ban_added moves the page to read extended get_bans).
            await node.Rpc.CallAsync<JsonElement>("set_bans", new { bans = new[] { new { host = "127.0.0.200", ban = true, seconds = 3600 } } }, ct);
            var bans = await Eventually.MatchAsync(
                c => browser.EvaluateAsync("[...document.querySelectorAll('#bans tbody tr')].map(tr => tr.textContent).join('|')", c),
                v => v.GetString()!.Contains("127.0.0.200", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the ban is listed", ct);
            Assert.EndsWith("rpc", bans.GetString()!.Split('|').Single(b => b.StartsWith("127.0.0.200", StringComparison.Ordinal)), StringComparison.Ordinal);
            // Let the traffic chart gather a few points before the picture.
            await Eventually.MatchAsync(
                c => browser.EvaluateAsync("(document.getElementById('t-rx')?.textContent ?? '')", c),
                v => v.GetString() is { } s && s != "–", TimeSpan.FromSeconds(20), "a traffic rate is shown", ct);
            await Task.Delay(TimeSpan.FromSeconds(6), ct); // a few more chart points for the screenshot only; nothing is asserted on it
            await SaveScreenshotAsync(browser, "dashboard-two-peers.png", ct);

            // The incoming monerod dies: its socket closes at once, and its row must leave the table within 3 s.
            var leaving = connections.Single(c => c.Incoming);
            using (var process = Process.GetProcessById(dialler.ProcessId)) process.Kill();
            var clock = Stopwatch.StartNew();
            rows = await Eventually.MatchAsync(
                c => RowsAsync(browser, c),
                rs => !rs.Any(r => r.Address == leaving.Address),
                LeavesWithin, $"{leaving.Address} leaves the dashboard's table", ct, interval: TimeSpan.FromMilliseconds(50), describe: Describe);
            output.WriteLine($"{leaving.Address} left the table {clock.Elapsed.TotalMilliseconds:0} ms after its monerod was killed");
            var stays = connections.Single(c => !c.Incoming);
            Assert.Contains(new Row(stays.Address, stays.PeerId), rows);
            // It is listed under recent closes with its reason.
            var closes = await Eventually.MatchAsync(
                c => browser.EvaluateAsync("(document.querySelector('#closes tbody')?.textContent ?? '')", c),
                v => v.GetString()!.Contains(leaving.Address, StringComparison.Ordinal), TimeSpan.FromSeconds(5),
                "the close is listed", ct);
            Assert.Matches("remote_closed|socket_error", closes.GetString()!);
            await Task.Delay(TimeSpan.FromSeconds(3), ct); // the chart moves on; for the second picture only
            await SaveScreenshotAsync(browser, "dashboard-after-disconnect.png", ct);
        });

    private async Task SaveScreenshotAsync(HeadlessChromium browser, string name, CancellationToken ct)
    {
        var png = await browser.ScreenshotAsync(ct);
        Assert.True(png.Length > 8 && png[0] == 0x89 && png[1] == (byte)'P', "not a PNG");
        string path = Path.Combine(ArtifactDirectory(), name);
        await File.WriteAllBytesAsync(path, png, ct);
        output.WriteLine($"screenshot: {path} ({png.Length} bytes)");
    }

    private static string ArtifactDirectory()
    {
        string? dir = Environment.GetEnvironmentVariable("MONERONET_TEST_ARTIFACTS");
        if (string.IsNullOrEmpty(dir))
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "MoneroNet.slnx"))) root = root.Parent;
            dir = Path.Combine(root?.FullName ?? AppContext.BaseDirectory, ".build", "test-results", "artifacts");
        }
        Directory.CreateDirectory(dir);
        return dir;
    }
}
