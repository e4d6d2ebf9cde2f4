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
            string[] arguments =
            [
                "--testnet", "--rpc-bind-ip", "127.0.0.1", "--rpc-bind-port", port.ToString(CultureInfo.InvariantCulture),
                "--log-file", System.IO.Path.Combine(logDirectory.FullName, "cli.log"),
                .. command,
            ];
            return await ProcessRunner.RunAsync(Path, arguments, $"monerod {string.Join(' ', command)}");
        }
        finally
        {
            logDirectory.Delete(recursive: true);
        }
    }
}
