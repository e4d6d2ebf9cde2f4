using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MoneroNet.TestSupport;
using MoneroNet.Wire;

namespace MoneroNet.LoadTest.Soak;

/// <summary>
/// Bans set and running out, one action every <see cref="SoakOptions.BanInterval"/>, in turn: a host ban on the
/// next 127.13.x.y, another host ban, a subnet ban on the next 127.14.k.0/24, a ban on a live well-behaved peer.
/// Each lasts a random 3–20 s (set_bans <c>seconds</c>); the live peer's 2–6 s. After a host or subnet ban a probe
/// connects from a banned address and must be refused; once the ban has run out, a second probe must be admitted.
/// A banned live peer must be dropped. get_bans answers are checked by <see cref="Observe"/>.
/// </summary>
public sealed class BanChurn(SoakTarget target, SoakOptions options, ConnectionsRpc rpc, LivePeers live, SoakCounters counters,
    AddressRing hosts)
{
    /// <summary>
    /// A ban the node confirmed (set_bans answered) at <c>Confirmed</c>; it ends between <c>EarliestEnd</c> (the
    /// node counts whole unix seconds, so up to a second before the request plus its seconds) and <c>LatestEnd</c>
    /// (the answer plus its seconds). Stopwatch ticks.
    /// </summary>
    private readonly record struct TrackedBan(long Confirmed, long EarliestEnd, long LatestEnd);

    /// <summary>How long after its latest end a ban may still be listed, and a probe must wait for the end.</summary>
    private static readonly TimeSpan ExpiryGrace = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, TrackedBan> _tracked = new(StringComparer.Ordinal);
    private readonly TaskGroup _probes = new();
    private int _subnet = -1;

    public async Task RunAsync(CancellationToken ct)
    {
        long n = 0;
        using var timer = new PeriodicTimer(options.BanInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    switch (n++ % 4)
                    {
                        case 0 or 1: await BanHostAsync(ct).ConfigureAwait(false); break;
                        case 2: await BanSubnetAsync(ct).ConfigureAwait(false); break;
                        default: await BanLivePeerAsync(ct).ConfigureAwait(false); break;
                    }
                }
                catch (HttpRequestException e)
                {
                    counters.Anomaly("rpc failed", $"set_bans: {e.Message}");
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    counters.Anomaly("rpc failed", "set_bans: no answer within the client timeout");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        await _probes.WhenAllAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Checks one get_bans answer (the listed host strings) whose request started at <paramref name="requestStarted"/>
    /// (Stopwatch ticks) against the bans this churn set: a ban confirmed before the request must be listed until it
    /// runs out and gone <see cref="ExpiryGrace"/> after that.
    /// </summary>
    public void Observe(IReadOnlySet<string> listed, long requestStarted)
    {
        long answered = Stopwatch.GetTimestamp();
        foreach (var (host, ban) in _tracked)
        {
            if (ban.Confirmed > requestStarted) continue;
            if (listed.Contains(host))
            {
                if (requestStarted > ban.LatestEnd + Ticks(ExpiryGrace) && _tracked.TryRemove(host, out _))
                    counters.Anomaly("ban outlived", $"{host} still listed by get_bans {ExpiryGrace.TotalSeconds:0} s after its end");
            }
            else if (answered < ban.EarliestEnd)
            {
                if (_tracked.TryRemove(host, out _)) counters.Anomaly("ban missing", $"{host} not listed by get_bans before its end");
            }
            else if (_tracked.TryRemove(host, out _))
            {
                counters.BansSeenExpired.Increment();
            }
        }
    }

    private async Task BanHostAsync(CancellationToken ct)
    {
        var host = hosts.Next();
        int seconds = Random.Shared.Next(options.BanSecondsMin, options.BanSecondsMax + 1);
        await SetBanAsync(host.ToString(), seconds, ct).ConfigureAwait(false);
        counters.HostBansSet.Increment();
        ProbeAround(host, seconds, ct);
    }

    private async Task BanSubnetAsync(CancellationToken ct)
    {
        // 127.14.k.0/24 in turn, probed from 127.14.k.7.
        int k = (int)((uint)Interlocked.Increment(ref _subnet) % 256);
        var probe = new IPAddress([127, 14, (byte)k, 7]);
        string subnet = string.Create(CultureInfo.InvariantCulture, $"127.14.{k}.0/24");
        int seconds = Random.Shared.Next(options.BanSecondsMin, options.BanSecondsMax + 1);
        await SetBanAsync(subnet, seconds, ct).ConfigureAwait(false);
        counters.SubnetBansSet.Increment();
        ProbeAround(probe, seconds, ct);
    }

    private async Task BanLivePeerAsync(CancellationToken ct)
    {
        var peer = live.TakeForBan();
        if (peer is null) return;
        int seconds = Random.Shared.Next(2, 7);
        await SetBanAsync(peer.Local.Address.ToString(), seconds, ct).ConfigureAwait(false);
        counters.LivePeerBansSet.Increment();
        _probes.Run(async () =>
        {
            await Task.WhenAny(peer.Closed, Task.Delay(options.ReactionTimeout, ct)).ConfigureAwait(false);
            if (!peer.Closed.IsCompleted && !ct.IsCancellationRequested)
                counters.Anomaly("banned peer kept", $"{peer.Local.Address} still connected {options.ReactionTimeout.TotalSeconds:0} s after its ban");
        });
    }

    private async Task SetBanAsync(string host, int seconds, CancellationToken ct)
    {
        string json = string.Create(CultureInfo.InvariantCulture, $$"""{"bans":[{"host":"{{host}}","ban":true,"seconds":{{seconds}}}]}""");
        long before = Stopwatch.GetTimestamp();
        await rpc.CallAsync("set_bans", json, ct).ConfigureAwait(false);
        counters.SetBansCalls.Increment();
        long confirmed = Stopwatch.GetTimestamp();
        _tracked[host] = new TrackedBan(confirmed, before + (seconds - 1) * Stopwatch.Frequency, confirmed + seconds * Stopwatch.Frequency);
    }

    private static long Ticks(TimeSpan t) => (long)(t.TotalSeconds * Stopwatch.Frequency);

    /// <summary>A probe from the banned address now (must be refused) and one after the ban's end (must be admitted).</summary>
    private void ProbeAround(IPAddress banned, int seconds, CancellationToken ct) => _probes.Run(async () =>
    {
        try
        {
            if (await ProbeAsync(banned, ct).ConfigureAwait(false))
                counters.Anomaly("banned host admitted", $"{banned} completed a handshake during its {seconds} s ban");
            else
                counters.BannedProbesRefused.Increment();
            await Task.Delay(TimeSpan.FromSeconds(seconds) + ExpiryGrace, ct).ConfigureAwait(false);
            if (await ProbeAsync(banned, ct).ConfigureAwait(false))
                counters.ExpiredBanProbesAdmitted.Increment();
            else if (!ct.IsCancellationRequested)
                counters.Anomaly("expired ban refuses", $"{banned} still refused {ExpiryGrace.TotalSeconds:0} s after its {seconds} s ban ended");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            counters.Anomaly("probe failed", $"{banned}: {e.GetType().Name}: {e.Message}");
        }
    });

    /// <summary>Connects from <paramref name="source"/> and handshakes; true when the node answered the handshake.</summary>
    private async Task<bool> ProbeAsync(IPAddress source, CancellationToken ct)
    {
        IdlePeer peer;
        try
        {
            peer = await IdlePeer.ConnectAsync(source, target.P2P, NetworkType.Testnet, strict: false, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false; // closed or reset by the node before our handshake was out
        }
        await using (peer.ConfigureAwait(false))
        {
            try
            {
                await peer.Handshake.WaitAsync(options.ReactionTimeout, ct).ConfigureAwait(false);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }
    }
}
