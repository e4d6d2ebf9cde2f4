using System.Diagnostics;
using System.Text;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// `moneronet netinfo --watch` against a running MoneroNet: piped, it writes plain time-stamped frames every 2 s;
/// in a real terminal (a tmux pane) it redraws in place, so the screen holds one frame; Ctrl-C (SIGINT) ends both
/// with exit code 0.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class NetinfoWatchTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan FramesWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public Task Watch_Piped_WritesPlainFramesEveryTwoSeconds_AndEndsOnSigint() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions());
            var info = new ProcessStartInfo(MoneroNetProcess.DotnetHost())
            {
                UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            };
            string[] args = [MoneroNetProcess.NodeAssemblyPath, "netinfo", "1", "--watch", "--testnet",
                "--rpc-bind-port", node.RpcPort.ToString()];
            foreach (var a in args) info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            process.StandardInput.Close();
            var text = new StringBuilder();
            var reading = Task.Run(async () =>
            {
                var buffer = new char[4096];
                int n;
                while ((n = await process.StandardOutput.ReadAsync(buffer)) > 0)
                    lock (text) text.Append(buffer, 0, n);
            });
            try
            {
                var stopwatch = Stopwatch.StartNew();
                await Eventually.MatchAsync(_ => Task.FromResult(Snapshot(text)), t => Stamps(t) >= 3, FramesWithin,
                    "three frames", group.Token, describe: t => t);
                // Three frames: the first at once, then one every 2 s, so at least 4 s have passed.
                Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(3.5), $"three frames after {stopwatch.Elapsed}");
                Assert.Equal(0, Kill(process.Id, "INT"));
                await process.WaitForExitAsync(group.Token).WaitAsync(TimeSpan.FromSeconds(15));
                await reading;
                var all = Snapshot(text);
                output.WriteLine(all);
                Assert.Equal(0, process.ExitCode);
                Assert.DoesNotContain('\u001b', all);
                Assert.Equal(Stamps(all), all.Split('\n').Count(l => l.StartsWith("netinfo: MoneroNet ", StringComparison.Ordinal)));
                Assert.Equal("", await process.StandardError.ReadToEndAsync());
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
        });

    [Fact]
    public Task Watch_InATerminal_RedrawsInPlace_AndEndsOnCtrlC() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions());
            var socket = $"moneronet-netinfo-{Environment.ProcessId}";
            var command = $"'{MoneroNetProcess.DotnetHost()}' '{MoneroNetProcess.NodeAssemblyPath}' netinfo 1 --watch --testnet " +
                          $"--rpc-bind-port {node.RpcPort}; echo EXIT=$?; sleep 60";
            try
            {
                Assert.Equal(0, (await Tmux(socket, "new-session", "-d", "-x", "160", "-y", "60", command)).ExitCode);
                // Its own uptime line changes each redraw; wait until it has been drawn at least twice.
                var first = await Eventually.MatchAsync(_ => Pane(socket), p => p.Contains("Local addresses"), FramesWithin,
                    "the first frame", group.Token);
                await Task.Delay(TimeSpan.FromSeconds(4.5), group.Token); // two more 2 s ticks
                var later = await Pane(socket);
                output.WriteLine(later);
                Assert.Single(later.Split('\n'), l => l.StartsWith("netinfo: MoneroNet ", StringComparison.Ordinal));
                Assert.DoesNotContain("---", later); // no piped frame stamps in a terminal
                Assert.NotEqual(Header(first), Header(later)); // redrawn: the uptime moved on
                Assert.Equal(0, (await Tmux(socket, "send-keys", "C-c")).ExitCode);
                var done = await Eventually.MatchAsync(_ => Pane(socket), p => p.Contains("EXIT="), FramesWithin,
                    "netinfo ended after Ctrl-C", group.Token);
                Assert.Contains("EXIT=0", done);
            }
            finally
            {
                await Tmux(socket, "kill-server");
            }
        });

    private static string Header(string pane) =>
        pane.Split('\n').First(l => l.StartsWith("netinfo: MoneroNet ", StringComparison.Ordinal));

    private static string Snapshot(StringBuilder text)
    {
        lock (text) return text.ToString();
    }

    private static int Stamps(string text) =>
        text.Split('\n').Count(l => l.StartsWith("--- ", StringComparison.Ordinal) && l.EndsWith("Z ---", StringComparison.Ordinal));

    private static async Task<string> Pane(string socket) => (await Tmux(socket, "capture-pane", "-p")).Output;

    private static async Task<(int ExitCode, string Output)> Tmux(string socket, params string[] args)
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

    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString()]);
        kill.WaitForExit();
        return kill.ExitCode;
    }

}
