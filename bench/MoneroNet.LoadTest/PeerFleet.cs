using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using MoneroNet.TestSupport;
using MoneroNet.Wire;

namespace MoneroNet.LoadTest;

/// <summary>How the fleet's connects and handshakes went.</summary>
public sealed record FleetConnectResult(int Connected, TimeSpan Elapsed, IReadOnlyList<TimeSpan> HandshakeLatencies,
    IReadOnlyList<string> Failures);

/// <summary>
/// N <see cref="IdlePeer"/>s, peer i from address i of 127.<c>sourceBlock</c>.0.0/16 (<see cref="Loopback.SourceIn"/>;
/// 127.10.x.y unless told otherwise, see <see cref="Loopback.SourceFor"/>). Connects run with a bounded number in
/// flight (the node's listen backlog is finite; a SYN dropped from a full queue costs a 1 s retransmit).
/// </summary>
public sealed class PeerFleet : IAsyncDisposable
{
    private readonly IdlePeer?[] _peers;
    private readonly byte _sourceBlock;

    public PeerFleet(int count, byte sourceBlock = 10)
    {
        _peers = new IdlePeer?[count];
        _sourceBlock = sourceBlock;
    }

    public IEnumerable<IdlePeer> Peers => _peers.OfType<IdlePeer>();

    public async Task<FleetConnectResult> ConnectAllAsync(IPEndPoint node, NetworkType network, int inFlight,
        TimeSpan handshakeTimeout, CancellationToken ct)
    {
        var latencies = new ConcurrentBag<TimeSpan>();
        var failures = new ConcurrentQueue<string>();
        using var gate = new SemaphoreSlim(inFlight);
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, _peers.Length).Select(async i =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            var source = Loopback.SourceIn(_sourceBlock, i);
            try
            {
                var started = clock.Elapsed;
                Loopback.Require(source, "source address");
                Loopback.Require(node.Address, "node address");
                var peer = await IdlePeer.ConnectAsync(source, node, network, strict: false, ct).ConfigureAwait(false);
                _peers[i] = peer;
                await peer.Handshake.WaitAsync(handshakeTimeout, ct).ConfigureAwait(false);
                latencies.Add(clock.Elapsed - started);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failures.Enqueue($"{source}: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var sorted = latencies.ToList();
        sorted.Sort();
        return new FleetConnectResult(sorted.Count, elapsed, sorted, failures.ToList());
    }

    /// <summary>Closes every connection (FIN from each source address); returns how long closing took here.</summary>
    public async Task<TimeSpan> CloseAllAsync()
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(_peers.OfType<IdlePeer>().Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
        Array.Clear(_peers);
        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync() => await CloseAllAsync().ConfigureAwait(false);
}
