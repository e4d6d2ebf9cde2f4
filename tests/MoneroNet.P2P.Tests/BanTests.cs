using System.Net;
using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;
using Microsoft.Extensions.Time.Testing;

namespace MoneroNet.P2P.Tests;

/// <summary>Bans (docs/PROTOCOL.md §4): drop at once, refuse at accept and dial, expiry, subnets, fail-score auto-bans.</summary>
public class BanTests
{
    private const int IncomingRefusedEvent = 1004;
    private const int DialSkippedEvent = 1006;

    [Fact]
    public async Task A_ban_drops_the_hosts_connections_at_once_and_refuses_it_afterwards()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        var bad = Loopback.Next();
        var good = Loopback.Next();
        await using var victim = await node.ConnectRawAsync(bad);
        await victim.HandshakeAsync();
        await using var bystander = await node.ConnectRawAsync(good);
        await bystander.HandshakeAsync();

        node.Node.Bans.Ban(bad, null);
        Assert.True(await victim.WaitClosedAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(nameof(DisconnectReason.Banned), await node.CloseReasonOfAsync(victim.NameAtNode));
        var entry = Assert.Single(node.Node.Bans.Snapshot());
        Assert.Equal(bad.ToString(), entry.Host);
        Assert.False(entry.IsSubnet);
        Assert.Null(entry.SecondsRemaining);

        await using var retry = await node.ConnectRawAsync(bad);
        Assert.True(await retry.WaitClosedAsync(TimeSpan.FromSeconds(2)), "a banned host is closed right after accept");
        Assert.Contains(node.Log.Entries, e => e.EventId == IncomingRefusedEvent && e.Field("Peer") == retry.NameAtNode);
        await bystander.PingAsync();
        Assert.False(bystander.IsClosed);
    }

    [Fact]
    public async Task A_banned_host_is_not_dialled()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        await using var other = await TestNode.StartOnOwnHostAsync();
        node.Node.Bans.Ban(other.EndPoint.Address, TimeSpan.FromMinutes(1));

        Assert.Null(await node.Node.ConnectAsync(other.EndPoint));
        // Refused before any socket exists (the skip is logged on the caller's path), so nothing can reach the other node later.
        Assert.Contains(node.Log.Entries, e => e.EventId == DialSkippedEvent && e.Message.Contains("host is banned", StringComparison.Ordinal));
        Assert.Equal(0, other.Node.Connections.Count);

