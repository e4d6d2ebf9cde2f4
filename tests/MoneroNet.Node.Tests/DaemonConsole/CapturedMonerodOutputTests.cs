using System.Globalization;

namespace MoneroNet.Node.Tests.DaemonConsole;

/// <summary>
/// Each console command, fed the RPC answers a live monerod 0.18 (or MoneroNet) gave, prints exactly what monerod's
/// own console client printed for the same node at the same moment (TestData/console: the answers read just before
/// and just after `monerod &lt;command&gt;` ran, the console's output, and the Unix seconds of the two reads). The
/// console read the node between the two reads, so its text must equal our rendering of one of them at one of those
/// seconds.
/// </summary>
public sealed class CapturedMonerodOutputTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "TestData", "console");

    [Theory]
    [InlineData("monerod-print_cn", "print_cn", "connections=get_connections")]
    [InlineData("monerod-status", "status", "info=/getinfo", "hard_fork=hard_fork_info", "mining=/mining_status")]
    [InlineData("monerod-sync_info", "sync_info", "sync=sync_info")]
    [InlineData("monerod-print_net_stats", "print_net_stats", "net_stats=/get_net_stats", "limit=/get_limit")]
    [InlineData("monerod-bans", "bans", "bans=get_bans")]
    [InlineData("moneronet-print_pl", "print_pl", "peer_list=/get_peer_list")]
    [InlineData("moneronet-print_pl_stats", "print_pl_stats", "peer_list=/get_peer_list")]
    public async Task The_command_prints_what_monerods_console_printed(string capture, string command, params string[] answers)
    {
        var expected = await File.ReadAllTextAsync(Path.Combine(Dir, capture + ".txt"));
        var seconds = (await File.ReadAllTextAsync(Path.Combine(Dir, capture + ".now")))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var printed = new List<string>();
        foreach (var when in new[] { "before", "after" })
        {
            var rpc = new FakeDaemonRpc();
            foreach (var answer in answers)
            {
                var (suffix, target) = (answer[..answer.IndexOf('=')], answer[(answer.IndexOf('=') + 1)..]);
                var json = await File.ReadAllTextAsync(Path.Combine(Dir, $"{capture}.{suffix}.{when}.json"));
                // The capture holds JSON-RPC answers whole; the fake wraps a result itself.
                if (!target.StartsWith('/'))
                    json = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("result").GetRawText();
                rpc.Answer(target, json);
            }
            for (var now = seconds[0]; now <= seconds[^1]; now++)
                printed.Add(await rpc.RunAsync(command, now));
        }
        Assert.Contains(expected, printed);
    }
}
