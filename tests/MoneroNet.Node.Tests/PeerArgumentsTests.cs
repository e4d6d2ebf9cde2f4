using System.Net;
using CsCheck;
using MoneroNet.Node.CommandLine;

namespace MoneroNet.Node.Tests;

/// <summary>--add-peer / --add-priority-node / --add-exclusive-node: monerod's HOST[:PORT] and [IPV6]:PORT syntax.</summary>
public sealed class PeerArgumentsTests
{
    [Fact]
    public void Peer_flags_repeat_and_keep_their_order()
    {
        var options = NodeCommandLine.Parse(
        [
            "--testnet",
            "--add-exclusive-node", "127.0.0.1:28080", "--add-exclusive-node=127.0.0.2:28090",
            "--add-priority-node", "127.0.0.3:1", "--add-peer", "127.0.0.4:2", "--add-priority-node", "127.0.0.5:3",
        ]).Options!;

        Assert.Equal(["127.0.0.1:28080", "127.0.0.2:28090"], options.ExclusiveNodes.Select(p => p.ToString()));
        Assert.Equal(["127.0.0.3:1", "127.0.0.5:3"], options.PriorityNodes.Select(p => p.ToString()));
        Assert.Equal(["127.0.0.4:2"], options.Peers.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("[::1]:28080", "::1", 28080)]
    [InlineData("[2001:db8::7]:9", "2001:db8::7", 9)]
    [InlineData("[::1]", "::1", 28080)]
    [InlineData("::1", "::1", 28080)]
    [InlineData("fe80::1:2", "fe80::1:2", 28080)]
    [InlineData("[::ffff:127.0.0.1]:5", "127.0.0.1", 5)] // IPv4-mapped is reduced to IPv4, as monerod does
    [InlineData("127.0.0.1", "127.0.0.1", 28080)]      // no port: the network's P2P port
    [InlineData("127.0.0.1:65535", "127.0.0.1", 65535)]
    public void Literal_peers(string text, string ip, int port)
    {
        var peer = Assert.Single(NodeCommandLine.Parse(["--testnet", "--add-exclusive-node", text]).Options!.ExclusiveNodes);

        Assert.Equal(IPAddress.Parse(ip), peer.Address);
        Assert.Equal(port, peer.Port);
    }

    [Theory]
    [InlineData("localhost", "localhost", 18080)]
    [InlineData("node-1.example.org:18089", "node-1.example.org", 18089)]
    public void Host_names_are_kept_for_the_p2p_layer_to_resolve(string text, string host, int port)
    {
        var peer = Assert.Single(NodeCommandLine.Parse(["--add-peer", text]).Options!.Peers);

        Assert.Equal(host, peer.Host);
        Assert.Null(peer.Address);
        Assert.Equal(port, peer.Port);
    }

    [Theory]
    [InlineData("127.0.0.1:")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:-1")]
    [InlineData("127.0.0.1:80x")]
    [InlineData("[::1]:")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData("[127.0.0.1]:80")]
    [InlineData("[]:80")]
    [InlineData(":80")]
    [InlineData("127.1:80")]
    [InlineData("300.1.1.1:80")]
    [InlineData("bad_host:80")]
    [InlineData("host-.example:80")]
    [InlineData("abcdefghijklmnopqrstuvwxyz.onion:80")]
    [InlineData("fe80::1%eth0")]
    [InlineData("")]
    public void Malformed_peers_are_one_line_errors(string text)
    {
        var result = NodeCommandLine.Parse(["--add-priority-node", text]);

        Assert.Equal(CommandLineAction.Fail, result.Action);
        Assert.Equal(
            $"Failed to parse arguments: the argument ('{text}') for option '--add-priority-node' is invalid: expected HOST, HOST:PORT, IPV6 or [IPV6]:PORT",
            result.Error);
    }

    [Fact]
    public void Any_ipv4_peer_and_port_round_trips_through_its_text()
    {
        Gen.Select(Gen.UInt, Gen.UShort[1, ushort.MaxValue]).Sample((ip, port) =>
        {
            var address = new IPAddress(ip);
            Assert.True(PeerAddress.TryParse($"{address}:{port}", 1, out var peer));
            Assert.Equal(address, peer.Address);
            Assert.Equal(port, peer.Port);
            Assert.True(PeerAddress.TryParse(peer.ToString(), 1, out var again));
            Assert.Equal(peer, again);
        });
    }

    [Fact]
    public void Any_ipv6_peer_and_port_round_trips_through_its_text()
    {
        Gen.Select(Gen.Byte.Array[16], Gen.UShort[1, ushort.MaxValue]).Sample((bytes, port) =>
        {
            var address = new IPAddress(bytes);
            if (address.IsIPv4MappedToIPv6)
                address = address.MapToIPv4();
            var text = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
            Assert.True(PeerAddress.TryParse(text, 1, out var peer));
            Assert.Equal(address, peer.Address);
            Assert.Equal(port, peer.Port);
            Assert.Equal(text, peer.ToString());
        });
    }

    [Fact]
    public void Arbitrary_text_never_throws()
    {
        Gen.String[Gen.Char["0123456789abcdef:.[]-%_ "], 0, 48].Sample(text =>
        {
            if (PeerAddress.TryParse(text, 18080, out var peer))
                Assert.True(PeerAddress.TryParse(peer.ToString(), 18080, out _));
        });
    }
}
