using System.Diagnostics;
using System.Globalization;

namespace MoneroNet.Rpc.Tests.Support;

/// <summary>
/// Runs real monerod as an RPC console client (<c>monerod --testnet --rpc-bind-port P command…</c>), which only talks
/// to that RPC port. Needs /usr/bin/monerod, which ./run-tests installs; a test using it fails when it is missing.
/// </summary>
internal static class MonerodConsole
{
    public const string Path = "/usr/bin/monerod";

    /// <summary>Runs one console command against <paramref name="port"/> and returns stdout + stderr.</summary>
    public static async Task<string> RunAsync(int port, params string[] command)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: run ./run-tests, which installs Debian's monero package");
        var logDirectory = Directory.CreateTempSubdirectory("moneronet-rpc-console-");
        try
        {
            var start = new ProcessStartInfo(Path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--testnet", "--rpc-bind-ip", "127.0.0.1", "--rpc-bind-port", port.ToString(CultureInfo.InvariantCulture),
                "--log-file", System.IO.Path.Combine(logDirectory.FullName, "cli.log"),
            }.Concat(command))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                throw new TimeoutException($"monerod {string.Join(' ', command)} did not finish within 60 s");
            }

            var text = await stdout + await stderr;
            Assert.True(process.ExitCode == 0, $"monerod exited with {process.ExitCode}: {text}");
            return text;
        }
        finally
        {
            logDirectory.Delete(recursive: true);
        }
    }
}
