using MoneroNet.TestSupport;
using MoneroNet.Wire;

namespace MoneroNet.LoadTest.Soak;

/// <summary>
/// Well-behaved peers coming and going: keeps <see cref="SoakOptions.Peers"/> connected, each an
/// <see cref="IdlePeer"/> from its own free 127.10.x.y that handshakes, answers what the node asks for a random
/// lifetime and leaves with a FIN or, for <see cref="SoakOptions.ResetShare"/> of them, a reset. The node must
/// admit and keep every one: a refused handshake or an early drop that no ban explains is an anomaly.
/// </summary>
public sealed class PeerChurn(SoakTarget target, SoakOptions options, AddressPool pool, LivePeers live, SoakCounters counters)
{
    private readonly TaskGroup _peers = new();
    private int _connecting;

    /// <summary>Tops the population up every 100 ms until <paramref name="ct"/> is cancelled, then closes every peer.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            while (live.Count + Volatile.Read(ref _connecting) < options.Peers && Volatile.Read(ref _connecting) < options.InFlight)
            {
                var address = pool.Take();
                if (address is null)
                {
                    counters.Anomaly("soak", "address pool exhausted");
                    break;
                }
                Interlocked.Increment(ref _connecting);
                _peers.Run(() => LiveAsync(address, ct));
            }
            try
            {
                await Task.Delay(100, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await _peers.WhenAllAsync().ConfigureAwait(false);
    }

    private async Task LiveAsync(System.Net.IPAddress address, CancellationToken ct)
    {
        counters.PeersStarted.Increment();
        IdlePeer? peer = null;
        bool connecting = true;
        try
        {
            peer = await IdlePeer.ConnectAsync(address, target.P2P, NetworkType.Testnet, strict: false, ct).ConfigureAwait(false);
            await peer.Handshake.WaitAsync(options.ReactionTimeout, ct).ConfigureAwait(false);
            counters.PeersHandshaken.Increment();
            live.Add(peer);
            Interlocked.Decrement(ref _connecting);
            connecting = false;

            var lifetime = Lifetime();
            await Task.WhenAny(peer.Closed, Task.Delay(lifetime, ct)).ConfigureAwait(false);
            if (peer.Closed.IsCompleted)
            {
                // Closed by the node: only a ban set on this peer explains that (a loopback peer may idle 20 min).
                if (live.IsBanned(peer)) counters.PeersDroppedByBan.Increment();
                else counters.Anomaly("peer dropped", $"{address} dropped by the node after the handshake ({peer.Failure?.Message ?? "no local error"})");
                return;
            }
            if (ct.IsCancellationRequested) return;
            if (Random.Shared.NextDouble() < options.ResetShare)
            {
                await peer.AbortAsync().ConfigureAwait(false);
                counters.PeersLeftWithReset.Increment();
            }
            else
            {
                await peer.DisposeAsync().ConfigureAwait(false);
                counters.PeersLeftWithFin.Increment();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The drain: the peer closes below.
        }
        catch (Exception e)
        {
            counters.Anomaly("handshake failed", $"{address}: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            if (connecting) Interlocked.Decrement(ref _connecting);
            if (peer is not null)
            {
                live.Remove(peer);
                counters.TimedSyncsAnswered.Add(peer.TimedSyncsAnswered);
                await peer.DisposeAsync().ConfigureAwait(false);
            }
            pool.Return(address);
        }
    }

    private TimeSpan Lifetime()
    {
        bool longLived = Random.Shared.NextDouble() < options.LongLivedShare;
        var (min, max) = longLived ? (options.LongLifeMin, options.LongLifeMax) : (options.ShortLifeMin, options.ShortLifeMax);
        return min + (max - min) * Random.Shared.NextDouble();
    }
}
