using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MoneroNet.TestSupport;

/// <summary>How a client named its target in one SOCKS request.</summary>
public enum SocksTargetKind
{
    /// <summary>SOCKS5 ATYP 3 or SOCKS4a's trailing name: the proxy resolves, the client looked nothing up.</summary>
    DomainName,
    IPv4,
    IPv6,
}

/// <summary>One request the fixture was asked: version (4 or 5), how the target was named, the target, what happened.</summary>
public sealed record SocksRequest(int Version, SocksTargetKind Kind, string Host, ushort Port, bool Mapped);

/// <summary>
/// A SOCKS4a and SOCKS5 server on loopback for tests, standing in for a Tor or I2P daemon: it maps a few names
/// (<c>x.onion</c>, <c>x.b32.i2p</c>) to loopback ports, relays the bytes both ways, refuses unmapped targets with
/// "host unreachable", and records every request, so a test can assert that clients only ever sent names (never a
/// resolved IP). monerod 0.18's <c>--tx-proxy</c> speaks SOCKS4a; MoneroNet speaks SOCKS5. Bounded: at most
/// <see cref="MaxConnections"/> relays at once; everything ends at dispose.
/// </summary>
public sealed class SocksProxyFixture : IAsyncDisposable
{
    public const int MaxConnections = 64;

    private readonly Socket _listener;
    private readonly ConcurrentDictionary<string, IPEndPoint> _map = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SocksRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly Task _acceptLoop;
    private long _bytesToTargets;
    private long _bytesFromTargets;

    public SocksProxyFixture()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(MaxConnections);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Where clients reach the proxy (127.0.0.1 and a free port).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<SocksRequest> Requests => [.. _requests];

    /// <summary>Bytes relayed from clients to targets and back (after the negotiation).</summary>
    public long BytesToTargets => Interlocked.Read(ref _bytesToTargets);
    public long BytesFromTargets => Interlocked.Read(ref _bytesFromTargets);

    /// <summary>
    /// When set, CONNECT requests naming a loopback IP (not a name) are relayed to that IP: the public zone behind
    /// --proxy. Off by default, so an anonymity test notices any IP request as unmapped.
    /// </summary>
    public bool RelayLoopbackIps { get; set; }

