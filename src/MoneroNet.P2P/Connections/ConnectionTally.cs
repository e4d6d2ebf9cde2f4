namespace MoneroNet.P2P.Connections;

/// <summary>
/// How many listed connections there are by direction and state, and by connection type and address type, kept as
/// counters that <see cref="ConnectionRegistry"/> moves when a session is listed, changes state or leaves, so that
/// reading them (a /metrics scrape) costs the same at 10,000 peers as at none. Not thread-safe on its own: the
/// registry updates and copies it under its lock.
/// </summary>
public sealed class ConnectionTally
{
    /// <summary>Values of <see cref="ConnectionState"/>.</summary>
    public static readonly int StateCount = Enum.GetValues<ConnectionState>().Length;
    /// <summary>Values of <see cref="PeerConnectionType"/>.</summary>
    public static readonly int TypeCount = Enum.GetValues<PeerConnectionType>().Length;
    /// <summary>Address type ids 0–4 (monerod's: 1 IPv4, 2 IPv6, 3 i2p, 4 tor; 0 invalid).</summary>
    public const int AddressTypeCount = 5;

    private readonly int[] _byDirectionAndState = new int[2 * StateCount];
    private readonly int[] _byTypeAndAddressType = new int[TypeCount * AddressTypeCount];

    /// <summary>Connections that <paramref name="incoming"/> or not, are in <paramref name="state"/>.</summary>
    public int ByDirectionAndState(bool incoming, ConnectionState state) => _byDirectionAndState[DirectionIndex(incoming, state)];

    /// <summary>Connections of <paramref name="type"/> whose address has type id <paramref name="addressType"/>.</summary>
    public int ByTypeAndAddressType(PeerConnectionType type, byte addressType) =>
        _byTypeAndAddressType[TypeIndex(type, addressType)];

    internal void Add(PeerSession session, int delta)
    {
        _byDirectionAndState[DirectionIndex(session.Incoming, session.State)] += delta;
        _byTypeAndAddressType[TypeIndex(session.ConnectionType, session.Address.TypeId)] += delta;
    }

    internal void Move(bool incoming, ConnectionState from, ConnectionState to)
    {
        _byDirectionAndState[DirectionIndex(incoming, from)]--;
        _byDirectionAndState[DirectionIndex(incoming, to)]++;
    }

    internal void CopyTo(ConnectionTally target)
    {
        _byDirectionAndState.CopyTo(target._byDirectionAndState, 0);
        _byTypeAndAddressType.CopyTo(target._byTypeAndAddressType, 0);
    }

    private static int DirectionIndex(bool incoming, ConnectionState state) => (incoming ? 0 : StateCount) + (int)state;

    private static int TypeIndex(PeerConnectionType type, byte addressType) =>
        (int)type * AddressTypeCount + Math.Min((int)addressType, AddressTypeCount - 1);
}
