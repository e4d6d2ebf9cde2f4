using CsCheck;
using MoneroNet.Node.CommandLine;

namespace MoneroNet.Node.Tests;

/// <summary>A bad command line gives one line worded as monerod words it, and no options.</summary>
public sealed class CommandLineErrorTests
{
    private static string Fail(params string[] args)
    {
        var result = NodeCommandLine.Parse(args, "/home/x", "/");
        Assert.Equal(CommandLineAction.Fail, result.Action);
        Assert.Null(result.Options);
        Assert.NotNull(result.Error);
        Assert.DoesNotContain('\n', result.Error);
        return result.Error;
    }

    [Fact]
    public void Unknown_flag_is_named_as_monerod_names_it()
    {
        Assert.Equal("Failed to parse arguments: unrecognised option '--no-such-flag'", Fail("--no-such-flag"));
        Assert.Equal("Failed to parse arguments: unrecognised option '--no-such-flag'", Fail("--testnet", "--no-such-flag=3"));
        Assert.Equal("Failed to parse arguments: unrecognised option '-h'", Fail("-h"));
    }

    [Fact]
    public void Stray_argument_is_reported()
    {
        Assert.Equal("Failed to parse arguments: unexpected argument 'status'", Fail("status"));
        Assert.Equal("Failed to parse arguments: unexpected argument '127.0.0.2:1'", Fail("--add-peer", "127.0.0.1:1", "127.0.0.2:1"));
    }

    [Theory]
    [InlineData("--log-level", "abc", "0..4 or monerod log categories such as net.p2p:DEBUG,*:WARNING")]
    [InlineData("--log-level", "5", "0..4 or monerod log categories such as net.p2p:DEBUG,*:WARNING")]
    [InlineData("--log-level", "-1", "0..4 or monerod log categories such as net.p2p:DEBUG,*:WARNING")]
    [InlineData("--log-level", "+1", "0..4 or monerod log categories such as net.p2p:DEBUG,*:WARNING")]
    [InlineData("--log-level", "1.0", "0..4 or monerod log categories such as net.p2p:DEBUG,*:WARNING")]
    [InlineData("--in-peers", "-2", "an integer -1..2147483647")]
    [InlineData("--out-peers", "many", "an integer -1..2147483647")]
    [InlineData("--max-connections-per-ip", "0", "an integer 1..4294967295")]
    [InlineData("--max-log-file-size", "-5", "an integer >= 0")]
    [InlineData("--p2p-bind-port", "65536", "a port number 0..65535")]
    [InlineData("--rpc-bind-port", "http", "a port number 0..65535")]
    [InlineData("--rpc-restricted-bind-port", "-1", "a port number 0..65535")]
    [InlineData("--p2p-bind-ip", "::", "an IPv4 address")]
    [InlineData("--p2p-bind-ip", "127.1", "an IPv4 address")]
    [InlineData("--p2p-bind-ip", "localhost", "an IPv4 address")]
    [InlineData("--p2p-bind-ipv6-address", "0.0.0.0", "an IPv6 address")]
    [InlineData("--rpc-bind-ip", "999.0.0.1", "an IP address")]
    [InlineData("--rpc-ssl", "yes", "enabled|disabled|autodetect")]
    [InlineData("--check-updates", "always", "disabled|notify|download|update")]
    public void Bad_value_names_the_flag_the_value_and_what_was_expected(string flag, string value, string expected)
    {
        var message = $"Failed to parse arguments: the argument ('{value}') for option '{flag}' is invalid: expected {expected}";
        Assert.Equal(message, Fail(flag, value));
        Assert.Equal(message, Fail($"{flag}={value}"));
    }

