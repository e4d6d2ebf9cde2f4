using System.Net;
using System.Net.Sockets;
using System.Text;
using MoneroNet.Interop.Tests.Fixtures;
using MoneroNet.TestSupport;
using MoneroNet.Wire;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// The node runs with its soft open-file limit at the hard limit: started from a shell whose soft limit is 700, its
/// /proc limits show the hard limit and its log names it (the .NET runtime raises it first; the node checks). Its
/// descriptor budget keeps incoming peers from taking what the RPC needs, and when the process runs out of
/// descriptors all the same it stays up (issue 8's crash, docs/RELIABILITY.md).
/// </summary>
public sealed class OpenFileLimitTests
{
    [Fact]
    public async Task The_node_raises_its_soft_open_file_limit_to_the_hard_limit()
    {
        using var p2p = PortAllocator.Lease();
        using var rpc = PortAllocator.Lease();
        string dataDir = Directory.CreateTempSubdirectory("moneronet-nofile-").FullName;
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        string command = $"ulimit -S -n 700 && exec '{dotnet}' '{MoneroNetProcess.NodeAssemblyPath}' --testnet " +
            $"--p2p-bind-ip 127.0.0.1 --p2p-bind-port {p2p.Port} --rpc-bind-ip 127.0.0.1 --rpc-bind-port {rpc.Port} " +
            $"--data-dir '{dataDir}' --add-exclusive-node 127.0.0.1:1 --log-level 1";
        await using var node = ChildProcess.Start("moneronet", "bash", ["-c", command], dataDir);
        try
        {
            string hard = (await File.ReadAllLinesAsync("/proc/self/limits"))
                .Single(l => l.StartsWith("Max open files", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[4];
            Assert.True(ulong.Parse(hard) > 700, $"this machine's hard limit ({hard}) leaves nothing to raise");

            await Eventually.MatchAsync(_ => Task.FromResult(node.Log.Contains($"Open-file limit raised from 700 to {hard}") || node.Log.Contains($"Open-file limit is {hard}")),
                seen => seen, TimeSpan.FromSeconds(60), "the node logs its open-file limit", CancellationToken.None);
            var limits = (await File.ReadAllLinesAsync($"/proc/{node.Id}/limits"))
                .Single(l => l.StartsWith("Max open files", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(hard, limits[3]); // soft
            Assert.Equal(hard, limits[4]); // hard
        }
        finally
        {
            node.SendSigTerm();
            await node.WaitForExitAsync(TimeSpan.FromSeconds(10));
            TempDirectory.DeleteQuietly(dataDir);
        }
    }

    [Fact]
    public async Task Incoming_peers_get_only_the_descriptors_left_after_the_rpc_and_files_and_the_rpc_keeps_answering()
    {
        using var p2p = PortAllocator.Lease();
        using var rpc = PortAllocator.Lease();
        string dataDir = Directory.CreateTempSubdirectory("moneronet-nofile-").FullName;
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        // Soft and hard limit 700: nothing to raise. Kept: RPC 100 + 4, out-peers 12, one exclusive node, 256 for files.
        const int Incoming = 700 - (104 + 12 + 1 + 256);
        string command = $"ulimit -n 700 && exec '{dotnet}' '{MoneroNetProcess.NodeAssemblyPath}' --testnet " +
            $"--p2p-bind-ip 127.0.0.1 --p2p-bind-port {p2p.Port} --rpc-bind-ip 127.0.0.1 --rpc-bind-port {rpc.Port} " +
            $"--data-dir '{dataDir}' --add-exclusive-node 127.0.0.1:1 --log-level 1";
        await using var node = ChildProcess.Start("moneronet", "bash", ["-c", command], dataDir);
        var sockets = new List<System.Net.Sockets.Socket>();
        using var client = new MonerodRpc(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, rpc.Port));
        try
        {
            await Eventually.MatchAsync(_ => Task.FromResult(node.Log.Contains($"Descriptors: up to {Incoming} for incoming peers")),
                seen => seen, TimeSpan.FromSeconds(60), "the node logs its descriptor budget", CancellationToken.None,
                describe: _ => node.Log.Tail(20));
            await Eventually.MatchAsync(ct => client.GetConnectionsAsync(ct), _ => true, TimeSpan.FromSeconds(60),
                "the RPC answers", CancellationToken.None);

            // 40 more connections than the budget, each from its own address (one per IP is the default limit).
            for (int i = 0; i < Incoming + 40; i++)
            {
                var s = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork,
                    System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                s.Bind(new System.Net.IPEndPoint(new System.Net.IPAddress([127, 41, (byte)(i / 250), (byte)(i % 250 + 1)]), 0));
                await s.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, p2p.Port));
                sockets.Add(s);
            }

            // The node holds exactly its budget; the rest are closed at accept. The RPC still answers.
            var listed = await Eventually.MatchAsync(ct => client.GetConnectionsAsync(ct), cs => cs.Count == Incoming,
                TimeSpan.FromSeconds(60), $"{Incoming} incoming connections listed", CancellationToken.None,
                describe: cs => $"{cs.Count} listed");
            Assert.All(listed, c => Assert.True(c.Incoming));
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.GetConnectionsAsync()));
            Assert.False(node.HasExited, node.Log.Tail());
        }
        finally
        {
            foreach (var s in sockets) s.Dispose();
            node.SendSigTerm();
            await node.WaitForExitAsync(TimeSpan.FromSeconds(10));
            TempDirectory.DeleteQuietly(dataDir);
        }
    }
    /// <summary>
    /// Issue 8's crash, reproduced: the process runs out of descriptors (EMFILE) under a flood of idle RPC and P2P
    /// connections. Before the fix, the thread pool then failed to create a worker (a new thread needs a pipe), did not
    /// catch the OutOfMemoryException, and the runtime aborted with "Out of memory.". Here the shell that starts the node
    /// holds 200 descriptors the node inherits, beyond what its budget counts on, and the RPC may hold 1,000 connections,
    /// so the flood does reach the limit of 1,400: the accept loops must fail with EMFILE. The node must stay up through it, answer a kept-alive loopback RPC
    /// connection during it, and once the flood ends answer new RPC clients and handshake a new peer.
    /// </summary>
    [Fact]
    public async Task A_flood_that_uses_up_the_open_file_limit_leaves_the_node_up_answering_and_handshaking()
    {
        using var p2p = PortAllocator.Lease();
        using var rpc = PortAllocator.Lease();
        string dataDir = Directory.CreateTempSubdirectory("moneronet-emfile-").FullName;
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        // The RPC may hold 1,000 connections (+4 for loopback): budget at 1,400 is 1,400 - (1,004 + 12 + 1 + 256) = 127
        // incoming peers. With the 200 inherited descriptors and the runtime's own (about 180), the RPC flood alone nearly
        // fills the table, and the peers and late RPC clients find it full.
        const int Limit = 1400, Inherited = 200, RpcFlood = 1100, P2PFlood = 200, RpcLateFlood = 100;
        string command = $"ulimit -n {Limit} && for i in $(seq {Inherited}); do exec {{f}}</dev/null; done && " +
            $"exec '{dotnet}' '{MoneroNetProcess.NodeAssemblyPath}' --testnet " +
            $"--p2p-bind-ip 127.0.0.1 --p2p-bind-port {p2p.Port} --rpc-bind-ip 127.0.0.1 --rpc-bind-port {rpc.Port} " +
            $"--rpc-max-connections 1000 --data-dir '{dataDir}' --add-exclusive-node 127.0.0.1:1 --log-level 1";
        await using var node = ChildProcess.Start("moneronet", "bash", ["-c", command], dataDir);
        var rpcEndPoint = new IPEndPoint(IPAddress.Loopback, rpc.Port);
        var p2pEndPoint = new IPEndPoint(IPAddress.Loopback, p2p.Port);
        using var client = new MonerodRpc(rpcEndPoint);
        var flood = new List<Socket>();
        try
        {
            await Eventually.MatchAsync(ct => client.GetInfoAsync(ct), _ => true, TimeSpan.FromSeconds(60),
                "the RPC answers", CancellationToken.None, describe: _ => node.Log.Tail(20));
            Assert.True(node.Log.Contains("worker threads started and kept"), node.Log.Tail(30));
            using var keptAlive = await KeptAliveRpc.ConnectAsync(rpcEndPoint);
            Assert.Contains("\"status\": \"OK\"", await keptAlive.GetInfoAsync(), StringComparison.Ordinal);

            // The flood: idle connections, nothing sent, each from its own loopback address.
            for (int i = 0; i < RpcFlood; i++) flood.Add(await IdleConnectAsync(new IPAddress([127, 45, (byte)(i / 250), (byte)(i % 250 + 1)]), rpcEndPoint));
            for (int i = 0; i < P2PFlood; i++) flood.Add(await IdleConnectAsync(new IPAddress([127, 46, (byte)(i / 250), (byte)(i % 250 + 1)]), p2pEndPoint));

            // The process is out of descriptors: the P2P accept loop says so (and backs off).
            await Eventually.MatchAsync(_ => Task.FromResult(node.Log.Contains("failing") && node.Log.Contains("Too many open files")),
                seen => seen || node.HasExited, TimeSpan.FromSeconds(60), "the accept loop fails for lack of descriptors",
                CancellationToken.None, describe: _ => node.Log.Tail(20));
            Assert.False(node.HasExited, node.Log.Tail());
            // More RPC clients while out of descriptors: the RPC's accept loop fails now too, and keeps the thread
            // pool busy (before the fix, that is when the pool wanted a new worker and the process aborted).
            for (int i = 0; i < RpcLateFlood; i++) flood.Add(await IdleConnectAsync(new IPAddress([127, 48, (byte)(i / 250), (byte)(i % 250 + 1)]), rpcEndPoint));
            // An RPC connection opened before the flood needs no new descriptor: it is still answered.
            Assert.Contains("\"status\": \"OK\"", await keptAlive.GetInfoAsync(), StringComparison.Ordinal);
            // Over ten seconds out of descriptors (the accept loop logs its second line 10 s after the first): the thread
            // pool, timers, dials and the accept back-off all run meanwhile.
            await Eventually.MatchAsync(_ => Task.FromResult(node.Log.CountOf("P2P accept on")), n => n >= 2 || node.HasExited,
                TimeSpan.FromSeconds(90), "a second accept-failing line, 10 s after the first", CancellationToken.None,
                interval: TimeSpan.FromMilliseconds(500));
            Assert.False(node.HasExited, node.Log.Tail());
            Assert.Contains("\"status\": \"OK\"", await keptAlive.GetInfoAsync(), StringComparison.Ordinal);

            foreach (var s in flood) s.Dispose();
            flood.Clear();

            // After the flood: new RPC clients are answered and a new peer handshakes.
            await Eventually.MatchAsync(ct => client.GetInfoAsync(ct), _ => true, TimeSpan.FromSeconds(60),
                "a new RPC client is answered after the flood", CancellationToken.None, describe: _ => node.Log.Tail(20));
            var handshake = await Eventually.MatchAsync(async ct =>
                {
                    await using var peer = await IdlePeer.ConnectAsync(IPAddress.Parse("127.47.0.1"), p2pEndPoint, NetworkType.Testnet, strict: false, ct);
                    try { return await peer.Handshake.WaitAsync(TimeSpan.FromSeconds(10), ct); }
                    catch (Exception e) when (e is IOException or TimeoutException) { return null; }
                }, h => h is not null, TimeSpan.FromSeconds(60), "a new peer handshakes after the flood", CancellationToken.None,
                describe: _ => node.Log.Tail(20));
            Assert.NotNull(handshake);
            Assert.False(node.HasExited, node.Log.Tail());
            Assert.False(node.Log.Contains("Out of memory"), node.Log.Tail());
        }
        finally
        {
            foreach (var s in flood) s.Dispose();
            node.SendSigTerm();
            await node.WaitForExitAsync(TimeSpan.FromSeconds(10));
            TempDirectory.DeleteQuietly(dataDir);
        }
    }

    private static async Task<Socket> IdleConnectAsync(IPAddress source, IPEndPoint target)
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            s.Bind(new IPEndPoint(source, 0));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await s.ConnectAsync(target, timeout.Token); // completes in the kernel's backlog even when the node cannot accept
            return s;
        }
        catch
        {
            s.Dispose();
            throw;
        }
    }

    /// <summary>One HTTP/1.1 connection to the RPC kept open between requests (no new descriptor on the node's side).</summary>
    private sealed class KeptAliveRpc : IDisposable
    {
        private readonly Socket _socket;
        private readonly NetworkStream _stream;

        private KeptAliveRpc(Socket socket)
        {
            _socket = socket;
            _stream = new NetworkStream(socket, ownsSocket: false);
        }

        public static async Task<KeptAliveRpc> ConnectAsync(IPEndPoint endPoint)
        {
            var s = await IdleConnectAsync(IPAddress.Loopback, endPoint);
            return new KeptAliveRpc(s);
        }

        /// <summary>Sends get_info and returns the response body (status line checked).</summary>
        public async Task<string> GetInfoAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            const string Body = "{\"jsonrpc\":\"2.0\",\"id\":\"0\",\"method\":\"get_info\"}";
            string request = $"POST /json_rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {Body.Length}\r\n\r\n{Body}";
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
            var received = new List<byte>();
            var buffer = new byte[8192];
            while (true)
            {
                int n = await _stream.ReadAsync(buffer, timeout.Token);
                if (n == 0) throw new IOException("the RPC closed the kept-alive connection");
                received.AddRange(buffer.AsSpan(0, n));
                string text = Encoding.ASCII.GetString([.. received]);
                int headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (headerEnd < 0) continue;
                Assert.StartsWith("HTTP/1.1 200", text, StringComparison.Ordinal);
                string lengthLine = text[..headerEnd].Split("\r\n").Single(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                int length = int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                if (received.Count - (headerEnd + 4) < length) continue;
                return text.Substring(headerEnd + 4, length);
            }
        }

        public void Dispose()
        {
            _stream.Dispose();
            _socket.Dispose();
        }
    }
}
