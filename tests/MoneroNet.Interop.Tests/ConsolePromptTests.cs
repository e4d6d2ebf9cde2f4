using System.Diagnostics;
using System.Text.RegularExpressions;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// The node's own prompt in a real terminal (a tmux pane): MoneroNet runs there without --non-interactive, dialling
/// only a fixture monerod on loopback; keys are sent with tmux send-keys and the screen read with capture-pane.
/// Commands print as monerod's, the line can be edited, Up recalls history, <c>exit</c> stops the node cleanly and
/// Ctrl-C still stops it while the prompt waits.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed partial class ConsolePromptTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(240);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public Task Prompt_runs_commands_edits_lines_recalls_history_and_exits() => WithNodeInTmuxAsync(async (tmux, monerod, ct) =>
    {
        // The connection to monerod, as print_cn shows it (retried: the handshake may still be under way).
        await Eventually.MatchAsync(async token =>
        {
            await tmux.SendAsync("print_cn", "Enter");
            return await tmux.PaneAsync();
        }, p => p.Contains($"OUT 127.0.0.1:{monerod.P2PPort}"), Within, "print_cn at the prompt lists monerod", ct);

        // "sttus", cursor three to the left, "a": the edited line is "status".
        await tmux.SendAsync("sttus");
        await tmux.SendAsync("Left", "Left", "Left");
        await tmux.SendAsync("a", "Enter");
        await Eventually.MatchAsync(_ => tmux.PaneAsync(), p => StatusLine().Count(p) == 1, Within, "one status line", ct);

        await tmux.SendAsync("in_peers 7", "Enter");
        await Eventually.MatchAsync(_ => tmux.PaneAsync(), p => p.Contains("Max number of in peers set to 7"), Within, "in_peers", ct);

        // History: Up is "in_peers 7", Up again "status".
        await tmux.SendAsync("Up", "Up", "Enter");
        var pane = await Eventually.MatchAsync(_ => tmux.PaneAsync(), p => StatusLine().Count(p) == 2, Within,
            "a second status line from the history", ct);
        Assert.Matches(@"1\(out\)\+0\(in\) connections", pane);

        await tmux.SendAsync("nonsense", "Enter");
        await Eventually.MatchAsync(_ => tmux.PaneAsync(),
            p => p.Contains("unknown command: nonsense") && p.Contains("Use \"help\" to list all commands and their usage"), Within,
            "monerod's words for an unknown command", ct);

        await tmux.SendAsync("exit", "Enter");
        pane = await Eventually.MatchAsync(_ => tmux.PaneAsync(), p => p.Contains("EXIT="), Within, "the node stopped after exit", ct);
        output.WriteLine(pane);
        Assert.Contains("EXIT=0", pane);
        Assert.Contains("Stopped", pane);
    });

    /// <summary>Every console command at the prompt, each answered with its monerod line (the same commands'
    /// output is compared with monerod's own client in <see cref="ConsoleClientFormTests"/>).</summary>
    [Fact]
    public Task Every_command_answers_at_the_prompt() => WithNodeInTmuxAsync(async (tmux, monerod, ct) =>
    {
        await Eventually.MatchAsync(async token =>
        {
            await tmux.SendAsync("print_cn", "Enter");
            return await tmux.PaneAsync();
        }, p => p.Contains($"OUT 127.0.0.1:{monerod.P2PPort}"), Within, "print_cn at the prompt lists monerod", ct);

        const string host = "192.0.2.7"; // TEST-NET-1: never a real peer
        (string Command, string Answer)[] steps =
        [
            ("help", "print_pl [white] [gray] [pruned] [publicrpc] [<limit>]"),
            ("help ban", "Ban a given <IP> or list of IPs from a file for a given amount of <seconds>."),
            ("print_pl", $"127.0.0.1:{monerod.P2PPort}"),
            ("print_pl_stats", "White list size: "),
            ("print_net_stats", "% of the limit of "),
            ("status", " connections, uptime "),
            ("sync_info", "Next needed pruning seed"),
            ($"ban {host} 600", ""),
            ($"banned {host}", $"{host} is banned for "),
            ("bans", $"{host} banned for "),
            ($"unban {host}", ""),
            ($"banned {host}", $"{host} is not banned"),
            ("out_peers 9", "Max number of out peers set to 9"),
            ("in_peers 11", "Max number of in peers set to 11"),
            ("limit_up 4096", "Set limit-up to 4096 kB/s"),
            ("limit_down 9000", "Set limit-down to 9000 kB/s"),
            ("limit", "limit-down is 9000 kB/s"),
            ("set_log 1", "Log level is now 1"),
        ];
        var pane = await tmux.PaneAsync();
        foreach (var (command, answer) in steps)
        {
            // A command with no answer of its own (ban, unban) is checked by the next one; the history of every
            // command sent must show on the pane in any case.
            var before = Count(pane, answer);
            await tmux.SendAsync(command, "Enter");
            pane = await Eventually.MatchAsync(_ => tmux.PaneAsync(),
                p => p.Contains(command, StringComparison.Ordinal) && (answer.Length == 0 || Count(p, answer) > before),
                Within, $"'{command}' answers '{answer}'", ct);
            Assert.DoesNotContain("unknown command", pane, StringComparison.Ordinal);
            Assert.DoesNotContain("Error:", pane, StringComparison.Ordinal);
        }

        // monerod's client refuses a version that is not its four numbers (MoneroNet's 0.1.0), in its error words.
        await tmux.SendAsync("version", "Enter");
        await Eventually.MatchAsync(_ => tmux.PaneAsync(), p => p.Contains("Error: The daemon software version is not available."),
            Within, "version", ct);

        await tmux.SendAsync("exit", "Enter");
        pane = await Eventually.MatchAsync(_ => tmux.PaneAsync(), p => p.Contains("EXIT="), Within, "the node stopped after exit", ct);
        Assert.Contains("EXIT=0", pane);
    });

    private static int Count(string text, string part)
    {
        if (part.Length == 0) return 0;
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    [Fact]
    public Task Ctrl_C_stops_the_node_while_the_prompt_waits() => WithNodeInTmuxAsync(async (tmux, monerod, ct) =>
    {
        await tmux.SendAsync("bans", "Enter");
        await Eventually.MatchAsync(_ => tmux.PaneAsync(), p => p.Contains("No IPs are banned"), Within, "bans at the prompt", ct);
        await tmux.SendAsync("C-c");
        var pane = await Eventually.MatchAsync(_ => tmux.PaneAsync(), p => p.Contains("EXIT="), Within, "the node stopped on Ctrl-C", ct);
        output.WriteLine(pane);
        Assert.Contains("EXIT=0", pane);
        Assert.Contains("Stopped", pane);
    });

    /// <summary>A monerod fixture, then MoneroNet in a tmux pane dialling only it (and keeping it in its white list,
    /// loopback though it is: --allow-local-ip), until the node logs its start.</summary>
    private Task WithNodeInTmuxAsync(Func<Tmux, MonerodProcess, CancellationToken, Task> body) =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var monerod = await group.StartMonerodAsync(new MonerodOptions { Name = "M" });
            using var p2p = PortAllocator.Lease();
            using var rpc = PortAllocator.Lease();
            var dataDir = Directory.CreateTempSubdirectory("moneronet-interop-prompt-").FullName;
            var tmux = new Tmux($"moneronet-prompt-{Environment.ProcessId}-{p2p.Port}");
            var command = $"'{MoneroNetProcess.DotnetHost()}' '{MoneroNetProcess.NodeAssemblyPath}' --testnet --p2p-bind-ip 127.0.0.1 --p2p-bind-port {p2p.Port} "
                          + $"--rpc-bind-ip 127.0.0.1 --rpc-bind-port {rpc.Port} --data-dir '{dataDir}' "
                          + $"--add-exclusive-node {LoopbackGuard.Format(monerod.P2PEndPoint)} --allow-local-ip; echo EXIT=$?; sleep 60";
            try
            {
                Assert.Equal(0, await tmux.RunAsync("new-session", "-d", "-x", "250", "-y", "80", command));
                await Eventually.MatchAsync(_ => tmux.PaneAsync(), p => p.Contains(" starting: "), Within, "the node started", group.Token);
                await body(tmux, monerod, group.Token);
            }
            finally
            {
                output.WriteLine(await tmux.PaneAsync());
                await tmux.RunAsync("kill-server");
                TempDirectory.DeleteQuietly(dataDir);
            }
        });

    [GeneratedRegex(@"Height: \d+/\d+ \([0-9.]+%\) on testnet, not mining, net hash \d+ H/s, v\d+, \d+\(out\)\+\d+\(in\) connections, uptime ")]
    private static partial Regex StatusLine();


    /// <summary>One tmux server of the test's own (-L socket), so nothing else's sessions are touched.</summary>
    public sealed class Tmux(string socket)
    {
        public async Task SendAsync(params string[] keys) => Assert.Equal(0, await RunAsync(["send-keys", .. keys]));

        public async Task<string> PaneAsync() => (await CaptureAsync("capture-pane", "-p", "-S", "-")).Output; // the whole history

        public async Task<int> RunAsync(params string[] args) => (await CaptureAsync(args)).ExitCode;

        private async Task<(int ExitCode, string Output)> CaptureAsync(params string[] args)
        {
            var info = new ProcessStartInfo("tmux") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("-L");
            info.ArgumentList.Add(socket);
            foreach (var a in args) info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, text);
        }
    }
}
