using MoneroNet.Node.Netinfo;

namespace MoneroNet.Node.Tests.Netinfo;

/// <summary>The renderer is a pure function of the snapshot: fixed input, exact text for every level.</summary>
public sealed class NetinfoRendererTests
{
    /// <summary>Level 0: the header, the counts by type and zone (in, out, total) and the local addresses, no peer rows.</summary>
    [Fact]
    public void Level0_PrintsExactly() =>
        AssertText("""
        netinfo: MoneroNet 0.1.0 on stagenet, height 1, up 62m, 4 connections

        connections  in  out  total
        inbound       2    0      2
        outbound      0    0      0
        anchor        0    0      0
        priority      0    0      0
        exclusive     0    1      1
        manual        0    0      0
        seed          0    0      0
        feeler        0    1      1
        public        1    2      3
        tor           1    0      1
        i2p           0    0      0
        total         2    2      4

        Local addresses: p2p public 127.0.0.1:38080, p2p public [::]:38080; rpc 127.0.0.1:38081
        Traffic since start: 2.1 KiB in, 1.8 KiB out
        Round trips: 10 measured, p50 2.00 ms, p90 5.00 ms, p99 47.5 ms
        Suspected proxies: 0
        """ + "\n", NetinfoRenderer.Render(NetinfoSamples.MoneroNet(), 0));

    /// <summary>A MoneroNet that listens nowhere (--offline) says so; the RPC endpoint is still printed.</summary>
    [Fact]
    public void A_node_without_listeners_says_so()
    {
        var text = NetinfoRenderer.Render(NetinfoSamples.MoneroNet() with { P2PListeners = [] }, 0);
        Assert.Contains("Local addresses: none (not listening); rpc 127.0.0.1:38081\n", text, StringComparison.Ordinal);
    }

    /// <summary>Level 1 adds one aligned row a peer: outbound first, then by lowest ping (unmeasured last).</summary>
    [Fact]
    public void Level1_PrintsExactly() =>
        AssertText("""
        netinfo: MoneroNet 0.1.0 on stagenet, height 1, up 62m, 4 connections

        connections  in  out  total
        inbound       2    0      2
        outbound      0    0      0
        anchor        0    0      0
        priority      0    0      0
        exclusive     0    1      1
        manual        0    0      0
        seed          0    0      0
        feeler        0    1      1
        public        1    2      3
        tor           1    0      1
        i2p           0    0      0
        total         2    2      4

        Local addresses: p2p public 127.0.0.1:38080, p2p public [::]:38080; rpc 127.0.0.1:38081
        Traffic since start: 2.1 KiB in, 1.8 KiB out
        Round trips: 10 measured, p50 2.00 ms, p90 5.00 ms, p99 47.5 ms
        Suspected proxies: 0

        <->  type       zone    mping  ping  send  recv  age   height
        out  exclusive  public   0.63  2.12    5s    5s  75s        1
        out  feeler     public      -     -    1s    1s   1s        0
        in   inbound    public   0.61  0.61   16s    2m   2d  1234567
        in   inbound    tor       180   250   12s    3s  66m        1

        mping/ping: lowest and last round trip (ms); send/recv: since last sent/received; age: since connected
        """ + "\n", NetinfoRenderer.Render(NetinfoSamples.MoneroNet(), 1));

    /// <summary>Level 2 adds each peer's id and address, the address last so a long onion name widens nothing else.</summary>
    [Fact]
    public void Level2_PrintsExactly() =>
        AssertText("""
        netinfo: MoneroNet 0.1.0 on stagenet, height 1, up 62m, 4 connections

        connections  in  out  total
        inbound       2    0      2
        outbound      0    0      0
        anchor        0    0      0
        priority      0    0      0
        exclusive     0    1      1
        manual        0    0      0
        seed          0    0      0
        feeler        0    1      1
        public        1    2      3
        tor           1    0      1
        i2p           0    0      0
        total         2    2      4

        Local addresses: p2p public 127.0.0.1:38080, p2p public [::]:38080; rpc 127.0.0.1:38081
        Traffic since start: 2.1 KiB in, 1.8 KiB out
        Round trips: 10 measured, p50 2.00 ms, p90 5.00 ms, p99 47.5 ms
        Suspected proxies: 0

        <->  type       zone    mping  ping  send  recv  age   height  id                address
        out  exclusive  public   0.63  2.12    5s    5s  75s        1  796005cf3ddfc597  127.0.0.1:38180
        out  feeler     public      -     -    1s    1s   1s        0  0000000000000000  [::1]:38080
        in   inbound    public   0.61  0.61   16s    2m   2d  1234567  da74442296206d5c  127.0.0.1:41292
        in   inbound    tor       180   250   12s    3s  66m        1  0000000000000001  abcdefghijklmnop.onion:18083

        mping/ping: lowest and last round trip (ms); send/recv: since last sent/received; age: since connected
        """ + "\n", NetinfoRenderer.Render(NetinfoSamples.MoneroNet(), 2));

