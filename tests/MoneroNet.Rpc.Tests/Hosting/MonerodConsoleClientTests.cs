using System.Diagnostics;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Hosting;

/// <summary>
/// Runs real monerod as an RPC console client against our server: `monerod print_cn` only calls JSON-RPC
/// get_connections on the given RPC address (TLS first, then plain, with the default --rpc-ssl autodetect).
/// Needs /usr/bin/monerod, which ./run-tests installs; the test fails when it is missing.
/// </summary>
public sealed class MonerodConsoleClientTests
{
    private const string Monerod = "/usr/bin/monerod";

    [Fact]
    public async Task Monerod_print_cn_lists_our_connections()
    {
        Assert.True(File.Exists(Monerod), $"{Monerod} is missing: run ./run-tests, which installs Debian's monero package");

        var ipv4 = Snapshots.Ipv4(host: "127.0.0.22", port: 35365) with { PeerId = 0x0a0b0c0d01020304 };
        var ipv6 = Snapshots.Ipv4() with
        {
            AddressType = 2, Address = "[::1]:38350", Host = "::1", Port = 38350, PeerId = 0x1122334455667788, Incoming = false,
            State = "synchronizing",
        };
        await using var server = await RunningServer.StartAsync(node: new FakeNodeQuery(ipv4, ipv6));
        var logDirectory = Directory.CreateTempSubdirectory("moneronet-rpc-print-cn-");
        try
        {
            var output = await RunAsync(
                "--testnet", "--rpc-bind-ip", "127.0.0.1", "--rpc-bind-port", server.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--log-file", Path.Combine(logDirectory.FullName, "monerod.log"), "print_cn");

            Assert.Contains("Remote Host", output, StringComparison.Ordinal);
            Assert.Contains("INC 127.0.0.22:35365", output, StringComparison.Ordinal);
            Assert.Contains("0a0b0c0d01020304", output, StringComparison.Ordinal);
            Assert.Contains("OUT ::1:38350", output, StringComparison.Ordinal); // monerod joins ip ":" port
            Assert.Contains("1122334455667788", output, StringComparison.Ordinal);
            Assert.Contains("synchronizing", output, StringComparison.Ordinal);
            Assert.Equal(1, server.Node.Calls);
        }
        finally
        {
            logDirectory.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Monerod)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
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
            throw new TimeoutException("monerod print_cn did not finish within 60 s");
        }

        var text = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"monerod exited with {process.ExitCode}: {text}");
        return text;
    }
}
