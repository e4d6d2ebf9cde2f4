using System.Text.RegularExpressions;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// `moneronet &lt;command&gt;` (the console's client form) against a running MoneroNet and a running monerod, each
/// compared with what monerod 0.18's own console client (`monerod &lt;command&gt;`) prints for the same node: the same
/// lines in the same shape (numbers and ids aside, which move between the two runs), and the state changes of
/// ban/unban/in_peers seen by both clients.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed partial class ConsoleClientFormTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(600);
    private static readonly TimeSpan ConnectWithin = TimeSpan.FromSeconds(60);
    // Each monerod client call costs about a CPU-second of start-up: on a busy 2-core machine it can take tens of seconds.
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);
    private const string DocumentationAddress = "192.0.2.7"; // TEST-NET-1: never a real peer

    /// <summary>Reads only, so the order does not matter.</summary>
    private static readonly string[] ReadCommands =
        ["print_cn", "status", "sync_info", "print_pl", "print_pl_stats", "print_net_stats", "bans", "in_peers", "out_peers",
         "version", "limit", "limit_up", "limit_down", $"banned {DocumentationAddress}", "print_pl foo", "ban"];

    [Fact]
    public Task Every_read_command_prints_monerods_lines_against_MoneroNet_and_monerod() => WithConnectedNodesAsync(async (node, monerod) =>
    {
        foreach (var (name, rpc) in new[] { ("MoneroNet", node.RpcEndPoint), ("monerod", monerod.RpcEndPoint) })
        {
            foreach (var command in ReadCommands)
            {
                var ours = await OursAsync(rpc, command);
                var theirs = await TheirsAsync(rpc, command);
                Assert.True(Shape(theirs) == Shape(ours),
                    $"{command} against {name}:\n--- monerod's client ---\n{Clean(theirs)}\n--- moneronet ---\n{ours}");
            }
        }
        // Sanity of the comparison itself: real rows were compared, not two empty answers.
        Assert.Contains("OUT 127.0.0.1:" + monerod.P2PPort, await OursAsync(node.RpcEndPoint, "print_cn"));
        Assert.Contains("INC 127.0.0.1:", await OursAsync(monerod.RpcEndPoint, "print_cn"));
        Assert.Contains("white ", await OursAsync(node.RpcEndPoint, "print_pl"));
    });

    [Fact]
    public Task Ban_unban_and_in_peers_change_what_both_clients_read() => WithConnectedNodesAsync(async (node, monerod) =>
    {
        foreach (var (name, rpc) in new[] { ("MoneroNet", node.RpcEndPoint), ("monerod", monerod.RpcEndPoint) })
        {
            output.WriteLine($"--- {name}");
            Assert.Equal("", await OursAsync(rpc, $"ban {DocumentationAddress} 600"));
            var bans = await OursAsync(rpc, "bans");
            Assert.Matches($@"(?m)^{Regex.Escape(DocumentationAddress)} banned for (5\d\d|600) seconds$", bans);
            Assert.Equal(Shape(await TheirsAsync(rpc, "bans")), Shape(bans));
            Assert.Matches($@"^{Regex.Escape(DocumentationAddress)} is banned for (5\d\d|600) seconds\n$", await OursAsync(rpc, $"banned {DocumentationAddress}"));
            Assert.Equal("", await OursAsync(rpc, $"unban {DocumentationAddress}"));
            Assert.Contains($"{DocumentationAddress} is not banned", Clean(await TheirsAsync(rpc, $"banned {DocumentationAddress}")));

            Assert.Equal("Max number of in peers set to 7\n\n", await OursAsync(rpc, "in_peers 7"));
            Assert.Contains("Max number of in peers set to 7", Clean(await TheirsAsync(rpc, "in_peers")));
            Assert.Equal("Max number of out peers set to 9\n\n", await OursAsync(rpc, "out_peers 9"));
            Assert.Contains("Max number of out peers set to 9", Clean(await TheirsAsync(rpc, "out_peers")));
        }
    });

    /// <summary>limit, limit_up and limit_down set both nodes' P2P rates (/set_limit) as monerod's client reads them back.</summary>
    [Fact]
    public Task Limit_commands_set_the_rates_as_monerods_own_client_reads_them() => WithConnectedNodesAsync(async (node, monerod) =>
    {
        foreach (var rpc in new[] { node.RpcEndPoint, monerod.RpcEndPoint })
        {
            Assert.Equal("Set limit-down to 4096 kB/s\nSet limit-up to 4096 kB/s\n", await OursAsync(rpc, "limit 4096"));
            Assert.Equal("Set limit-down to 4096 kB/s\nSet limit-up to 1024 kB/s\n", await OursAsync(rpc, "limit_up 1024"));
            Assert.Equal("Set limit-down to 9000 kB/s\nSet limit-up to 1024 kB/s\n", await OursAsync(rpc, "limit_down 9000"));
            Assert.Equal("limit-down is 9000 kB/s\n", await OursAsync(rpc, "limit_down"));
            Assert.Equal("limit-up is 1024 kB/s\n", await OursAsync(rpc, "limit_up"));
            Assert.Equal("limit-down is 9000 kB/s\nlimit-up is 1024 kB/s", Clean(await TheirsAsync(rpc, "limit")));
            Assert.Contains("of the limit of 8.79 MB/s", await OursAsync(rpc, "print_net_stats")); // 9000 kB/s, monerod's units
        }
    });

    [Fact]
    public Task Set_log_changes_the_categories_of_both_nodes_as_monerods_client_reports_them() => WithConnectedNodesAsync(async (node, monerod) =>
    {
        foreach (var rpc in new[] { node.RpcEndPoint, monerod.RpcEndPoint })
        {
            Assert.Equal("Log categories are now *:WARNING,net.p2p:DEBUG\n", await OursAsync(rpc, "set_log *:WARNING,net.p2p:DEBUG"));
            Assert.Contains("Log categories are now *:WARNING,net.p2p:DEBUG", Clean(await TheirsAsync(rpc, "set_log")));
            Assert.Equal("Log level is now 0\n", await OursAsync(rpc, "set_log 0"));
        }
        // The change reaches the running node's loggers: a bad /in_peers body logs a DEBUG line on daemon.rpc (5005)
        // only once daemon.rpc is at DEBUG (level 0 has daemon.rpc:FATAL).
        await PostBadInPeersAsync(node);
        Assert.Equal("Log categories are now *:WARNING,daemon.rpc:DEBUG\n", await OursAsync(node.RpcEndPoint, "set_log *:WARNING,daemon.rpc:DEBUG"));
        await PostBadInPeersAsync(node);
        await Eventually.MatchAsync(_ => Task.FromResult(BadInPeersLines(node)), n => n > 0, TimeSpan.FromSeconds(15),
            "the DEBUG line after set_log daemon.rpc:DEBUG", CancellationToken.None, describe: _ => node.Log.Tail());
        Assert.Equal(1, BadInPeersLines(node)); // the first bad request, at level 0, logged nothing
    });

    /// <summary>`exit` in the client form asks /stop_daemon: both nodes answer it and stop, and our client prints
    /// what monerod's prints.</summary>
    [Fact]
    public Task Exit_stops_MoneroNet_and_monerod_over_their_RPC() => WithConnectedNodesAsync(async (node, monerod) =>
    {
        var ours = await OursAsync(node.RpcEndPoint, "exit");
        Assert.Contains("Stop signal sent", ours, StringComparison.Ordinal);
        await Eventually.MatchAsync(_ => Task.FromResult(node.HasExited), exited => exited, ConnectWithin,
            "MoneroNet stopped after exit", CancellationToken.None);
        Assert.Equal(0, node.ExitCode);

        var againstMonerod = await OursAsync(monerod.RpcEndPoint, "exit");
        Assert.Contains("Stop signal sent", againstMonerod, StringComparison.Ordinal);
        await Eventually.MatchAsync(_ => Task.FromResult(monerod.HasExited), exited => exited, ConnectWithin,
            "monerod stopped after moneronet exit", CancellationToken.None);
    });

    private static int BadInPeersLines(MoneroNetProcess node) =>
        node.Log.ProcessOutput().Split('\n').Count(l => l.Contains("\tD URI in_peers: invalid params", StringComparison.Ordinal));

    private static async Task PostBadInPeersAsync(MoneroNetProcess node)
    {
        try
        {
            await node.Rpc.PostUriAsync("in_peers", new { in_peers = "many" }, CancellationToken.None);
        }
        catch (MonerodRpcException)
        {
            // an error answer is fine: the log line is what is looked at
        }
    }

    private Task WithConnectedNodesAsync(Func<MoneroNetProcess, MonerodProcess, Task> body) =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var monerod = await group.StartMonerodAsync(new MonerodOptions { Name = "M" });
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions
            {
                ExclusiveNodes = [monerod.P2PEndPoint],
                ExtraArguments = ["--allow-local-ip"], // so that print_pl lists monerod
            });
            await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
                cs => cs.Any(c => c.Address == monerod.P2PEndPoint.ToString() && c.State == "normal"), ConnectWithin,
                "MoneroNet lists monerod as normal", group.Token, describe: cs => string.Join("; ", cs));
            await body(node, monerod);
        });

    private async Task<string> OursAsync(System.Net.IPEndPoint rpc, string command)
    {
        var result = await MoneroNetConsoleCli.RunAsync(rpc, command, CommandTimeout);
        output.WriteLine($"$ moneronet {command}  (exit {result.ExitCode})\n{result.Output}");
        Assert.Equal(0, result.ExitCode);
        return result.Output;
    }

    private async Task<string> TheirsAsync(System.Net.IPEndPoint rpc, string command)
    {
        var result = await MonerodConsole.RunAsync(DaemonNetwork.Testnet, rpc, command, CommandTimeout);
        output.WriteLine($"$ monerod {command}  (exit {result.ExitCode})\n{result.Output}");
        return result.Output;
    }

    /// <summary>monerod's client output without its colour codes and its own log lines (the version line it logs first).</summary>
    private static string Clean(string text) =>
        string.Join('\n', Ansi().Replace(text, "").Split('\n').Where(l => !LogLine().IsMatch(l))).Trim('\n');

    /// <summary>The lines with every number, id and run of spaces made alike: what must match between the two clients.</summary>
    private static string Shape(string text) =>
        Spaces().Replace(Digits().Replace(HexId().Replace(Clean(text), "<id>"), "9"), " ").Trim();

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\t")]
    private static partial Regex LogLine();

    [GeneratedRegex(@"\b[0-9a-f]{16}\b")]
    private static partial Regex HexId();

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex Digits();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();
}
