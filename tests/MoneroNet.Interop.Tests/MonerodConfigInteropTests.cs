using System.Diagnostics;
using System.Globalization;
using System.Net;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// An operator's monerod setup run as processes: monerod's sample config plus chain options starts the node with one
/// warning line naming them (and its connection settings in force, read back over /get_limit), and --detach with
/// --pidfile puts the node in the background as monerod does.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class MonerodConfigInteropTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    [Fact]
    public Task Monerod_sample_config_with_chain_options_starts_with_one_warning_line() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            using var dir = new ScratchDirectory("moneronet-conf-");
            var conf = Path.Combine(dir.Path, "bitmonero.conf");
            var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "conf", "monerod-sample-with-chain-options.conf"));
            await File.WriteAllTextAsync(conf, text.Replace("@TEMP@", dir.Path, StringComparison.Ordinal));

            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExtraArguments = ["--config-file", conf] });

            // The settings the file gives take effect: the throttle is the file's, not monerod's default.
            var limits = await node.Rpc.PostUriAsync("/get_limit", new { }, CancellationToken.None);
            Assert.Equal(1024, limits.GetProperty("limit_up").GetInt64());
            Assert.Equal(4096, limits.GetProperty("limit_down").GetInt64());

            const string Warning = "Options without effect here";
            await Eventually.MatchAsync(_ => Task.FromResult(node.Log.CountOf(Warning)), n => n >= 1, TimeSpan.FromSeconds(10),
                "the warning line", CancellationToken.None);
            Assert.Equal(1, node.Log.CountOf(Warning));
            var line = node.Log.ProcessOutput().Split('\n').Single(l => l.Contains(Warning, StringComparison.Ordinal));
            foreach (var name in new[] { "db-sync-mode", "prune-blockchain", "block-sync-size", "fast-block-sync", "max-txpool-weight",
                         "start-mining", "mining-threads", "zmq-rpc-bind-port", "zmq-pub", "rpc-payment-credits" })
            {
                Assert.Contains(name, line, StringComparison.Ordinal);
            }
            Assert.Equal(0, node.Log.CountOf("Cannot start"));
            Assert.Equal(0, node.Log.CountOf("Failed to parse"));
        });

    [Fact]
    public Task Detach_runs_the_node_in_the_background_with_a_pidfile_removed_on_exit() =>
        InteropRun.RunAsync(output, Budget, async unusedGroup =>
        {
            using var dir = new ScratchDirectory("moneronet-detach-");
            using var p2p = PortAllocator.Lease();
            using var rpc = PortAllocator.Lease();
            var pidfile = Path.Combine(dir.Path, "moneronet.pid");
            string[] args =
            [
                MoneroNetProcess.NodeAssemblyPath, "--detach", "--pidfile", pidfile, "--testnet",
                "--p2p-bind-ip", "127.0.0.1", "--p2p-bind-port", p2p.Port.ToString(CultureInfo.InvariantCulture),
                "--rpc-bind-ip", "127.0.0.1", "--rpc-bind-port", rpc.Port.ToString(CultureInfo.InvariantCulture),
                "--rpc-ssl", "disabled", "--data-dir", dir.Path, "--add-exclusive-node", "127.0.0.1:1",
            ];
            int daemonPid = 0;
            await using var parent = ChildProcess.Start("moneronet-detach", MoneroNetProcess.DotnetHost(), args, dir.Path);
            try
            {
                // The foreground process says so and exits 0 at once; the background one writes its PID.
                await Eventually.MatchAsync(_ => Task.FromResult(parent.HasExited), exited => exited, TimeSpan.FromSeconds(30),
                    "the foreground process exited", CancellationToken.None);
                Assert.Equal(0, parent.ExitCode);
                Assert.True(parent.Log.Contains("Forking to background..."), parent.Log.Tail());
                daemonPid = await Eventually.MatchAsync(_ => Task.FromResult(ReadPid(pidfile)), pid => pid > 0, TimeSpan.FromSeconds(30),
                    "the pid file was written", CancellationToken.None);
                Assert.NotEqual(parent.Id, daemonPid);

                // The background node answers RPC, in a session of its own (no controlling terminal).
                using var client = new MonerodRpc(new IPEndPoint(IPAddress.Loopback, rpc.Port));
                await Eventually.MatchAsync(ct => client.AnswersAsync("get_info", ct), ok => ok, TimeSpan.FromSeconds(30),
                    "the detached node's RPC answered", CancellationToken.None);
                Assert.Equal(daemonPid, SessionIdOf(daemonPid));

                // SIGTERM stops it cleanly and the pid file goes with it.
                Assert.Equal(0, Kill(daemonPid, 15));
                await Eventually.MatchAsync(_ => Task.FromResult(!File.Exists(pidfile) && !IsAlive(daemonPid)), gone => gone,
                    TimeSpan.FromSeconds(30), "the node exited and removed its pid file", CancellationToken.None);
                daemonPid = 0;
            }
            finally
            {
                if (daemonPid > 0 && IsAlive(daemonPid)) _ = Kill(daemonPid, 9);
            }
        });

    /// <summary>A temporary directory deleted with the test.</summary>
    private sealed class ScratchDirectory(string prefix) : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

        public void Dispose() => TempDirectory.DeleteQuietly(Path);
    }

    private static int ReadPid(string pidfile)
    {
        try
        {
            return int.TryParse(File.ReadAllText(pidfile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Field 6 of /proc/PID/stat: the session id (equal to the PID for a session leader).</summary>
    private static int SessionIdOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[3], CultureInfo.InvariantCulture);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }


    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
