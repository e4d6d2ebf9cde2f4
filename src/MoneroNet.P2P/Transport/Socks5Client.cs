using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MoneroNet.P2P.Transport;

/// <summary>
/// A SOCKS5 client (RFC 1928) for the anonymity zones: no authentication, one CONNECT with the domain-name address
/// type (ATYP 3), so the proxy — the Tor or I2P daemon — resolves the <c>.onion</c>/<c>.b32.i2p</c> name and we never
/// look a name up ourselves (docs/PROTOCOL.md §3.9). Every step is bounded: the TCP connect to the
/// proxy by <c>connectTimeout</c>, the whole negotiation by <c>replyTimeout</c>; every failure is a
/// <see cref="SocksException"/> with its <see cref="SocksFailure"/>, never another exception type.
/// </summary>
internal static class Socks5Client
{
    private const byte Version = 5;
    private const byte NoAuthentication = 0;
    private const byte ConnectCommand = 1;
    private const byte DomainName = 3;
    private const byte IPv4 = 1;
    private const byte IPv6 = 4;

    /// <summary>
    /// A socket connected through <paramref name="proxy"/> to <paramref name="host"/>:<paramref name="port"/>, ready
    /// for the peer's bytes. The socket is disposed on failure.
    /// </summary>
    /// <exception cref="SocksException">The proxy could not be reached or refused, or its answer was not SOCKS5.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<Socket> ConnectAsync(IPEndPoint proxy, string host, ushort port, TimeSpan connectTimeout,
        TimeSpan replyTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        int hostLength = Encoding.ASCII.GetByteCount(host);
        if (hostLength is 0 or > 255) throw new SocksException(SocksFailure.BadTarget, $"host name of {hostLength} bytes cannot be sent to a SOCKS5 proxy");
        var address = new byte[1 + hostLength];
        address[0] = (byte)hostLength;
        Encoding.ASCII.GetBytes(host, address.AsSpan(1));
        return ConnectAsync(proxy, DomainName, address, $"{host}:{port}", port, connectTimeout, replyTimeout, time, cancellationToken);
    }

    /// <summary>
    /// The same through <paramref name="proxy"/> to an IP endpoint (address type 1 or 4): the public zone behind
    /// --proxy, where the peer's address is already an IP and nothing needs resolving.
    /// </summary>
    /// <exception cref="SocksException">The proxy could not be reached or refused, or its answer was not SOCKS5.</exception>
    public static Task<Socket> ConnectAsync(IPEndPoint proxy, IPEndPoint target, TimeSpan connectTimeout, TimeSpan replyTimeout,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var ip = target.Address.IsIPv4MappedToIPv6 ? target.Address.MapToIPv4() : target.Address;
        byte type = ip.AddressFamily == AddressFamily.InterNetworkV6 ? IPv6 : IPv4;
        return ConnectAsync(proxy, type, ip.GetAddressBytes(), target.ToString(), checked((ushort)target.Port), connectTimeout,
            replyTimeout, time, cancellationToken);
    }

    private static async Task<Socket> ConnectAsync(IPEndPoint proxy, byte addressType, byte[] address, string targetText, ushort port,
        TimeSpan connectTimeout, TimeSpan replyTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proxy);

        var socket = new Socket(proxy.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using (var connectTimer = new CancellationTokenSource(connectTimeout, time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectTimer.Token))
            {
                try
                {
                    await socket.ConnectAsync(proxy, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new SocksException(SocksFailure.ProxyUnreachable, $"SOCKS proxy {proxy} did not accept the connection within {connectTimeout.TotalSeconds:0.#} s");
                }
                catch (SocketException ex)
                {
                    throw new SocksException(SocksFailure.ProxyUnreachable, $"SOCKS proxy {proxy} unreachable: {ex.Message}", innerException: ex);
                }
            }

            using var replyTimer = new CancellationTokenSource(replyTimeout, time);
            using var token = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, replyTimer.Token);
            try
            {
                await NegotiateAsync(socket, addressType, address, targetText, port, token.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SocksException(SocksFailure.ReplyTimeout, $"SOCKS proxy {proxy} did not answer within {replyTimeout.TotalSeconds:0.#} s");
            }
            catch (SocketException ex)
            {
                throw new SocksException(SocksFailure.ProxyClosed, $"SOCKS proxy {proxy} connection failed during negotiation: {ex.Message}", innerException: ex);
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task NegotiateAsync(Socket socket, byte addressType, byte[] address, string targetText, ushort port,
        CancellationToken token)
    {
        // Greeting: version 5, one method, "no authentication required" (what monerod's client offers without credentials).
        var buffer = new byte[Math.Max(262, 6 + address.Length)];
        buffer[0] = Version;
        buffer[1] = 1;
        buffer[2] = NoAuthentication;
        await SendAsync(socket, buffer.AsMemory(0, 3), token).ConfigureAwait(false);
        await ReceiveExactlyAsync(socket, buffer.AsMemory(0, 2), token).ConfigureAwait(false);
        if (buffer[0] != Version) throw new SocksException(SocksFailure.BadVersion, $"SOCKS proxy answered the greeting with version {buffer[0]}, not 5");
        if (buffer[1] != NoAuthentication) throw new SocksException(SocksFailure.NoAcceptableMethod, $"SOCKS proxy requires authentication method {buffer[1]}; only 'no authentication' is offered");

        // CONNECT: VER CMD RSV ATYP ADDR PORT(big-endian); a name goes as ATYP 3, LEN, NAME — never resolved here.
        buffer[0] = Version;
        buffer[1] = ConnectCommand;
        buffer[2] = 0;
        buffer[3] = addressType;
        address.CopyTo(buffer.AsSpan(4));
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(4 + address.Length, 2), port);
        await SendAsync(socket, buffer.AsMemory(0, 6 + address.Length), token).ConfigureAwait(false);

        // Reply: VER REP RSV ATYP BND.ADDR BND.PORT. The bound address is read (to leave the stream at the peer's
        // first byte) and ignored.
        await ReceiveExactlyAsync(socket, buffer.AsMemory(0, 4), token).ConfigureAwait(false);
        if (buffer[0] != Version) throw new SocksException(SocksFailure.BadVersion, $"SOCKS proxy answered CONNECT with version {buffer[0]}, not 5");
        byte reply = buffer[1];
        if (reply != 0) throw new SocksException(SocksFailure.ConnectRefused, $"SOCKS proxy refused CONNECT to {targetText}: {SocksException.DescribeReply(reply)} ({reply})", reply);
        if (buffer[2] != 0) throw new SocksException(SocksFailure.MalformedReply, $"SOCKS reply has reserved byte {buffer[2]}, not 0");
        int addressLength;
        switch (buffer[3])
        {
            case IPv4: addressLength = 4; break;
            case IPv6: addressLength = 16; break;
            case DomainName:
                await ReceiveExactlyAsync(socket, buffer.AsMemory(0, 1), token).ConfigureAwait(false);
                addressLength = buffer[0];
                break;
            default:
                throw new SocksException(SocksFailure.MalformedReply, $"SOCKS reply has unknown address type {buffer[3]}");
        }
        await ReceiveExactlyAsync(socket, buffer.AsMemory(0, addressLength + 2), token).ConfigureAwait(false);
    }

    private static async Task SendAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken token)
    {
        while (!data.IsEmpty)
        {
            int sent = await socket.SendAsync(data, SocketFlags.None, token).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    private static async Task ReceiveExactlyAsync(Socket socket, Memory<byte> into, CancellationToken token)
    {
        while (!into.IsEmpty)
        {
            int read = await socket.ReceiveAsync(into, SocketFlags.None, token).ConfigureAwait(false);
            if (read == 0) throw new SocksException(SocksFailure.ProxyClosed, "SOCKS proxy closed the connection during negotiation");
            into = into[read..];
        }
    }
}
