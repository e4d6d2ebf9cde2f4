using MoneroNet.Node.DaemonConsole;

namespace MoneroNet.Node.Tests.DaemonConsole;

public sealed class ConsoleClientCommandTests
{
    [Theory]
    [InlineData(true, "print_cn")]
    [InlineData(true, "--testnet", "--rpc-bind-port", "28081", "ban", "192.0.2.7", "600")]
    [InlineData(true, "--rpc-bind-ip=127.0.0.1", "--rpc-login", "u:p", "status")]
    [InlineData(false, "--log-level", "status")] // a node flag's value is never a command
    [InlineData(false, "--data-dir", "bans")]
    [InlineData(false, "--testnet")]
    [InlineData(false, "netinfo")]
    [InlineData(false, "no_such_command")]
    public void Only_rpc_flags_then_a_command_name_are_the_client_form(bool matches, params string[] args) =>
        Assert.Equal(matches, ConsoleClientCommand.Matches(args));

    [Fact]
    public void The_rpc_flags_may_come_after_the_command_and_follow_the_network()
    {
        var (words, flags, error) = ConsoleClientCommand.Split(["in_peers", "5", "--stagenet", "--rpc-bind-ip=0.0.0.0"]);
        Assert.Null(error);
        Assert.Equal(["in_peers", "5"], words);
        Assert.Equal("127.0.0.1:38081", flags.Resolve().EndPoint!.ToString());
    }

    [Fact]
    public void Help_lists_the_subcommands()
    {
        var help = MoneroNet.Node.CommandLine.NodeCommandLine.HelpText;
        Assert.Contains("moneronet netinfo [0-4]", help);
        Assert.Contains("moneronet levin-decode", help);
        foreach (var name in ConsoleCommands.All.Keys)
            Assert.Contains(" " + name, help);
    }
}
