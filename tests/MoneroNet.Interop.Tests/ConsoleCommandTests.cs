using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// monerod 0.18's own console commands (`monerod --rpc-bind-port N &lt;command&gt;`, which only talks to that RPC port)
/// run against MoneroNet's RPC while MoneroNet is connected to a real monerod. The console exits 0 even when a
/// command failed, so every test reads the printed text and cross-checks it with MoneroNet's JSON answers.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed partial class ConsoleCommandTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ConnectWithin = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ConsoleTimeout = TimeSpan.FromSeconds(30);
    private const string DocumentationAddress = "192.0.2.7"; // TEST-NET-1: never a real peer

    [Fact]
    public Task PrintCn_ListsTheConnectionMoneroNetHolds() => WithConnectedNodeAsync(async (node, monerod, ct) =>
    {
        var listed = await node.Rpc.GetConnectionsAsync(ct);
        string text = await RunAsync(node, "print_cn");
        var entry = Assert.Single(listed);
        PrintCnOutput.AssertLists(text, entry);
        Assert.Single(PrintCnOutput.Rows(text));
    });

    [Fact]
    public Task PrintPl_ShowsTheWhiteEntriesOfGetPeerList() => WithConnectedNodeAsync(async (node, monerod, ct) =>
    {
        // With --allow-local-ip MoneroNet lists the loopback monerod it handshaked with as white.
        var peers = await Eventually.MatchAsync(
            token => node.Rpc.PostUriAsync("get_peer_list", new { public_only = true, include_blocked = true }, token),
            list => Entries(list, "white_list").Any(e => Endpoint(e) == monerod.P2PEndPoint.ToString()), ConnectWithin,
            "MoneroNet's white list names monerod", ct, describe: list => list.ToString());
        string text = await RunAsync(node, "print_pl");

        var rows = PeerRows(text);
        foreach (var (list, prefix) in new[] { ("white_list", "white"), ("gray_list", "gray") })
        {
            var expected = Entries(peers, list)
                .Select(e => (prefix, e.GetProperty("id").GetUInt64().ToString("x16", CultureInfo.InvariantCulture), Endpoint(e)))
                .OrderBy(r => r.Item3, StringComparer.Ordinal).ToList();
            var printed = rows.Where(r => r.List == prefix).Select(r => (r.List, r.Id, r.Address))
                .OrderBy(r => r.Address, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, printed);
        }
        Assert.Contains(rows, r => r.List == "white" && r.Address == monerod.P2PEndPoint.ToString());
    }, allowLocalIp: true);

    [Fact]
    public Task Status_ReportsHeightNetworkAndConnectionCountsOfGetInfo() => WithConnectedNodeAsync(async (node, monerod, ct) =>
    {
        var info = await node.Rpc.GetInfoAsync(ct);
        string text = await RunAsync(node, "status");
        var match = StatusLine().Match(text);
        Assert.True(match.Success, $"no status line in:\n{text}");
        Assert.Equal(info.Height.ToString(CultureInfo.InvariantCulture), match.Groups["height"].Value);
        Assert.Equal("testnet", match.Groups["net"].Value);
        Assert.Equal(info.OutgoingConnectionsCount.ToString(CultureInfo.InvariantCulture), match.Groups["out"].Value);
        Assert.Equal(info.IncomingConnectionsCount.ToString(CultureInfo.InvariantCulture), match.Groups["in"].Value);
        Assert.Equal("1", match.Groups["out"].Value); // the one connection to monerod
        // Against an unrestricted monerod the console also reads /mining_status and prints "not mining"; a daemon
        // that does not serve it makes the console print "Error: Problem fetching info" and "mining info unavailable".
        Assert.DoesNotContain("Error", text, StringComparison.Ordinal);
        Assert.Equal("not mining", match.Groups["mining"].Value);
    });

    [Fact]
    public Task SyncInfo_ListsThePeerWithItsAddressIdStateAndHeight() => WithConnectedNodeAsync(async (node, monerod, ct) =>
    {
        var connection = Assert.Single(await node.Rpc.GetConnectionsAsync(ct));
        var info = await node.Rpc.GetInfoAsync(ct);
        string text = await RunAsync(node, "sync_info");

        Assert.Matches($@"Height: {info.Height}, target: \d+ \(", text);
        Assert.Contains("1 peers", text);
        // "<address padded to 24>  <peer id>  <state padded to 16>  <pruning seed>  <height>  <kB/s> kB/s, …"
        var row = Assert.Single(text.Split('\n'), l => l.TrimStart().StartsWith(connection.Address + " ", StringComparison.Ordinal));
        string[] fields = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(connection.PeerId, fields[1]);
        Assert.Equal("normal", fields[2]);
        Assert.Equal(connection.Height.ToString(CultureInfo.InvariantCulture), fields[4]);
    });

    [Fact]
    public Task Bans_BanThenUnban_ChangeWhatGetBansAndBannedReport() => WithConnectedNodeAsync(async (node, monerod, ct) =>
    {
        string before = await RunAsync(node, "bans");
        Assert.Contains("No IPs are banned", before);

        string banned = await RunAsync(node, $"ban {DocumentationAddress}");
        AssertNoFailure(banned);
        var bans = await GetBansAsync(node.Rpc, ct);
        var ban = Assert.Single(bans, b => b.GetProperty("host").GetString() == DocumentationAddress);
        // The console's default duration is monerod's P2P_IP_BLOCKTIME, 24 h.
        Assert.InRange(ban.GetProperty("seconds").GetUInt32(), 86_400u - 30, 86_400u);
        Assert.True((await BannedAsync(node.Rpc, DocumentationAddress, ct)).GetProperty("banned").GetBoolean());

        string listed = await RunAsync(node, "bans");
        Assert.Matches($@"(?m)^{Regex.Escape(DocumentationAddress)} banned for \d+ seconds", listed);

        string unbanned = await RunAsync(node, $"unban {DocumentationAddress}");
        AssertNoFailure(unbanned);
        Assert.DoesNotContain(await GetBansAsync(node.Rpc, ct), b => b.GetProperty("host").GetString() == DocumentationAddress);
        Assert.False((await BannedAsync(node.Rpc, DocumentationAddress, ct)).GetProperty("banned").GetBoolean());
        Assert.Contains("No IPs are banned", await RunAsync(node, "bans"));

        // The monerod connection was never touched by banning an unrelated host.
        Assert.Single(await node.Rpc.GetConnectionsAsync(ct));
    });

    [Fact]
    public Task InPeers_SetsTheLimitThatInPeersReadsBack() => WithConnectedNodeAsync(async (node, monerod, ct) =>
    {
        string text = await RunAsync(node, "in_peers 5");
        Assert.Contains("Max number of in peers set to 5", text);
        var read = await node.Rpc.PostUriAsync("in_peers", new { set = false }, ct);
        Assert.Equal("OK", read.GetProperty("status").GetString());
        Assert.Equal(5u, read.GetProperty("in_peers").GetUInt32());
    });

    [Fact]
    public Task OutPeers_SetsTheLimitThatOutPeersReadsBack() => WithConnectedNodeAsync(async (node, monerod, ct) =>
    {
        string text = await RunAsync(node, "out_peers 5");
        Assert.Contains("Max number of out peers set to 5", text);
        var read = await node.Rpc.PostUriAsync("out_peers", new { set = false }, ct);
        Assert.Equal("OK", read.GetProperty("status").GetString());
        Assert.Equal(5u, read.GetProperty("out_peers").GetUInt32());
        // Five still allows the one outgoing connection to monerod.
        Assert.Single(await node.Rpc.GetConnectionsAsync(ct));
    });

    /// <summary>Starts monerod M and MoneroNet dialling it (exclusive), waits until MoneroNet lists it normal.</summary>
    private Task WithConnectedNodeAsync(Func<MoneroNetProcess, MonerodProcess, CancellationToken, Task> body,
        bool allowLocalIp = false) =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var monerod = await group.StartMonerodAsync(new MonerodOptions { Name = "M" });
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions
            {
                ExclusiveNodes = [monerod.P2PEndPoint],
                ExtraArguments = allowLocalIp ? ["--allow-local-ip"] : [],
            });
            await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
                cs => cs.Any(c => c.Address == monerod.P2PEndPoint.ToString() && c.State == "normal"), ConnectWithin,
                "MoneroNet lists monerod as normal", group.Token, describe: cs => string.Join("; ", cs));
            await body(node, monerod, group.Token);
        });

    private async Task<string> RunAsync(MoneroNetProcess node, string command)
    {
        var result = await MonerodConsole.RunAsync(DaemonNetwork.Testnet, node.RpcEndPoint, command, ConsoleTimeout);
        output.WriteLine($"$ monerod {command}  (exit {result.ExitCode})\n{result.Output}\n");
        Assert.DoesNotContain("Couldn't connect to daemon", result.Output);
        return result.Output;
    }

    /// <summary>ban/unban print nothing on success, the failure message "Unsuccessful" (or an RPC error) otherwise.</summary>
    private static void AssertNoFailure(string text)
    {
        Assert.DoesNotContain("Unsuccessful", text);
        Assert.DoesNotContain("Error", text, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<IReadOnlyList<JsonElement>> GetBansAsync(MonerodRpc rpc, CancellationToken ct)
    {
        var result = await rpc.CallAsync<JsonElement>("get_bans", null, ct);
        Assert.Equal("OK", result.GetProperty("status").GetString());
        return result.TryGetProperty("bans", out var bans) ? bans.EnumerateArray().ToList() : [];
    }

    private static async Task<JsonElement> BannedAsync(MonerodRpc rpc, string address, CancellationToken ct) =>
        await rpc.CallAsync<JsonElement>("banned", new { address }, ct);

    internal static IEnumerable<JsonElement> Entries(JsonElement peerList, string list) =>
        peerList.TryGetProperty(list, out var entries) ? entries.EnumerateArray().ToList() : [];

    /// <summary>host:port of a /get_peer_list entry, as print_pl prints it.</summary>
    internal static string Endpoint(JsonElement entry) =>
        $"{entry.GetProperty("host").GetString()}:{entry.GetProperty("port").GetUInt16()}";

    private sealed record PeerRow(string List, string Id, string Address);

    // print_pl rows: "%-10s %-25s %-25s …" → list, 16-hex-digit id, host:port, rpc port, credits, seed, last seen.
    private static List<PeerRow> PeerRows(string text) =>
        text.Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 3 && f[0] is "white" or "gray")
            .Select(f => new PeerRow(f[0], f[1], f[2]))
            .ToList();

    [GeneratedRegex(@"Height: (?<height>\d+)/\d+ \([0-9.]+%\) on (?<net>\w+), (?<mining>[^,]+), .*, (?<out>\d+)\(out\)\+(?<in>\d+)\(in\) connections")]
    private static partial Regex StatusLine();
}