    /// <summary>Connections to <paramref name="name"/> (any port) go to <paramref name="target"/>.</summary>
    public void Map(string name, IPEndPoint target) => _map[name] = target;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false); }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            if (_open.Count >= MaxConnections)
            {
                client.Dispose();
                continue;
            }
            _open[client] = 0;
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        Socket? target = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var first = new byte[1];
            await ReadExactlyAsync(client, first, timeout.Token).ConfigureAwait(false);
            target = first[0] switch
            {
                5 => await Socks5Async(client, timeout.Token).ConfigureAwait(false),
                4 => await Socks4Async(client, timeout.Token).ConfigureAwait(false),
                _ => null,
            };
            if (target is null) return;
            _open[target] = 0;
            var up = RelayAsync(client, target, toTarget: true);
            var down = RelayAsync(target, client, toTarget: false);
            await Task.WhenAny(up, down).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or IOException) { }
        finally
        {
            Close(client);
            if (target is not null) Close(target);
        }
    }

    private void Close(Socket s)
    {
        _open.TryRemove(s, out _);
        s.Dispose();
    }

    private async Task<Socket?> Socks5Async(Socket client, CancellationToken token)
    {
        var head = new byte[1];
        await ReadExactlyAsync(client, head, token).ConfigureAwait(false);
        var methods = new byte[head[0]];
        await ReadExactlyAsync(client, methods, token).ConfigureAwait(false);
        if (Array.IndexOf(methods, (byte)0) < 0)
        {
            await client.SendAsync(new byte[] { 5, 0xff }, token).ConfigureAwait(false);
            return null;
        }
        await client.SendAsync(new byte[] { 5, 0 }, token).ConfigureAwait(false);
        var request = new byte[4];
        await ReadExactlyAsync(client, request, token).ConfigureAwait(false);
        string host;
        SocksTargetKind kind;
        switch (request[3])
        {
            case 1:
            {
                var ip = new byte[4];
                await ReadExactlyAsync(client, ip, token).ConfigureAwait(false);
                host = new IPAddress(ip).ToString();
                kind = SocksTargetKind.IPv4;
                break;
            }
            case 4:
            {
                var ip = new byte[16];
                await ReadExactlyAsync(client, ip, token).ConfigureAwait(false);
                host = new IPAddress(ip).ToString();
                kind = SocksTargetKind.IPv6;
                break;
            }
            case 3:
            {
                var length = new byte[1];
                await ReadExactlyAsync(client, length, token).ConfigureAwait(false);
                var name = new byte[length[0]];
                await ReadExactlyAsync(client, name, token).ConfigureAwait(false);
                host = Encoding.ASCII.GetString(name);
                kind = SocksTargetKind.DomainName;
                break;
            }
            default:
                await client.SendAsync(Socks5Reply(8), token).ConfigureAwait(false);
                return null;
        }
        var portBytes = new byte[2];
        await ReadExactlyAsync(client, portBytes, token).ConfigureAwait(false);
        ushort port = BinaryPrimitives.ReadUInt16BigEndian(portBytes);
        var target = await OpenTargetAsync(5, kind, host, port, request[1] == 1, token).ConfigureAwait(false);
        await client.SendAsync(Socks5Reply(target is null ? (byte)4 : (byte)0), token).ConfigureAwait(false);
        return target;
    }

    private static byte[] Socks5Reply(byte code) => [5, code, 0, 1, 127, 0, 0, 1, 0, 0];

    private async Task<Socket?> Socks4Async(Socket client, CancellationToken token)
    {
        // VN=4 CD PORT(2) IP(4) USERID NUL [HOST NUL when IP is 0.0.0.x, x != 0: SOCKS4a]
        var head = new byte[7];
        await ReadExactlyAsync(client, head, token).ConfigureAwait(false);
        ushort port = BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(1, 2));
        await ReadNulTerminatedAsync(client, token).ConfigureAwait(false); // user id
        bool socks4a = head[3] == 0 && head[4] == 0 && head[5] == 0 && head[6] != 0;
        string host = socks4a ? await ReadNulTerminatedAsync(client, token).ConfigureAwait(false) : new IPAddress(head.AsSpan(3, 4)).ToString();
        var target = await OpenTargetAsync(4, socks4a ? SocksTargetKind.DomainName : SocksTargetKind.IPv4, host, port, head[0] == 1, token).ConfigureAwait(false);
        await client.SendAsync(new byte[] { 0, target is null ? (byte)91 : (byte)90, 0, 0, 0, 0, 0, 0 }, token).ConfigureAwait(false);
        return target;
    }

    private async Task<Socket?> OpenTargetAsync(int version, SocksTargetKind kind, string host, ushort port, bool isConnect, CancellationToken token)
    {
        IPEndPoint? endPoint = null;
        if (isConnect && kind == SocksTargetKind.DomainName && _map.TryGetValue(host, out var named)) endPoint = named;
        else if (isConnect && kind != SocksTargetKind.DomainName && RelayLoopbackIps && IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip))
            endPoint = new IPEndPoint(ip, port);
        _requests.Enqueue(new SocksRequest(version, kind, host, port, endPoint is not null));
        if (endPoint is null) return null;
        var target = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await target.ConnectAsync(endPoint, token).ConfigureAwait(false);
            return target;
        }
        catch (SocketException)
        {
            target.Dispose();
            return null;
        }
    }

    private async Task RelayAsync(Socket from, Socket to, bool toTarget)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                int n = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (n == 0) return;
                Interlocked.Add(ref toTarget ? ref _bytesToTargets : ref _bytesFromTargets, n);
                int sent = 0;
                while (sent < n) sent += await to.SendAsync(buffer.AsMemory(sent, n - sent), SocketFlags.None, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException) { }
    }

    private static async Task ReadExactlyAsync(Socket s, Memory<byte> into, CancellationToken token)
    {
        while (!into.IsEmpty)
        {
            int n = await s.ReceiveAsync(into, SocketFlags.None, token).ConfigureAwait(false);
            if (n == 0) throw new IOException("client closed");
            into = into[n..];
        }
    }

    private static async Task<string> ReadNulTerminatedAsync(Socket s, CancellationToken token)
    {
        var text = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            await ReadExactlyAsync(s, one, token).ConfigureAwait(false);
            if (one[0] == 0) return text.ToString();
            if (text.Length >= 255) throw new IOException("SOCKS4 field too long");
            text.Append((char)one[0]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        foreach (var s in _open.Keys) s.Dispose();
        try { await _acceptLoop.ConfigureAwait(false); } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
