using System.Net;
using MoneroNet.P2P.Bans;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>--ban-list: parsing (comments, bad lines), a missing file at start, reload replacing only the file's bans.</summary>
public sealed class BanListFileTests : IDisposable
{
    private const int LineSkippedEvent = 3006;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "moneronet-bans-" + Guid.NewGuid().ToString("N"));

    public BanListFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Parses_hosts_and_subnets_skipping_comments_blank_and_bad_lines()
    {
        const string text = """
            # operator's list
            1.2.3.4
              5.6.7.8   # trailing comment
            2001:db8::1

            10.0.0.0/8
            192.168.7.9/24
            2001:db8:1::/48
            not-an-ip
            1.2.3
            300.1.1.1
            10.0.0.0/33
            ::1/129
            1.2.3.4/x
            [::1]
            """;
        var content = BanListFile.Parse(text.Replace("\r", ""));

        Assert.Equal(["1.2.3.4", "5.6.7.8", "2001:db8::1"], content.Hosts.Select(h => h.ToString()));
        Assert.Equal(["10.0.0.0/8", "192.168.7.0/24", "2001:db8:1::/48"], content.Subnets.Select(s => s.ToString()));
        Assert.Equal([9, 10, 11, 12, 13, 14, 15], content.Errors.Select(e => e.Line));
        Assert.Equal("not-an-ip", content.Errors[0].Text);
    }

    [Fact]
    public void Windows_line_endings_and_an_empty_file_are_fine()
    {
        Assert.Equal(["1.2.3.4", "5.6.7.8"], BanListFile.Parse("1.2.3.4\r\n5.6.7.8\r\n").Hosts.Select(h => h.ToString()));
        var empty = BanListFile.Parse("");
        Assert.Empty(empty.Hosts);
        Assert.Empty(empty.Subnets);
        Assert.Empty(empty.Errors);
    }

    [Fact]
    public async Task A_missing_file_fails_the_start_with_a_clear_error()
    {
        string path = Path.Combine(_dir, "nope.txt");
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => TestNode.StartAsync(configure: o => o with { BanListFile = path }));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public async Task File_bans_apply_at_start_for_ever_and_bad_lines_are_logged()
    {
        var banned = Loopback.Next();
        string path = Path.Combine(_dir, "bans.txt");
        await File.WriteAllTextAsync(path, $"# test\n{banned}\nbogus\n127.88.0.0/16\n");
        await using var node = await TestNode.StartOnOwnHostAsync(o => o with { BanListFile = path });

        Assert.True(node.Node.Bans.IsBanned(banned, out var left));
        Assert.Null(left);
        Assert.True(node.Node.Bans.IsBanned(IPAddress.Parse("127.88.4.4"), out _));
        var skipped = Assert.Single(node.Log.Entries, e => e.EventId == LineSkippedEvent);
        Assert.Equal("3", skipped.Field("Line"));
        await using var refused = await node.ConnectRawAsync(banned);
        Assert.True(await refused.WaitClosedAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Reload_replaces_the_file_bans_and_keeps_the_rpc_bans()
    {
        var first = Loopback.Next();
        var second = Loopback.Next();
        var rpcBanned = Loopback.Next();
        string path = Path.Combine(_dir, "bans.txt");
        await File.WriteAllTextAsync(path, $"{first}\n");
        await using var node = await TestNode.StartOnOwnHostAsync(o => o with { BanListFile = path });
        node.Node.Bans.Ban(rpcBanned, TimeSpan.FromHours(1));
        await using var connected = await node.ConnectRawAsync(second);
        await connected.HandshakeAsync();

        await File.WriteAllTextAsync(path, $"{second}\n2001:db8::/32\n");
        var reload = await node.Node.ReloadBanListAsync();
        Assert.Equal(new BanListReload(path, 1, 1, null), reload);
        Assert.True(reload.Reloaded);

        Assert.False(node.Node.Bans.IsBanned(first, out _));
        Assert.True(node.Node.Bans.IsBanned(second, out _));
        Assert.True(node.Node.Bans.IsBanned(IPAddress.Parse("2001:db8::99"), out _));
        Assert.True(node.Node.Bans.IsBanned(rpcBanned, out var left));
        Assert.NotNull(left);
        Assert.True(await connected.WaitClosedAsync(TimeSpan.FromSeconds(2)), "a newly banned host is dropped on reload");
        Assert.Equal(nameof(DisconnectReason.Banned), await node.CloseReasonOfAsync(connected.NameAtNode));

        // A reload that cannot read the file keeps what there is, and says why.
        File.Delete(path);
        var missing = await node.Node.ReloadBanListAsync();
        Assert.False(missing.Reloaded);
        Assert.Contains("not found", missing.Error, StringComparison.Ordinal);
        Assert.True(node.Node.Bans.IsBanned(second, out _));
    }

    [Fact]
    public async Task A_fifo_in_place_of_the_ban_list_is_refused_at_once_instead_of_blocking_the_reload()
    {
        string path = Path.Combine(_dir, "bans.txt");
        await File.WriteAllTextAsync(path, $"{Loopback.Next()}\n");
        await using var node = await TestNode.StartOnOwnHostAsync(o => o with { BanListFile = path });
        File.Delete(path);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // No writer ever opens the FIFO: a blocking open would never return.
        var reload = await node.Node.ReloadBanListAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(reload.Reloaded);
        Assert.Contains("not a regular file", reload.Error, StringComparison.Ordinal);
        Assert.Single(node.Node.Bans.Snapshot());
    }

    [Fact]
    public async Task Without_a_ban_list_file_a_reload_reports_that_none_is_configured()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        var reload = await node.Node.ReloadBanListAsync();
        Assert.Null(reload.Path);
        Assert.False(reload.Reloaded);
    }
}