    /// <summary>Level 3 adds state, proxy check and AS (with its country).</summary>
    [Fact]
    public void Level3_PrintsExactly() =>
        AssertText("""
        netinfo: MoneroNet 0.1.0 on stagenet, height 1, up 62m, 4 connections

        connections  in  out  total
        inbound       2    0      2
        outbound      0    0      0
        anchor        0    0      0
        priority      0    0      0
        exclusive     0    1      1
        manual        0    0      0
        seed          0    0      0
        feeler        0    1      1
        public        1    2      3
        tor           1    0      1
        i2p           0    0      0
        total         2    2      4

        Local addresses: p2p public 127.0.0.1:38080, p2p public [::]:38080; rpc 127.0.0.1:38081
        Traffic since start: 2.1 KiB in, 1.8 KiB out
        Round trips: 10 measured, p50 2.00 ms, p90 5.00 ms, p99 47.5 ms
        Suspected proxies: 0

        <->  type       zone    mping  ping  send  recv  age   height  state             proxy           asn         id                address
        out  exclusive  public   0.63  2.12    5s    5s  75s        1  normal            consistent      AS64500 US  796005cf3ddfc597  127.0.0.1:38180
        out  feeler     public      -     -    1s    1s   1s        0  before_handshake  not_applicable  -           0000000000000000  [::1]:38080
        in   inbound    public   0.61  0.61   16s    2m   2d  1234567  normal            pending         -           da74442296206d5c  127.0.0.1:41292
        in   inbound    tor       180   250   12s    3s  66m        1  normal            not_applicable  -           0000000000000001  abcdefghijklmnop.onion:18083

        mping/ping: lowest and last round trip (ms); send/recv: since last sent/received; age: since connected
        """ + "\n", NetinfoRenderer.Render(NetinfoSamples.MoneroNet(), 3));

    /// <summary>Level 4 adds the traffic by command under each row, received then sent.</summary>
    [Fact]
    public void Level4_PrintsExactly() =>
        AssertText("""
        netinfo: MoneroNet 0.1.0 on stagenet, height 1, up 62m, 4 connections

        connections  in  out  total
        inbound       2    0      2
        outbound      0    0      0
        anchor        0    0      0
        priority      0    0      0
        exclusive     0    1      1
        manual        0    0      0
        seed          0    0      0
        feeler        0    1      1
        public        1    2      3
        tor           1    0      1
        i2p           0    0      0
        total         2    2      4

        Local addresses: p2p public 127.0.0.1:38080, p2p public [::]:38080; rpc 127.0.0.1:38081
        Traffic since start: 2.1 KiB in, 1.8 KiB out
        Round trips: 10 measured, p50 2.00 ms, p90 5.00 ms, p99 47.5 ms
        Suspected proxies: 0

        <->  type       zone    mping  ping  send  recv  age   height  state             proxy           asn         id                address
        out  exclusive  public   0.63  2.12    5s    5s  75s        1  normal            consistent      AS64500 US  796005cf3ddfc597  127.0.0.1:38180
            recv get_txpool_complement 43B(1) handshake 295B(1) ping 213B(3) timed_sync 615B(3)
            sent handshake 295B(1) ping 129B(3) timed_sync 615B(3)
        out  feeler     public      -     -    1s    1s   1s        0  before_handshake  not_applicable  -           0000000000000000  [::1]:38080
            traffic by command: not reported
        in   inbound    public   0.61  0.61   16s    2m   2d  1234567  normal            pending         -           da74442296206d5c  127.0.0.1:41292
            traffic by command: not reported
        in   inbound    tor       180   250   12s    3s  66m        1  normal            not_applicable  -           0000000000000001  abcdefghijklmnop.onion:18083
            traffic by command: not reported

        mping/ping: lowest and last round trip (ms); send/recv: since last sent/received; age: since connected
        traffic: command bytes(messages), received and sent
        """ + "\n", NetinfoRenderer.Render(NetinfoSamples.MoneroNet(), 4));

    /// <summary>monerod's answers: an "untyped" count row, "-" for every extended column, and a line saying why.</summary>
    [Fact]
    public void Monerod_DegradesToTheFieldsMonerodHas() =>
        AssertText("""
        netinfo: node 0.18.3.4-release on testnet, height 1 of 5, up 42s, 1 connection

        connections  in  out  total
        inbound       0    0      0
        outbound      0    0      0
        anchor        0    0      0
        priority      0    0      0
        exclusive     0    0      0
        manual        0    0      0
        seed          0    0      0
        feeler        0    0      0
        untyped       1    0      1
        public        1    0      1
        tor           0    0      0
        i2p           0    0      0
        total         1    0      1

        Local addresses: rpc 127.0.0.1:28081 (the node does not report its P2P listen address over RPC)
        Traffic since start: 900 B in, 1.9 MiB out
        This node reports no connection types, pings, proxy checks, ASes or traffic by command (monerod).

        <->  type  zone    mping  ping  send  recv  age  height  id                address
        in   -     public      -     -   19s   19s  19s       1  575c283b417e81aa  127.0.0.1:50000

        mping/ping: lowest and last round trip (ms); send/recv: since last sent/received; age: since connected
        """ + "\n", NetinfoRenderer.Render(NetinfoSamples.Monerod(), 2));

    // Compared line by line first, so a failure names the first line that differs.
    private static void AssertText(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Min(e.Length, a.Length); i++)
            Assert.True(e[i] == a[i], $"line {i + 1}:\nexpected: {e[i]}\nactual:   {a[i]}");
        Assert.Equal(expected, actual);
    }
}
