using System.Net;
using System.Net.Sockets;
using MoneroNet.P2P.Transport;
using MoneroNet.TestSupport;

namespace MoneroNet.P2P.Tests.Anonymity;

/// <summary>
/// The SOCKS5 client against the loopback fixture (a well-behaved proxy) and against scripted proxies that answer
/// wrongly: every failure is a <see cref="SocksException"/> of the right kind, the name is sent as a name.
/// </summary>
public class Socks5ClientTests
{
    private const string Onion = "zpadmjkvyyjdfxqr7bznhwtk6zgdiltudkzmbpcx3d2ja3vfrdkcvzqd.onion";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Connects_by_name_and_relays_bytes_both_ways()
    {
        using var echo = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        echo.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        echo.Listen();
        await using var proxy = new SocksProxyFixture();
        proxy.Map(Onion, (IPEndPoint)echo.LocalEndPoint!);

        var accept = echo.AcceptAsync();
        using var socket = await Socks5Client.ConnectAsync(proxy.EndPoint, Onion, 18083, Timeout, Timeout, TimeProvider.System, CancellationToken.None);
        using var server = await accept;
        await socket.SendAsync(new byte[] { 1, 2, 3 });
        var got = new byte[3];
        Assert.Equal(3, await server.ReceiveAsync(got));
        Assert.Equal(new byte[] { 1, 2, 3 }, got);
        await server.SendAsync(new byte[] { 9 });
        Assert.Equal(1, await socket.ReceiveAsync(got));
        Assert.Equal(9, got[0]);

        var request = Assert.Single(proxy.Requests);
        Assert.Equal(new SocksRequest(5, SocksTargetKind.DomainName, Onion, 18083, Mapped: true), request);
    }

    [Fact]
    public async Task An_unmapped_name_is_refused_with_the_proxy_reply_code()
    {
        await using var proxy = new SocksProxyFixture();
        var ex = await Assert.ThrowsAsync<SocksException>(() =>
            Socks5Client.ConnectAsync(proxy.EndPoint, Onion, 18083, Timeout, Timeout, TimeProvider.System, CancellationToken.None));
        Assert.Equal(SocksFailure.ConnectRefused, ex.Failure);
        Assert.Equal(4, ex.ReplyCode);
        Assert.Contains("host unreachable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_that_is_not_listening_is_unreachable()
    {
        var port = FreePort();
        var ex = await Assert.ThrowsAsync<SocksException>(() =>
            Socks5Client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), Onion, 1, Timeout, Timeout, TimeProvider.System, CancellationToken.None));
        Assert.Equal(SocksFailure.ProxyUnreachable, ex.Failure);
    }

    public static TheoryData<byte[], SocksFailure> BadGreetingsAndReplies => new()
    {
        // greeting answer, then (if any) the CONNECT reply
        { new byte[] { 4, 0 }, SocksFailure.BadVersion },
        { new byte[] { 5, 2 }, SocksFailure.NoAcceptableMethod },
        { new byte[] { 5, 0xff }, SocksFailure.NoAcceptableMethod },
        { new byte[] { 5 }, SocksFailure.ProxyClosed },
        { new byte[] { 5, 0, 4, 0, 0, 1 }, SocksFailure.BadVersion },
        { new byte[] { 5, 0, 5, 5, 0, 1, 0, 0, 0, 0, 0, 0 }, SocksFailure.ConnectRefused },
        { new byte[] { 5, 0, 5, 0, 1, 1, 0, 0, 0, 0, 0, 0 }, SocksFailure.MalformedReply },
        { new byte[] { 5, 0, 5, 0, 0, 9 }, SocksFailure.MalformedReply },
        { new byte[] { 5, 0, 5, 0, 0, 1, 127, 0 }, SocksFailure.ProxyClosed },
    };

    [Theory]
    [MemberData(nameof(BadGreetingsAndReplies))]
    public async Task A_malformed_or_negative_answer_is_a_typed_failure(byte[] answer, SocksFailure expected)
    {
        using var listener = ScriptedProxy(answer, out var endPoint, closeAfter: true);
        var ex = await Assert.ThrowsAsync<SocksException>(() =>
            Socks5Client.ConnectAsync(endPoint, Onion, 18083, Timeout, Timeout, TimeProvider.System, CancellationToken.None));
        Assert.Equal(expected, ex.Failure);
    }

    [Fact]
    public async Task A_silent_proxy_times_out_on_the_reply_timer()
    {
        using var listener = ScriptedProxy([], out var endPoint, closeAfter: false);
        var ex = await Assert.ThrowsAsync<SocksException>(() =>
            Socks5Client.ConnectAsync(endPoint, Onion, 18083, Timeout, TimeSpan.FromMilliseconds(200), TimeProvider.System, CancellationToken.None));
        Assert.Equal(SocksFailure.ReplyTimeout, ex.Failure);
    }

    [Fact]
    public async Task A_reply_with_a_domain_bound_address_is_read_to_its_end()
    {
        // BND.ADDR as a 3-byte name, then the peer's first byte (42) must be the next thing read.
        using var listener = ScriptedProxy([5, 0, 5, 0, 0, 3, 3, (byte)'a', (byte)'b', (byte)'c', 0, 80, 42], out var endPoint, closeAfter: false);
        using var socket = await Socks5Client.ConnectAsync(endPoint, Onion, 18083, Timeout, Timeout, TimeProvider.System, CancellationToken.None);
        var one = new byte[1];
        Assert.Equal(1, await socket.ReceiveAsync(one));
        Assert.Equal(42, one[0]);
    }

    [Fact]
    public async Task A_name_over_255_bytes_is_refused_before_dialling()
    {
        var ex = await Assert.ThrowsAsync<SocksException>(() =>
            Socks5Client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, 1), new string('a', 256), 1, Timeout, Timeout, TimeProvider.System, CancellationToken.None));
        Assert.Equal(SocksFailure.BadTarget, ex.Failure);
    }

    /// <summary>A one-shot proxy that reads whatever arrives and writes <paramref name="answer"/> as soon as the client spoke.</summary>
    private static Socket ScriptedProxy(byte[] answer, out IPEndPoint endPoint, bool closeAfter)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        endPoint = (IPEndPoint)listener.LocalEndPoint!;
        _ = Task.Run(async () =>
        {
            try
            {
                using var client = await listener.AcceptAsync();
                var buffer = new byte[512];
                await client.ReceiveAsync(buffer);
                if (answer.Length > 0) await client.SendAsync(answer);
                if (closeAfter)
                {
                    // Give the client its answer, then read its next step (if any) and close.
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    try { await client.ReceiveAsync(buffer, SocketFlags.None, cts.Token); } catch (OperationCanceledException) { }
                    client.Shutdown(SocketShutdown.Both);
                }
                else
                {
                    await Task.Delay(TimeSpan.FromSeconds(3));
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
        });
        return listener;
    }

    private static int FreePort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }
}