        Assert.True(node.Node.Bans.Unban(other.EndPoint.Address));
        Assert.False(node.Node.Bans.Unban(other.EndPoint.Address));
        Assert.NotNull(await node.Node.ConnectAsync(other.EndPoint));
    }

    [Fact]
    public async Task A_ban_expires()
    {
        var time = new FakeTimeProvider();
        await using var node = await TestNode.StartOnFakeClockAsync(time);
        var host = Loopback.Next();
        node.Node.Bans.Ban(host, TimeSpan.FromSeconds(2));
        Assert.True(node.Node.Bans.IsBanned(host, out var left));
        Assert.InRange(left!.Value, 1, 2);
        Assert.InRange(Assert.Single(node.Node.Bans.Snapshot()).SecondsRemaining!.Value, 1, 2);

        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.True(node.Node.Bans.IsBanned(host, out _));
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False(node.Node.Bans.IsBanned(host, out _));
        Assert.Empty(node.Node.Bans.Snapshot());
        await using var peer = await node.ConnectRawAsync(host);
        await peer.HandshakeAsync();
    }

    [Fact]
    public async Task An_IPv4_subnet_ban_covers_its_hosts_only()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        await using var inside = await node.ConnectRawAsync(IPAddress.Parse("127.77.1.2"));
        await inside.HandshakeAsync();

        node.Node.Bans.Ban(IPNetwork.Parse("127.77.0.0/16"), TimeSpan.FromMinutes(10));
        Assert.True(await inside.WaitClosedAsync(TimeSpan.FromSeconds(2)));
        Assert.True(node.Node.Bans.IsBanned(IPAddress.Parse("127.77.200.9"), out var left));
        Assert.InRange(left!.Value, 595, 600);

        await using var alsoInside = await node.ConnectRawAsync(IPAddress.Parse("127.77.3.4"));
        Assert.True(await alsoInside.WaitClosedAsync(TimeSpan.FromSeconds(2)));
        await using var outside = await node.ConnectRawAsync(IPAddress.Parse("127.78.0.1"));
        await outside.HandshakeAsync();
        Assert.False(outside.IsClosed);

        Assert.True(node.Node.Bans.Unban(IPNetwork.Parse("127.77.0.0/16")));
        Assert.False(node.Node.Bans.IsBanned(IPAddress.Parse("127.77.200.9"), out _));
    }

    [Fact]
    public async Task IPv6_hosts_and_subnets_are_banned_on_an_IPv6_listener()
    {
        await using var node = await TestNode.StartOnOwnHostAsync(o => o with { BindAddressV6 = IPAddress.IPv6Loopback, PortV6 = 0 });
        var v6 = node.Node.ListenEndPoints[1];
        await using var peer = await RawPeer.ConnectAsync(v6, NetworkType.Testnet);
        await peer.HandshakeAsync();

        node.Node.Bans.Ban(IPNetwork.Parse("::/127"), null); // ::0 and ::1
        Assert.True(await peer.WaitClosedAsync(TimeSpan.FromSeconds(2)));
        await using var refused = await RawPeer.ConnectAsync(v6, NetworkType.Testnet);
        Assert.True(await refused.WaitClosedAsync(TimeSpan.FromSeconds(2)));

        var b = node.Node.Bans;
        b.Ban(IPNetwork.Parse("2001:db8::/32"), TimeSpan.FromHours(1));
        b.Ban(IPAddress.Parse("2001:db9::1"), null);
        Assert.True(b.IsBanned(IPAddress.Parse("2001:db8:ffff::5"), out _));
        Assert.True(b.IsBanned(IPAddress.Parse("2001:db9::1"), out var forever));
        Assert.Null(forever);
        Assert.False(b.IsBanned(IPAddress.Parse("2001:db9::2"), out _));
        // An IPv4 client on a dual-stack socket appears as ::ffff:a.b.c.d; it is the IPv4 host that counts.
        b.Ban(IPAddress.Parse("198.51.100.1"), null);
        Assert.True(b.IsBanned(IPAddress.Parse("::ffff:198.51.100.1"), out _));
    }

    [Fact]
    public async Task Snapshot_lists_hosts_by_host_string_then_subnets()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        var b = node.Node.Bans;
        b.Ban(IPNetwork.Parse("10.0.0.0/8"), null);
        b.Ban(IPAddress.Parse("9.9.9.9"), TimeSpan.FromMinutes(1));
        b.Ban(IPAddress.Parse("10.1.1.1"), null);
        b.Ban(IPAddress.Parse("2001:db8::1"), null);
        b.Ban(IPNetwork.Parse("2001:db8::/32"), null);
        b.Ban(IPNetwork.Parse("1.2.0.0/16"), null);

        Assert.Equal(["10.1.1.1", "2001:db8::1", "9.9.9.9", "1.2.0.0/16", "10.0.0.0/8", "2001:db8::/32"],
            b.Snapshot().Select(e => e.Host));
        Assert.Equal([false, false, false, true, true, true], b.Snapshot().Select(e => e.IsSubnet));
    }

    [Fact]
    public async Task Repeated_wrong_network_handshakes_get_the_host_banned_for_a_day()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        var offender = Loopback.Next();

        // +1 per wrong-network handshake; the 11th takes the score above 10.
        for (int i = 1; i <= 11; i++)
        {
            await using var peer = await RawPeer.ConnectAsync(node.EndPoint, NetworkType.Mainnet, offender);
            await peer.SendRequestAsync(P2PCommands.Handshake, peer.HandshakeRequest().ToSection());
            Assert.True(await peer.WaitClosedAsync(TimeSpan.FromSeconds(2)), $"attempt {i} closed");
            if (i < 11)
            {
                await Poll.UntilAsync(() => node.Node.AddressBook.FailScoreOf(offender) == i, $"score {i}");
                Assert.False(node.Node.Bans.IsBanned(offender, out _));
            }
        }

        await Poll.UntilAsync(() => node.Node.Bans.IsBanned(offender, out _), "auto-ban");
        Assert.True(node.Node.Bans.IsBanned(offender, out var left));
        Assert.InRange(left!.Value, 86_395, 86_400);
        Assert.Equal(5, node.Node.AddressBook.FailScoreOf(offender));
        await using var refused = await RawPeer.ConnectAsync(node.EndPoint, NetworkType.Testnet, offender);
        Assert.True(await refused.WaitClosedAsync(TimeSpan.FromSeconds(2)));
        // Another host is unaffected.
        await using var fine = await node.ConnectRawAsync(Loopback.Next());
        await fine.HandshakeAsync();
    }

    [Fact]
    public async Task A_handshake_request_on_a_connection_we_dialled_costs_a_fail_point()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        var host = Loopback.Next();
        using var listener = new System.Net.Sockets.TcpListener(host, 0);
        listener.Start();
        var accept = listener.AcceptSocketAsync();
        var outgoing = (await node.Node.ConnectAsync((IPEndPoint)listener.LocalEndpoint))!;
        await using var remote = RawPeer.FromAccepted(await accept, NetworkType.Testnet);
        await remote.SendRequestAsync(P2PCommands.Handshake, remote.HandshakeRequest().ToSection());
        Assert.True(await remote.WaitClosedAsync());
        Assert.Equal(DisconnectReason.UnexpectedHandshake, outgoing.CloseReason);
        await Poll.UntilAsync(() => node.Node.AddressBook.FailScoreOf(host) == 1, "one fail point");
    }
}
