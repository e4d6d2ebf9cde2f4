using System.Diagnostics;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// The node on a disk that is full. /dev/full stands in for a log file that cannot be written (every write fails
/// with ENOSPC); a 1 MiB tmpfs mounted for the test is a data directory that fills up. These need root for the
/// mount, as the test command has on CI; without it they fail and say so, they never pass untested.
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class FullDiskTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    [Fact]
    public Task A_log_file_that_cannot_be_written_is_reported_on_stderr_and_sigterm_still_exits_0() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { ExtraArguments = ["--log-file", "/dev/full"] });
            Assert.NotNull(await node.Rpc.GetInfoAsync(group.Token));

            var took = await node.StopAsync(TimeSpan.FromSeconds(10));
            Assert.True(took is not null, "the node still ran 10 s after SIGTERM");
            Assert.Equal(0, node.ExitCode);
            Assert.True(node.Log.Contains("cannot write the log file /dev/full"), node.Log.Tail());
            Assert.False(node.Log.Contains("Unhandled exception"), node.Log.Tail());
        });

    [Fact]
    public Task B_data_dir_that_fills_up_while_running_still_exits_0_on_sigterm() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            using var disk = SmallTmpfs.Mount();
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { DataDir = disk.Path });
            Assert.NotNull(await node.Rpc.GetInfoAsync(group.Token));

            disk.Fill();
            Assert.NotNull(await node.Rpc.GetInfoAsync(group.Token)); // still serving
            var took = await node.StopAsync(TimeSpan.FromSeconds(10));
            Assert.True(took is not null, "the node still ran 10 s after SIGTERM");
            Assert.Equal(0, node.ExitCode);
            Assert.False(node.Log.Contains("Unhandled exception"), node.Log.Tail());
        });

    [Fact]
    public Task C_start_on_a_full_disk_exits_1_with_one_line_and_leaves_no_half_written_certificate() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            using var disk = SmallTmpfs.Mount();
            disk.Fill();

            var failure = await Assert.ThrowsAsync<InvalidOperationException>(
                () => group.StartMoneroNetAsync(new MoneroNetOptions { DataDir = disk.Path }));
            output.WriteLine(failure.Message);
            Assert.Contains("exited with code 1", failure.Message);
            Assert.Single(failure.Message.Split('\n'), line => line.Contains("Cannot start"));
            Assert.DoesNotContain("Unhandled exception", failure.Message);
            // The self-signed RPC certificate is written whole or not at all.
            Assert.Empty(Directory.GetFiles(disk.Path, "rpc_ssl*", SearchOption.AllDirectories));
        });

    /// <summary>A 1 MiB tmpfs on a fresh temporary directory, unmounted and removed at dispose.</summary>
    private sealed class SmallTmpfs : IDisposable
    {
        private SmallTmpfs(string path) => Path = path;

        public string Path { get; }

        public static SmallTmpfs Mount()
        {
            string path = Directory.CreateTempSubdirectory("moneronet-full-").FullName;
            var (code, text) = Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", path);
            if (code != 0)
            {
                Directory.Delete(path);
                throw new InvalidOperationException(
                    $"these tests mount a 1 MiB tmpfs and need root (the test command runs as root on CI): mount said {text}");
            }
            return new SmallTmpfs(path);
        }

        /// <summary>Writes one file until the file system has no room left.</summary>
        public void Fill()
        {
            var block = new byte[4096];
            using var file = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create, FileAccess.Write,
                FileShare.None, bufferSize: 1);
            try
            {
                for (int i = 0; i < 100_000; i++) file.Write(block);
            }
            catch (IOException) { return; } // ENOSPC: full
            throw new InvalidOperationException($"{Path} did not fill up");
        }

        public void Dispose()
        {
            Run("umount", "-l", Path);
            try { Directory.Delete(Path, recursive: true); }
            catch (IOException) { }
        }

        private static (int Code, string Text) Run(string file, params string[] args)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args) start.ArgumentList.Add(a);
            using var p = Process.Start(start)!;
            string text = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, text.Trim());
        }
    }
}
