using MoneroNet.Node.CommandLine;
using MoneroNet.Node.Hosting;

namespace MoneroNet.Node.Tests;

/// <summary>
/// --limit-rate-up, --limit-rate-down and --limit-rate follow monerod's node_server::set_rate_*_limit: -1 is the
/// default (2048 up, 8192 down), --limit-rate sets the directions not given their own limit, and a direction given
/// exactly its default counts as not given.
/// </summary>
public sealed class RateLimitFlagsTests
{
    [Theory]
    [InlineData(new string[0], 2048L, 8192L)]
    [InlineData(new[] { "--limit-rate-up", "100" }, 100L, 8192L)]
    [InlineData(new[] { "--limit-rate-down=300" }, 2048L, 300L)]
    [InlineData(new[] { "--limit-rate", "50" }, 50L, 50L)]
    [InlineData(new[] { "--limit-rate", "50", "--limit-rate-up", "100" }, 100L, 50L)]
    [InlineData(new[] { "--limit-rate", "50", "--limit-rate-down", "8192" }, 50L, 50L)]   // the default counts as not given
    [InlineData(new[] { "--limit-rate-up", "-1", "--limit-rate-down", "-1" }, 2048L, 8192L)]
    [InlineData(new[] { "--limit-rate", "-1", "--limit-rate-up", "7" }, 7L, 8192L)]
    [InlineData(new[] { "--limit-rate", "0" }, 0L, 0L)]                                     // 0: no throttle
    public void Limits_resolve_as_monerod_resolves_them(string[] args, long up, long down)
    {
        var options = NodeCommandLine.Parse(args, "/home/x", "/").Options!;

        Assert.Equal(up, options.LimitRateUp);
        Assert.Equal(down, options.LimitRateDown);
        var p2p = P2POptionsFactory.Create(options);
        Assert.Equal(up, p2p.LimitRateUpKBps);
        Assert.Equal(down, p2p.LimitRateDownKBps);
    }

    [Theory]
    [InlineData("--limit-rate-up", "-2")]
    [InlineData("--limit-rate-down", "fast")]
    [InlineData("--limit-rate", "1.5")]
    public void A_bad_limit_fails_with_one_line_naming_the_flag(string flag, string value)
    {
        var result = NodeCommandLine.Parse([flag, value], "/home/x", "/");

        Assert.Equal(CommandLineAction.Fail, result.Action);
        Assert.Contains($"'{flag}'", result.Error);
        Assert.DoesNotContain("\n", result.Error!, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_are_read_from_the_config_file_and_listed_in_help()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["limit-rate-up=64", "limit-rate-down=128"]);
            var options = NodeCommandLine.Parse(["--config-file", file], "/home/x", "/").Options!;
            Assert.Equal(64, options.LimitRateUp);
            Assert.Equal(128, options.LimitRateDown);
        }
        finally
        {
            File.Delete(file);
        }
        Assert.Contains("  --limit-rate-up arg (=2048)", NodeCommandLine.HelpText);
        Assert.Contains("  --limit-rate-down arg (=8192)", NodeCommandLine.HelpText);
        Assert.Contains("  --limit-rate arg (=-1)", NodeCommandLine.HelpText);
    }
}
