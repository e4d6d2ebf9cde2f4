using System.Diagnostics;
using MoneroNet.Node.CommandLine;

namespace MoneroNet.Node.Tests;

/// <summary>
/// deploy/: the systemd unit is monerod's shape (simple service, own user, config file, always restarted) and passes
/// `systemd-analyze verify` (with ExecStart pointed at the node built for this test, as the installed path does not
/// exist here); the sample config file starts the node without a warning.
/// </summary>
public sealed class DeploymentTests
{
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MoneroNet.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no MoneroNet.slnx above {AppContext.BaseDirectory}");
    }

    private static string Unit => File.ReadAllText(Path.Combine(RepoRoot(), "deploy", "moneronet.service"));

    [Fact]
    public void The_unit_is_shaped_as_monerods()
    {
        var lines = Unit.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains("Type=simple", lines);
        Assert.Contains("User=moneronet", lines);
        Assert.Contains("Group=moneronet", lines);
        Assert.Contains("Restart=always", lines);
        Assert.Contains("WantedBy=multi-user.target", lines);
        Assert.Contains("ExecStart=/usr/local/bin/moneronet --config-file /etc/moneronet.conf --non-interactive", lines);
    }

    [Fact]
    public async Task The_unit_passes_systemd_analyze_verify()
    {
        var node = Path.Combine(AppContext.BaseDirectory, "moneronet");
        Assert.True(File.Exists(node), $"the node's executable {node} is built beside the tests");
        var dir = Directory.CreateTempSubdirectory("moneronet-unit-");
        try
        {
            var unit = Path.Combine(dir.FullName, "moneronet.service");
            await File.WriteAllTextAsync(unit, Unit.Replace("/usr/local/bin/moneronet", node, StringComparison.Ordinal));

            var start = new ProcessStartInfo("systemd-analyze") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("verify");
            start.ArgumentList.Add(unit);
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            Assert.True(process.ExitCode == 0, $"systemd-analyze verify failed ({process.ExitCode}): {await errors}{await output}");
            Assert.Equal("", (await errors).Trim());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_sample_config_parses_with_no_option_without_effect()
    {
        var result = NodeCommandLine.Parse(["--config-file", Path.Combine(RepoRoot(), "deploy", "moneronet.conf")], "/home/x", "/");

        Assert.Null(result.Error);
        var o = result.Options!;
        Assert.Empty(o.WithoutEffect);
        Assert.Equal("/var/lib/moneronet", o.DataDir);
        Assert.Equal("/var/log/moneronet/moneronet.log", o.LogFile);
        Assert.Equal(2048, o.LimitRateUp);
    }
}
