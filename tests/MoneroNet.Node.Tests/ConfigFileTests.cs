using System.Net;
using MoneroNet.Node.CommandLine;

namespace MoneroNet.Node.Tests;

/// <summary>--config-file and the default bitmonero.conf: monerod's option=value format, the command line wins.</summary>
public sealed class ConfigFileTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("moneronet-config-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private string Write(string text, string name = "node.conf")
    {
        var path = Path.Combine(_home, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private CommandLineResult Parse(params string[] args) => NodeCommandLine.Parse(args, _home, _home);

    private NodeOptions Options(params string[] args)
    {
        var result = Parse(args);
        Assert.True(result.Action == CommandLineAction.Run, result.Error);
        return result.Options!;
    }

    [Fact]
    public void Settings_switches_comments_blank_lines_and_repeated_options_are_read()
    {
        var path = Write("""
            # a node for tests
            testnet=1

              rpc-bind-port = 40123   # trailing comment
            restricted-rpc=true
            no-igd=0
            add-exclusive-node=127.0.0.1:40001
            add-exclusive-node=[::1]:40002
            rpc-login=alice:pa=ss word
            rpc-ssl=disabled
            """);

        var options = Options("--config-file", path);

        Assert.Equal(MoneroNet.Wire.NetworkType.Testnet, options.Network);
        Assert.Equal(40123, options.RpcBindPort);
        Assert.True(options.RestrictedRpc);
        Assert.False(options.NoIgd);
        Assert.Equal(["127.0.0.1:40001", "[::1]:40002"], options.ExclusiveNodes.Select(p => p.ToString()));
        Assert.Equal("alice:pa=ss word", options.RpcLogin);
        Assert.Equal(RpcSslMode.Disabled, options.RpcSsl);
        Assert.Equal(path, options.ConfigFile);
    }

    [Fact]
    public void The_command_line_overrides_the_file_option_by_option()
    {
        var path = Write("rpc-bind-port=40123\nout-peers=3\nadd-peer=127.0.0.1:40001\nadd-peer=127.0.0.1:40002\n");

        var options = Options("--config-file", path, "--rpc-bind-port", "40200", "--add-peer", "127.0.0.1:40003");

        Assert.Equal(40200, options.RpcBindPort);
        Assert.Equal(3, options.OutPeers);
        Assert.Equal(["127.0.0.1:40003"], options.Peers.Select(p => p.ToString()));
    }

    [Fact]
    public void The_default_file_is_bitmonero_conf_in_the_default_data_dir_of_the_network()
    {
        Write("rpc-bind-port=40111\n", Path.Combine(".bitmonero", "bitmonero.conf"));
        Write("rpc-bind-port=40222\n", Path.Combine(".bitmonero", "testnet", "bitmonero.conf"));

        Assert.Equal(40111, Options().RpcBindPort);
        Assert.Equal(40222, Options("--testnet").RpcBindPort);
        Assert.Equal(Path.Combine(_home, ".bitmonero", "testnet", "bitmonero.conf"), Options("--testnet").ConfigFile);
        Assert.Equal(38081, Options("--stagenet").RpcBindPort); // no stagenet file: defaults, no error
        Assert.Null(Options("--stagenet").ConfigFile);
    }

    [Fact]
    public void A_default_file_is_not_looked_for_in_data_dir_as_monerod()
    {
        Write("rpc-bind-port=40333\n", Path.Combine("elsewhere", "bitmonero.conf"));

        Assert.Equal(18081, Options("--data-dir", Path.Combine(_home, "elsewhere")).RpcBindPort);
    }

    [Theory]
    [InlineData("no-such-option=1\n", "Error parsing config file: unrecognised option 'no-such-option'")]
    [InlineData("config-file=/etc/other.conf\n", "Error parsing config file: unrecognised option 'config-file'")]
    [InlineData("help=1\n", "Error parsing config file: unrecognised option 'help'")]
    [InlineData("testnet\n", "Error parsing config file: the options configuration file contains an invalid line 'testnet'")]
    [InlineData("rpc-bind-port=70000\n", "Error parsing config file: the argument ('70000') for option '--rpc-bind-port' is invalid: expected a port number 0..65535")]
    [InlineData("rpc-bind-port=1\nrpc-bind-port=2\n", "Error parsing config file: option '--rpc-bind-port' cannot be specified more than once")]
    [InlineData("testnet=maybe\n", "Error parsing config file: the argument ('maybe') for option 'testnet' is invalid (line 1)")]
    public void A_bad_file_is_one_clear_error_line(string text, string error)
    {
        var path = Write(text);

        var result = Parse("--config-file", path);

        Assert.Equal(CommandLineAction.Fail, result.Action);
        Assert.Equal(error, result.Error);
        Assert.DoesNotContain('\n', result.Error!);
    }

    [Fact]
    public void A_nul_character_is_an_error_line_not_an_exception()
    {
        // Found by `fuzz/run config-file`: "ban-list=\0a" made Path.GetFullPath throw out of NodeCommandLine.Parse.
        var input = Path.Combine(AppContext.BaseDirectory, "TestData", "fuzz", "config-file", "nul_in_ban_list_value.conf");
        var path = Path.Combine(_home, "fuzzed.conf");
        File.Copy(input, path);
        Assert.Contains((byte)0, File.ReadAllBytes(path));

        var result = Parse("--config-file", path);

        Assert.Equal(CommandLineAction.Fail, result.Action);
        Assert.Equal("Error parsing config file: the options configuration file contains a NUL character on line 7", result.Error);
    }

    [Fact]
    public void An_explicit_missing_file_is_an_error()
    {
        var path = Path.Combine(_home, "missing.conf");

        Assert.Equal($"Can't find config file {path}", Parse("--config-file", path).Error);
    }

    [Fact]
    public void Semantic_checks_apply_to_file_settings()
    {
        var external = Write("rpc-bind-ip=10.1.2.3\n");
        var confirmed = Write("rpc-bind-ip=10.1.2.3\nconfirm-external-bind=1\n", "confirmed.conf");

        Assert.StartsWith("--rpc-bind-ip permits inbound unencrypted external connections", Parse("--config-file", external).Error);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), Options("--config-file", confirmed).RpcBindIp);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), Options("--config-file", external, "--confirm-external-bind").RpcBindIp);
    }

    [Fact]
    public void The_restricted_server_may_bind_externally_without_confirmation_as_in_monerod()
    {
        var path = Write("rpc-restricted-bind-ip=0.0.0.0\nrpc-restricted-bind-port=40444\nrpc-restricted-bind-ipv6-address=::\nrpc-use-ipv6=1\n");

        var options = Options("--config-file", path);

        Assert.Equal(IPAddress.Any, options.RpcRestrictedBindIp);
        Assert.Equal(IPAddress.IPv6Any, options.RpcRestrictedBindIpv6Address);
        Assert.True(options.RpcUseIpv6);
        Assert.Equal((ushort)40444, options.RpcRestrictedBindPort);
    }

    [Fact]
    public void Sections_prefix_names_and_are_therefore_unknown_options()
    {
        var path = Write("[rpc]\nbind-port=1\n");

        Assert.Equal("Error parsing config file: unrecognised option 'rpc.bind-port'", Parse("--config-file", path).Error);
    }
}