    [Fact]
    public void Missing_value()
    {
        Assert.Equal("Failed to parse arguments: the required argument for option '--log-level' is missing", Fail("--log-level"));
        Assert.Equal("Failed to parse arguments: the required argument for option '--data-dir' is missing", Fail("--data-dir", "--testnet"));
        Assert.Equal("Failed to parse arguments: the required argument for option '--data-dir' is missing", Fail("--data-dir=", "--version"));
        Assert.Equal("Failed to parse arguments: the required argument for option '--log-file' is missing", Fail("--log-file", "--no-such-flag"));
        Assert.Equal("Failed to parse arguments: the required argument for option '--add-peer' is missing", Fail("--add-peer", "127.0.0.1:1", "--add-peer"));
        Assert.Equal("Failed to parse arguments: the required argument for option '--add-peer' is missing", Fail("--add-peer", "127.0.0.1:1", "--add-peer", "--help"));
    }

    [Fact]
    public void Empty_value()
    {
        Assert.Equal("Failed to parse arguments: the argument ('') for option '--data-dir' is invalid: expected a non-empty value", Fail("--data-dir", ""));
    }

    [Fact]
    public void Single_valued_flag_given_twice()
    {
        Assert.Equal("Failed to parse arguments: option '--p2p-bind-port' cannot be specified more than once",
            Fail("--p2p-bind-port", "1", "--p2p-bind-port=2"));
    }

    [Fact]
    public void Switch_given_a_value()
    {
        Assert.Equal("Failed to parse arguments: option '--testnet' does not take any arguments", Fail("--testnet=1"));
        Assert.Equal("Failed to parse arguments: unexpected argument 'true'", Fail("--hide-my-port", "true"));
    }

    [Theory]
    [InlineData("--testnet", "--stagenet")]
    [InlineData("--testnet", "--regtest")]
    [InlineData("--stagenet", "--regtest")]
    [InlineData("--regtest", "--testnet", "--stagenet")]
    public void Networks_are_mutually_exclusive(params string[] args)
    {
        Assert.Equal("Can't specify more than one of --testnet and --stagenet and --regtest", Fail(args));
    }

    [Theory]
    [InlineData("--rpc-bind-ip", "0.0.0.0", "rpc-bind-ip")]
    [InlineData("--rpc-bind-ip", "192.168.1.5", "rpc-bind-ip")]
    [InlineData("--rpc-bind-ipv6-address", "::", "rpc-bind-ipv6-address")]
    public void External_rpc_bind_needs_confirmation(string flag, string value, string name)
    {
        Assert.Equal(
            $"--{name} permits inbound unencrypted external connections. Consider SSH tunnel or SSL proxy instead. Override with --confirm-external-bind",
            Fail(flag, value));
    }

    [Fact]
    public void Rpc_login_needs_a_user_name()
    {
        Assert.Equal("Username specified with --rpc-login cannot be empty", Fail("--rpc-login", ":password"));
    }

    [Fact]
    public void Missing_config_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"moneronet-missing-{Guid.NewGuid():N}.conf");
        Assert.Equal($"Can't find config file {path}", Fail("--config-file", path));
    }

    [Fact]
    public void Response_files_are_not_expanded()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "--testnet\n");
        try
        {
            Assert.Equal($"Failed to parse arguments: unexpected argument '@{file}'", Fail("@" + file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static readonly string[] FlagTokens =
    [
        "--testnet", "--stagenet", "--regtest", "--log-level", "--add-peer", "--in-peers", "--rpc-ssl",
        "--p2p-bind-port", "--data-dir", "--hide-my-port", "--help", "--", "-", "=", "--x",
    ];

    [Fact]
    public void Random_command_lines_never_throw_and_failures_are_single_lines()
    {
        var token = Gen.OneOf(
            Gen.Int[0, FlagTokens.Length - 1].Select(i => FlagTokens[i]),
            Gen.String[Gen.Char["-=:[]0123456789abc. "], 0, 12]);
        token.Array[0, 8].Sample(args =>
        {
            var result = NodeCommandLine.Parse(args, "/home/x", "/");
            if (result.Action == CommandLineAction.Fail)
                Assert.DoesNotContain('\n', result.Error!);
            else if (result.Action == CommandLineAction.Run)
                Assert.NotNull(result.Options);
        });
    }
}
