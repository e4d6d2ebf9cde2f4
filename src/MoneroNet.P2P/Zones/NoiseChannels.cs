using System.Buffers;
using MoneroNet.Levin;
using MoneroNet.P2P.Connections;

namespace MoneroNet.P2P.Zones;

/// <summary>
/// monerod 0.18's noise on --tx-proxy zones (cryptonote_protocol/levin_notify.cpp; docs/PROTOCOL.md §2.6, §3.9): each
/// zone with noise has two channels; each channel carries one of the zone's outgoing connections, re-picked at random
/// every epoch (5 min + up to 30 s) and filled as soon as a connection is there, and sends a fixed 3 KiB dummy Levin
/// packet (flags B|E, command 0, zero body) every 10 s + up to 5 s. monerod sends its transactions as fragments of the
/// same size in place of dummies; MoneroNet relays no transactions, so its channels only ever carry dummies — which
/// is what a monerod with nothing to send does, so the two cannot be told apart by their traffic's shape.
/// Driven by the maintainer's tick; owns the channels' connections and timers.
/// </summary>
internal sealed class NoiseChannels
{
    /// <summary>CRYPTONOTE_NOISE_BYTES: every noise packet's size on the wire, header included.</summary>
    public const int NoiseBytes = 3 * 1024;
    /// <summary>CRYPTONOTE_NOISE_CHANNELS: outgoing connections a zone uses for noise.</summary>
    public const int Channels = 2;
    /// <summary>CRYPTONOTE_NOISE_MIN_DELAY and _DELAY_RANGE: a channel's wait between two packets.</summary>
    public static readonly TimeSpan MinDelay = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DelayRange = TimeSpan.FromSeconds(5);
    /// <summary>CRYPTONOTE_NOISE_MIN_EPOCH and _EPOCH_RANGE: how long the channels keep their connections.</summary>
    public static readonly TimeSpan MinEpoch = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan EpochRange = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private readonly ZoneNoise[] _zones;

    /// <summary>The one dummy packet every channel sends (immutable, shared by every send).</summary>
    internal static readonly byte[] DummyPacket = MakeDummy();

    public NoiseChannels(AnonymityZones zones, TimeProvider time)
    {
        _time = time;
        long now = time.GetTimestamp();
        _zones = [.. zones.All.Where(z => z.Proxy is { Noise: true }).Select(z => new ZoneNoise(z.Zone, now, this))];
    }

    /// <summary>Whether any zone sends noise.</summary>
    public bool Enabled => _zones.Length > 0;

    /// <summary>One tick: new epochs, empty channels filled, due packets sent. <paramref name="sessions"/> is the registry.</summary>
    public void Tick(long now, IEnumerable<PeerSession> sessions)
    {
        if (_zones.Length == 0) return;
        foreach (var zone in _zones) zone.Tick(now, sessions);
    }

    private long After(long from, TimeSpan min, TimeSpan range) =>
        from + (long)((min.TotalSeconds + Random.Shared.NextDouble() * range.TotalSeconds) * _time.TimestampFrequency);

    private static byte[] MakeDummy()
    {
        var writer = new ArrayBufferWriter<byte>(NoiseBytes);
        LevinWriter.WriteDummy(writer, NoiseBytes);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>One zone's channels (touched by the maintainer's tick only, so no lock).</summary>
    private sealed class ZoneNoise
    {
        private readonly NetworkZone _zone;
        private readonly NoiseChannels _owner;
        private readonly PeerSession?[] _channel = new PeerSession?[Channels];
        private readonly long[] _nextNoise = new long[Channels];
        private long _nextEpoch;

        public ZoneNoise(NetworkZone zone, long now, NoiseChannels owner)
        {
            _zone = zone;
            _owner = owner;
            // monerod starts an epoch and every channel's timer when the zone's notifier is made, at start.
            _nextEpoch = owner.After(now, MinEpoch, EpochRange);
            for (int i = 0; i < Channels; i++) _nextNoise[i] = owner.After(now, MinDelay, DelayRange);
        }

        public void Tick(long now, IEnumerable<PeerSession> sessions)
        {
            var outgoing = sessions.Where(s => s.Zone == _zone && !s.Incoming && !s.IsProbe && s.HandshakeComplete && !s.IsClosed).ToList();
            if (now >= _nextEpoch)
            {
                // A new epoch: the channels take (up to) two outgoing connections at random.
                _nextEpoch = _owner.After(now, MinEpoch, EpochRange);
                Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(outgoing));
                for (int i = 0; i < Channels; i++) _channel[i] = i < outgoing.Count ? outgoing[i] : null;
            }
            else
            {
                // Between epochs monerod fills a channel whose connection is gone, or empty, from the connections
                // it does not use yet (update_channels on a new connection or a failed send).
                for (int i = 0; i < Channels; i++)
                {
                    if (_channel[i] is { IsClosed: false }) continue;
                    _channel[i] = outgoing.FirstOrDefault(s => Array.IndexOf(_channel, s) < 0);
                }
            }
            for (int i = 0; i < Channels; i++)
            {
                if (now < _nextNoise[i]) continue;
                _nextNoise[i] = _owner.After(now, MinDelay, DelayRange);
                if (_channel[i] is { IsClosed: false } session) session.SendNoise(DummyPacket);
            }
        }
    }
}
