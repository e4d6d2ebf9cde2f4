namespace MoneroNet.Node.Tests.DaemonConsole;

/// <summary>
/// Argument parsing and the lines of the commands that change the node, against monerod 0.18's own console output for
/// the same command lines (TestData/console/monerod-commands.txt, captured from `monerod &lt;command&gt;` against a live
/// monerod), and the requests each sends.
/// </summary>
public sealed class ConsoleCommandSyntaxTests
{
    private static readonly Dictionary<string, string> Monerod = ReadCaptures();

    private static Dictionary<string, string> ReadCaptures()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "console", "monerod-commands.txt"));
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var block in text.Split("=== ", StringSplitOptions.RemoveEmptyEntries))
        {
            var newline = block.IndexOf('\n');
            blocks.TryAdd(block[..newline], block[(newline + 1)..]); // a line captured twice: the first
        }
        return blocks;
    }

    [Theory]
    [InlineData("ban 192.0.2.1 0")]
    [InlineData("ban")]
    [InlineData("in_peers x")]
    [InlineData("set_log 7")]
    [InlineData("print_pl a b c d")]
    [InlineData("print_pl foo")]
    [InlineData("limit x")]
    [InlineData("status x")]
    [InlineData("help print_pl")]
    [InlineData("help nonsense")]
    public async Task Bad_syntax_and_help_print_monerods_words_without_asking_the_node(string line)
    {
        var rpc = new FakeDaemonRpc(); // no answers: any request fails the test
        Assert.Equal(Monerod[line], await rpc.RunAsync(line));
        Assert.Empty(rpc.Requests);
    }

    [Theory]
    [InlineData("in_peers 5", "/in_peers", """{"in_peers":5,"status":"OK","untrusted":false}""")]
    [InlineData("out_peers 8", "/out_peers", """{"out_peers":8,"status":"OK","untrusted":false}""")]
    [InlineData("set_log 1", "/set_log_level", """{"status":"OK","untrusted":false}""")]
    [InlineData("set_log net.p2p:DEBUG,*:WARNING", "/set_log_categories", """{"categories":"net.p2p:DEBUG,*:WARNING","status":"OK","untrusted":false}""")]
    [InlineData("set_log 0", "/set_log_level", """{"status":"OK","untrusted":false}""")]
    [InlineData("limit 4096", "/set_limit", """{"limit_down":4096,"limit_up":4096,"status":"OK","untrusted":false}""")]
    [InlineData("limit_up", "/get_limit", """{"limit_down":4096,"limit_up":4096,"status":"OK","untrusted":false}""")]
    [InlineData("limit_down", "/get_limit", """{"limit_down":4096,"limit_up":4096,"status":"OK","untrusted":false}""")]
    [InlineData("banned 192.0.2.99", "banned", """{"banned":false,"seconds":0,"status":"OK","untrusted":false}""")]
    [InlineData("banned 192.0.2.7", "banned", """{"banned":true,"seconds":86396,"status":"OK","untrusted":false}""")]
    [InlineData("unban 192.0.2.7", "set_bans", """{"status":"OK","untrusted":false}""")]
    [InlineData("ban 192.0.2.7", "set_bans", """{"status":"OK","untrusted":false}""")]
    public async Task A_command_prints_monerods_lines_for_the_nodes_answer(string line, string target, string answer)
    {
        var rpc = new FakeDaemonRpc().Answer(target, answer);
        Assert.Equal(Monerod[line], await rpc.RunAsync(line));
        Assert.Equal(target, Assert.Single(rpc.Requests).Target);
    }

    [Fact]
    public async Task Peer_limits_send_set_and_the_number_and_read_without_one()
    {
        var rpc = new FakeDaemonRpc().Answer("/in_peers", """{"in_peers":4294967295,"status":"OK"}""");
        Assert.Equal("Max number of in peers set to unlimited\n\n", await rpc.RunAsync("in_peers"));
        Assert.False(rpc.Requests[0].Body.GetProperty("set").GetBoolean());
        await rpc.RunAsync("in_peers -1"); // std::stoi into a uint32_t, as monerod: -1 is unlimited
        Assert.True(rpc.Requests[1].Body.GetProperty("set").GetBoolean());
        Assert.Equal(uint.MaxValue, rpc.Requests[1].Body.GetProperty("in_peers").GetUInt32());
    }

    [Fact]
    public async Task Ban_sends_the_host_and_seconds_and_defaults_to_a_day()
    {
        var rpc = new FakeDaemonRpc().Answer("set_bans", """{"status":"OK"}""");
        Assert.Equal("", await rpc.RunAsync("ban 192.0.2.7"));
        Assert.Equal("", await rpc.RunAsync("ban 198.51.100.0/24 600"));
        var bans = rpc.Requests.Select(r => r.Body.GetProperty("bans")[0]).ToList();
        Assert.Equal(("192.0.2.7", true, 86400L), (bans[0].GetProperty("host").GetString(), bans[0].GetProperty("ban").GetBoolean(), bans[0].GetProperty("seconds").GetInt64()));
        Assert.Equal(("198.51.100.0/24", 600L), (bans[1].GetProperty("host").GetString(), bans[1].GetProperty("seconds").GetInt64()));
    }

    [Fact]
    public async Task Ban_from_a_file_bans_each_address_and_subnet_and_reports_the_rest_as_monerod()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "192.0.2.9\n198.51.100.0/24\nbogus\n");
            var rpc = new FakeDaemonRpc().Answer("set_bans", """{"status":"OK"}""");
            Assert.Equal(Monerod["ban @/tmp/cap/banlist 300"], await rpc.RunAsync($"ban @{file} 300"));
            Assert.Equal(["192.0.2.9", "198.51.100.0/24"],
                rpc.Requests.Select(r => r.Body.GetProperty("bans")[0].GetProperty("host").GetString()));
            Assert.All(rpc.Requests, r => Assert.Equal(300, r.Body.GetProperty("bans")[0].GetProperty("seconds").GetInt64()));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Unban_all_lifts_every_ban_get_bans_lists()
    {
        var rpc = new FakeDaemonRpc()
            .Answer("get_bans", """{"bans":[{"host":"192.0.2.7","ip":0,"seconds":10},{"host":"198.51.100.0/24","ip":0,"seconds":20}],"status":"OK"}""")
            .Answer("set_bans", """{"status":"OK"}""");
        Assert.Equal("", await rpc.RunAsync("unban all"));
        var unbans = rpc.Requests.Where(r => r.Target == "set_bans").Select(r => r.Body.GetProperty("bans")[0]).ToList();
        Assert.Equal(["192.0.2.7", "198.51.100.0/24"], unbans.Select(b => b.GetProperty("host").GetString()));
        Assert.All(unbans, b => Assert.False(b.GetProperty("ban").GetBoolean()));
    }

    [Fact]
    public async Task A_failed_call_prints_monerods_error_line_for_its_kind()
    {
        var rpc = new FakeDaemonRpc()
            .Answer("set_bans", """{"status":""}""")
            .Answer("/get_limit", """{"status":"Failed"}""");
        // monerod 0.18 has no "unban all": its set_bans failed with an empty status, the line a failed set_bans prints.
        Assert.Equal(Monerod["unban all"], await rpc.RunAsync("unban 192.0.2.7"));
        Assert.Equal("Error: Couldn't get limit-- rpc_request: Failed\n", await rpc.RunAsync("limit"));
        rpc.Unreachable = true;
        Assert.Equal("Error: Couldn't connect to daemon: 127.0.0.1:28081\n", await rpc.RunAsync("print_cn"));
    }

    [Fact]
    public async Task Print_pl_sends_include_blocked_and_filters_lists_and_limits_as_monerod()
    {
        const string list = """
            {"gray_list":[{"host":"192.0.2.3","id":3,"port":28080,"last_seen":0,"pruning_seed":385}],
             "white_list":[{"host":"192.0.2.1","id":1,"port":28080,"last_seen":1796319990,"rpc_port":28081},
                           {"host":"192.0.2.2","id":2,"port":28080,"last_seen":1796319000}],
             "status":"OK"}
            """;
        var rpc = new FakeDaemonRpc().Answer("/get_peer_list", list);
        var all = await rpc.RunAsync("print_pl", now: 1796320000);
        Assert.True(rpc.Requests[0].Body.GetProperty("include_blocked").GetBoolean());
        Assert.Equal(
            "white      0000000000000001          192.0.2.1:28080           28081 -     0    d0.h0.m0.s10\n"
            + "white      0000000000000002          192.0.2.2:28080           -     -     0    d0.h0.m16.s40\n"
            + "gray       0000000000000003          192.0.2.3:28080           -     -     181  never\n", all);
        Assert.Equal(2, (await rpc.RunAsync("print_pl white")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("white      0000000000000001", await rpc.RunAsync("print_pl white 1"));
        Assert.StartsWith("gray ", await rpc.RunAsync("print_pl pruned"));
        Assert.StartsWith("white      0000000000000001", await rpc.RunAsync("print_pl publicrpc"));
    }

    [Fact]
    public async Task Help_lists_every_command_in_monerods_layout()
    {
        var help = await new FakeDaemonRpc().RunAsync("help");
        Assert.StartsWith("MoneroNet 'Genesis' (v", help);
        Assert.Contains("\nCommands: \n  ban [<IP>|@<filename>] [<seconds>]\n  banned <address>\n  bans\n", help);
        foreach (var name in new[] { "print_cn", "print_pl", "print_pl_stats", "print_net_stats", "status", "sync_info", "in_peers", "out_peers", "limit", "limit_up", "limit_down", "set_log", "version", "exit", "unban" })
            Assert.Contains("\n  " + name, help);
        Assert.EndsWith("\n  version\n  \n", help); // monerod's trailing indented empty line and std::endl
    }

    [Theory]
    [InlineData("0.18.0.0-unknown", false)] // what monerod 0.18.0.0 reports, and its client rejects
    [InlineData("0.18.3.1-release", true)]
    [InlineData("0.18.3.1-0123abcde", true)]
    [InlineData("0.1.0", false)] // MoneroNet's: monerod's client calls it unavailable, and so does ours
    [InlineData("", false)]
    public void Version_strings_are_checked_as_monerods_client_checks_them(string version, bool valid) =>
        Assert.Equal(valid, MoneroNet.Node.DaemonConsole.ConsoleCommands.IsMonerodVersion(version));

    [Fact]
    public async Task Version_prints_the_nodes_version_or_monerods_error()
    {
        Assert.Equal("0.18.3.1-release\n", await new FakeDaemonRpc().Answer("/getinfo", """{"version":"0.18.3.1-release","status":"OK"}""").RunAsync("version"));
        Assert.Equal("Error: The daemon software version is not available.\n",
            await new FakeDaemonRpc().Answer("/getinfo", """{"version":"0.18.0.0-unknown","status":"OK"}""").RunAsync("version"));
    }

    [Theory]
    [InlineData("5", 5L)]
    [InlineData("  -12x", -12L)]
    [InlineData("+7", 7L)]
    [InlineData("x5", null)]
    [InlineData("", null)]
    [InlineData("99999999999", null)]
    public void StoInt_reads_as_std_stoi(string text, long? expected) =>
        Assert.Equal(expected, MoneroNet.Node.DaemonConsole.ConsoleCommands.StoInt(text, int.MinValue, int.MaxValue));

}
