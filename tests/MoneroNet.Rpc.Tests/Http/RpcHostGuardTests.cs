using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using MoneroNet.Rpc.Http;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Http;

/// <summary>
/// monerod's RPC fail scores and ban filter (docs/PROTOCOL.md §7.8) without sockets: the fourth failure bans for
/// 86 400 s and leaves score 1, bans refuse until they expire on the node's clock, --disable-rpc-ban stops scoring but
/// not refusing, and 127.0.0.1 / ::1 are exempt.
/// </summary>
public sealed class RpcHostGuardTests
{
    private static readonly IPAddress Host = IPAddress.Parse("127.0.0.70");

    private static (RpcHostGuard Guard, FakeNodeQuery Node, FakeNodeControl Control) Create(bool disableRpcBan = false)
    {
        var node = new FakeNodeQuery();
        var control = new FakeNodeControl(node);
        return (new RpcHostGuard(node, control, disableRpcBan, NullLogger.Instance), node, control);
    }

    [Fact]
    public void The_fourth_failure_bans_the_host_for_a_day_and_leaves_score_one()
    {
        var (guard, _, control) = Create();
        for (int i = 1; i <= RpcHostGuard.FailsBeforeBlock; i++)
        {
            Assert.True(guard.AddHostFail(Host));
            Assert.Equal(i, guard.ScoreOf(Host));
            Assert.False(guard.IsRefused(Host));
        }

        Assert.Empty(control.Calls);
        Assert.True(guard.AddHostFail(Host));
        Assert.Equal(["ban 127.0.0.70 86400"], control.Calls);
        Assert.Equal([RpcHostGuard.AutoBanReason], control.AutoBanReasons); // extended get_bans: "auto:rpc_fail_score"
        Assert.Equal(1, guard.ScoreOf(Host));
        Assert.True(guard.IsRefused(Host));
    }

    [Fact]
    public void After_a_ban_three_more_failures_ban_again()
    {
        var (guard, node, control) = Create();
        for (int i = 0; i < 4; i++) guard.AddHostFail(Host);
        control.Unban(Host);
        control.Calls.Clear();

        guard.AddHostFail(Host);
        guard.AddHostFail(Host);
        Assert.Empty(control.Calls);
        Assert.Equal(3, guard.ScoreOf(Host));
        guard.AddHostFail(Host);
        Assert.Equal(["ban 127.0.0.70 86400"], control.Calls);
        Assert.True(node.IsBanned(Host, out long left));
        Assert.Equal(86400, left);
    }

    [Fact]
    public void A_bigger_score_counts_at_once()
    {
        var (guard, _, control) = Create();
        guard.AddHostFail(Host, 3);
        Assert.Empty(control.Calls);
        guard.AddHostFail(Host, 1);
        Assert.Single(control.Calls);
    }

    [Fact]
    public void Scores_are_per_address_and_an_ipv4_mapped_address_is_its_ipv4_host()
    {
        var (guard, _, control) = Create();
        var other = IPAddress.Parse("127.0.0.71");
        guard.AddHostFail(Host);
        guard.AddHostFail(Host.MapToIPv6());
        guard.AddHostFail(other);
        Assert.Equal(2, guard.ScoreOf(Host));
        Assert.Equal(1, guard.ScoreOf(other));
        guard.AddHostFail(Host.MapToIPv6());
        guard.AddHostFail(Host);
        Assert.Equal(["ban 127.0.0.70 86400"], control.Calls);
        Assert.True(guard.IsRefused(Host.MapToIPv6()));
        Assert.False(guard.IsRefused(other));
    }

    [Fact]
    public void A_ban_refuses_until_it_expires_on_the_nodes_clock()
    {
        var (guard, node, control) = Create();
        control.Ban(Host, TimeSpan.FromSeconds(600));
        Assert.True(guard.IsRefused(Host));
        node.Now += 599;
        Assert.True(guard.IsRefused(Host));
        node.Now += 1;
        Assert.False(guard.IsRefused(Host));
    }

    [Fact]
    public void A_subnet_ban_refuses_the_hosts_inside_it()
    {
        var (guard, _, control) = Create();
        control.Ban(IPNetwork.Parse("127.0.1.0/24"), TimeSpan.FromSeconds(600));
        Assert.True(guard.IsRefused(IPAddress.Parse("127.0.1.9")));
        Assert.False(guard.IsRefused(IPAddress.Parse("127.0.2.9")));
    }

    [Fact]
    public void Disable_rpc_ban_stops_scoring_but_banned_hosts_are_still_refused()
    {
        var (guard, _, control) = Create(disableRpcBan: true);
        for (int i = 0; i < 10; i++) Assert.False(guard.AddHostFail(Host));
        Assert.Equal(0, guard.ScoreOf(Host));
        Assert.Empty(control.Calls);
        Assert.False(guard.IsRefused(Host));

        control.Ban(Host, TimeSpan.FromSeconds(600));
        Assert.True(guard.IsRefused(Host));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void The_hosts_own_loopback_addresses_are_never_scored_nor_refused(string address)
    {
        var (guard, _, control) = Create();
        var ip = IPAddress.Parse(address);
        for (int i = 0; i < 10; i++) Assert.False(guard.AddHostFail(ip));
        Assert.Empty(control.Calls);
        Assert.Equal(0, guard.ScoreOf(ip));

        // Banned for P2P (e.g. to cut a local monerod): the operator's RPC still answers.
        control.Ban(ip, TimeSpan.FromSeconds(600));
        Assert.False(guard.IsRefused(ip));

        // Any other loopback address is an ordinary host.
        var ordinary = IPAddress.Parse("127.0.0.2");
        control.Ban(ordinary, TimeSpan.FromSeconds(600));
        Assert.True(guard.IsRefused(ordinary));
    }

    [Fact]
    public void Without_node_control_nothing_is_scored_and_without_a_ban_list_nobody_is_refused()
    {
        var guard = new RpcHostGuard(null, null, disableRpcBan: false, NullLogger.Instance);
        Assert.False(guard.AddHostFail(Host));
        Assert.Equal(0, guard.ScoredHosts);
        Assert.False(guard.IsRefused(Host));
    }

    [Fact]
    public void The_score_table_forgets_the_longest_untouched_host_past_its_bound()
    {
        var (guard, _, _) = Create();
        var first = IPAddress.Parse("10.0.0.0");
        guard.AddHostFail(first);
        for (int i = 1; i <= RpcHostGuard.MaxHosts; i++)
        {
            guard.AddHostFail(new IPAddress([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]));
        }

        Assert.Equal(RpcHostGuard.MaxHosts, guard.ScoredHosts);
        Assert.Equal(0, guard.ScoreOf(first));
        Assert.Equal(1, guard.ScoreOf(new IPAddress([10, 0, 0, 1])));
    }
}
