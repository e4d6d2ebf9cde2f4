using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using MoneroNet.Interop.Tests.Fixtures;
using MoneroNet.Levin;
using MoneroNet.Wire;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// Many peers at once, CI-sized: 500 raw testnet peers from distinct 127.30.x.y addresses against one node with the
/// default --max-connections-per-ip 1. The node must list every one as an incoming normal connection with the peer's
/// own id and exact byte counters, stay within a small thread budget (no thread per connection), answer
/// get_connections promptly, and forget all of them within seconds once they close. The full-size measurements
/// (1,000 to 10,000 peers) are bench/MoneroNet.LoadTest, reported in docs/BENCHMARKS.md "Many peers".
/// </summary>
[Collection(NodeScenarioCollection.Name)]
public sealed class ScaleTests(ITestOutputHelper output)
{
    private const int PeerCount = 500;
    private const int ConnectsInFlight = 64;
    /// <summary>A node on the thread pool uses ~16 threads idle; one thread per connection would be 500+.</summary>
    private const int MaxNodeThreads = 60;
    /// <summary>Measured ~15 ms for 500 connections; the bound leaves room for a loaded 2-core CI machine.</summary>
    private static readonly TimeSpan MaxGetConnectionsLatency = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    [Fact]
    public Task FiveHundredHandshakedPeers_AllListedNormalWithExactCounters_FewThreads_DroppedOnClose() =>
        InteropRun.RunAsync(output, Budget, async group =>
        {
            var node = await group.StartMoneroNetAsync(new MoneroNetOptions { Name = "moneronet-scale", MaxConnectionsPerIp = 1 });
            var threads = new ThreadSampler(node.ProcessId);
            using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(group.Token);
            var sampling = threads.RunAsync(stopSampling.Token);
            var peers = new ConcurrentBag<AnsweringPeer>();
            try
            {
                // ---- 500 connects + handshakes, 64 in flight, each from its own address ----
                var clock = Stopwatch.StartNew();
                using (var gate = new SemaphoreSlim(ConnectsInFlight))
                {
                    await Task.WhenAll(Enumerable.Range(0, PeerCount).Select(async i =>
                    {
                        await gate.WaitAsync(group.Token);
                        try
                        {
                            var peer = await AnsweringPeer.ConnectAsync(SourceFor(i), node.P2PEndPoint, group.Token);
                            peers.Add(peer);
                            await peer.Handshake.WaitAsync(TimeSpan.FromSeconds(20), group.Token);
                        }
                        finally
                        {
                            gate.Release();
                        }
                    }));
                }
                output.WriteLine($"{PeerCount} connects + handshakes in {clock.Elapsed.TotalSeconds:0.00} s");
                Assert.Equal(PeerCount, peers.Count);
                Assert.Equal(PeerCount, peers.Select(p => p.Local.Address).Distinct().Count());

                // ---- every peer listed once, incoming, normal, with its own peer id ----
                var byAddress = peers.ToDictionary(p => p.Local.ToString());
                var listed = await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync,
                    cs => cs.Count == PeerCount && cs.All(c => c.State == "normal" && byAddress.ContainsKey(c.Address)),
                    TimeSpan.FromSeconds(20), $"all {PeerCount} peers listed in state normal", group.Token,
                    describe: cs => $"{cs.Count} listed, {cs.Count(c => c.State == "normal")} normal; first: {string.Join("; ", cs.Take(5))}");
                Assert.Equal(PeerCount, listed.Select(c => c.Address).Distinct().Count());
                Assert.All(listed, c =>
                {
                    var peer = byAddress[c.Address];
                    Assert.True(c.Incoming, $"{c} listed as outgoing");
                    Assert.Equal(peer.PeerId.ToString("x16"), c.PeerId);
                    Assert.Equal(peer.Local.Address.ToString(), c.Host);
                });

                // ---- byte counters at a quiet moment: node recv = peer wrote, node send = peer read ----
                var (quiet, peerBytes) = await QuietCountersAsync(node.Rpc, peers, group.Token);
                Assert.All(quiet, c =>
                {
                    var (wrote, read) = peerBytes[c.Address];
                    Assert.True(c.RecvCount == (ulong)wrote && c.SendCount == (ulong)read,
                        $"{c.Address}: node recv_count {c.RecvCount} / send_count {c.SendCount}, peer wrote {wrote} / read {read}");
                });

                // ---- get_connections answers promptly with 500 connections ----
                var latencies = new List<TimeSpan>();
                for (int i = 0; i < 5; i++)
                {
                    var call = Stopwatch.StartNew();
                    var answer = await node.Rpc.GetConnectionsAsync(group.Token);
                    latencies.Add(call.Elapsed);
                    Assert.Equal(PeerCount, answer.Count);
                }
                output.WriteLine($"get_connections with {PeerCount}: {string.Join(", ", latencies.Select(l => $"{l.TotalMilliseconds:0} ms"))}");
                Assert.All(latencies, l => Assert.True(l < MaxGetConnectionsLatency,
                    $"get_connections took {l.TotalMilliseconds:0} ms with {PeerCount} connections (bound {MaxGetConnectionsLatency.TotalMilliseconds:0} ms)"));

                Assert.All(peers, p => Assert.False(p.Closed.IsCompleted, $"the node closed {p.Local} ({p.Failure?.Message ?? "no local error"})"));
                output.WriteLine($"node threads: max {threads.Max} over {threads.Samples} samples");
                Assert.True(threads.Samples > 3, $"only {threads.Samples} thread samples taken");
                Assert.True(threads.Max < MaxNodeThreads, $"the node ran {threads.Max} threads with {PeerCount} peers (bound {MaxNodeThreads})");

                // ---- close them all: the node lists none within seconds ----
                var closing = Stopwatch.StartNew();
                await Task.WhenAll(peers.Select(p => p.DisposeAsync().AsTask()));
                await Eventually.MatchAsync(node.Rpc.GetConnectionsAsync, cs => cs.Count == 0, TimeSpan.FromSeconds(10),
                    "the node lists no connection after all peers closed", group.Token, describe: cs => $"{cs.Count} still listed");
                output.WriteLine($"node listed 0 connections {closing.Elapsed.TotalSeconds:0.00} s after the peers began closing");
            }
            finally
            {
                await stopSampling.CancelAsync();
                await sampling;
                foreach (var p in peers) await p.DisposeAsync();
            }
        });

    /// <summary>127.30.x.y, y in 1..250: one address per peer.</summary>
    private static IPAddress SourceFor(int i) => new([127, 30, (byte)(i / 250), (byte)(i % 250 + 1)]);

    /// <summary>
    /// get_connections at a moment when neither side moves a byte: the node's counters unchanged over
    /// <see cref="QuietSnapshot"/>'s interval and the peers' own counters unchanged from before it to after it.
    /// A timed sync round (every 60 s) in between only makes the round repeat.
    /// </summary>
    private static async Task<(IReadOnlyList<ConnectionInfo>, Dictionary<string, (long Wrote, long Read)>)> QuietCountersAsync(
        MonerodRpc rpc, IReadOnlyCollection<AnsweringPeer> peers, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            var before = peers.ToDictionary(p => p.Local.ToString(), p => (p.BytesWritten, p.BytesRead));
            var snapshot = (await QuietSnapshot.TakeAsync([rpc], TimeSpan.FromSeconds(15), ct))[0];
            var after = peers.ToDictionary(p => p.Local.ToString(), p => (p.BytesWritten, p.BytesRead));
            if (before.All(kv => after[kv.Key] == kv.Value)) return (snapshot, after);
            if (attempt == 3) throw new TimeoutException("the peers' byte counters never stayed still across a quiet snapshot");
        }
    }

    /// <summary>Samples the Threads: line of /proc/&lt;pid&gt;/status every 100 ms and keeps the maximum.</summary>
    private sealed class ThreadSampler(int pid)
    {
        private int _max;
        private int _samples;

        public int Max => Volatile.Read(ref _max);
        public int Samples => Volatile.Read(ref _samples);

        public async Task RunAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    string? line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Threads:", StringComparison.Ordinal));
                    if (line is not null)
                    {
                        int threads = int.Parse(line["Threads:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                        if (threads > _max) Volatile.Write(ref _max, threads);
                        Interlocked.Increment(ref _samples);
                    }
                    await Task.Delay(100, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (IOException)
                {
                    return; // the node exited; the test's own checks say why
                }
            }
        }
    }

    /// <summary>
    /// A raw testnet peer that stays: handshakes (genesis only, my_port 0 so it is never back-pinged), then answers
    /// the node's timed syncs, support-flag requests and pings, counting every byte it writes and reads. Unlike
    /// <see cref="RawHandshakePeer"/>, which only drains, it survives a timed-sync round and its counters can be
    /// compared with the node's recv_count / send_count.
    /// </summary>
    private sealed class AnsweringPeer : ILevinMessageHandler, IAsyncDisposable
    {
        private readonly Socket _socket;
        private readonly NetworkStream _stream;
        private readonly PipeReader _reader;
        private readonly LevinConnectionReader _levin = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CoreSyncData _syncData = GenesisTestnetPeer.SyncData();
        private Task _readLoop = Task.CompletedTask;
        private long _written;
        private long _read;
        private int _disposed;

        private AnsweringPeer(Socket socket)
        {
            _socket = socket;
            _stream = new NetworkStream(socket, ownsSocket: false);
            _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 2048, minimumReadSize: 512, leaveOpen: true));
            Local = (IPEndPoint)socket.LocalEndPoint!;
        }

        public IPEndPoint Local { get; }
        public ulong PeerId { get; } = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        public long BytesWritten => Interlocked.Read(ref _written);
        public long BytesRead => Interlocked.Read(ref _read);
        public Task Handshake => _handshake.Task;
        public Task Closed => _readLoop;
        public Exception? Failure { get; private set; }

        public static async Task<AnsweringPeer> ConnectAsync(IPAddress source, IPEndPoint node, CancellationToken ct)
        {
            var peer = new AnsweringPeer(await GenesisTestnetPeer.ConnectAsync(source, node, ct));
            var request = GenesisTestnetPeer.HandshakeRequest(peer.PeerId, peer._syncData);
            // Written before the read loop starts; afterwards only the read loop writes, so writes never interleave.
            await peer.SendAsync(w => LevinWriter.WriteRequest(w, P2PCommands.Handshake, WireCodec.Encode(request)), ct);
            peer._readLoop = peer.ReadLoopAsync();
            return peer;
        }

        private async Task ReadLoopAsync()
        {
            try
            {
                var outcome = await _levin.RunAsync(_reader, this, _stop.Token);
                _handshake.TrySetException(new IOException($"connection ended before the handshake answer ({outcome.Kind})"));
            }
            catch (Exception e)
            {
                if (e is not (IOException or SocketException or ObjectDisposedException or OperationCanceledException)) Failure = e;
                _handshake.TrySetException(e);
            }
        }

        void ILevinMessageHandler.OnBytesReceived(long byteCount) => Interlocked.Add(ref _read, byteCount);

        async ValueTask<bool> ILevinMessageHandler.HandleAsync(LevinMessage message, CancellationToken ct)
        {
            var header = message.Header;
            if ((header.Flags & LevinFlags.Response) != 0 && header.Command == P2PCommands.Handshake)
            {
                if (header.ReturnCode <= 0) throw new InvalidDataException($"handshake answered with return code {header.ReturnCode}");
                var answer = WireCodec.Decode<HandshakeResponse>(message.Body);
                if (answer.NodeData.NetworkId != NetworkConstants.NetworkIdOf(NetworkType.Testnet))
                    throw new InvalidDataException("handshake answer from another network");
                _levin.MaxPacketSize = LevinLimits.DefaultMaxPacketSize;
                _handshake.TrySetResult();
                return true;
            }
            if (!header.ExpectResponse) return true; // notifications: nothing for an idle peer to do
            byte[] body = header.Command switch
            {
                P2PCommands.TimedSync => WireCodec.Encode(new TimedSyncResponse { PayloadData = _syncData }),
                P2PCommands.RequestSupportFlags => WireCodec.Encode(new SupportFlagsResponse { SupportFlags = NetworkConstants.SupportFlagFluffyBlocks }),
                P2PCommands.Ping => WireCodec.Encode(new PingResponse { Status = NetworkConstants.PingOkStatus, PeerId = PeerId }),
                _ => throw new InvalidDataException($"unexpected request {header.Command} to an idle peer"),
            };
            await SendAsync(w => LevinWriter.WriteResponse(w, header.Command, LevinReturnCodes.Success, body), ct);
            return true;
        }

        private async Task SendAsync(Action<ArrayBufferWriter<byte>> write, CancellationToken ct)
        {
            var frame = new ArrayBufferWriter<byte>(256);
            write(frame);
            var bytes = frame.WrittenMemory;
            while (!bytes.IsEmpty)
            {
                int sent = await _socket.SendAsync(bytes, SocketFlags.None, ct);
                Interlocked.Add(ref _written, sent);
                bytes = bytes[sent..];
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            await _stop.CancelAsync();
            try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { }
            _socket.Dispose();
            await _readLoop;
            await _reader.CompleteAsync();
            await _stream.DisposeAsync();
            _levin.Dispose();
            _stop.Dispose();
        }
    }
}
