namespace MoneroNet.Rpc.Node;

/// <summary>
/// How many live connections there are by direction and state, and by connection type and zone (<c>/metrics</c>).
/// A node fills it from a tally it keeps (the host: the P2P registry's) or, without one, in one pass over its
/// connection snapshots; names outside the known lists are counted under the last key of
/// their list ("other"; for the type "unknown", as get_connection_stats names a connection the node keeps no facts
/// for), so the sums always equal the number of connections.
/// </summary>
public sealed class ConnectionCounts
{
    private const int StateCount = 5;
    private const int TypeCount = 9;
    private const int ZoneCount = 4;

    /// <summary>monerod's connection states as <see cref="ConnectionSnapshot.State"/> names them.</summary>
    public static readonly IReadOnlyList<string> States = ["before_handshake", "synchronizing", "standby", "normal", "other"];

    /// <summary>The connection types of <see cref="ConnectionFactsSnapshot.ConnectionType"/>.</summary>
    public static readonly IReadOnlyList<string> ConnectionTypes =
        ["inbound", "outbound", "anchor", "priority", "exclusive", "manual", "seed", "feeler", "unknown"];

    /// <summary>monerod's network zones: public (IPv4 and IPv6), tor, i2p; "other" for an invalid address type.</summary>
    public static readonly IReadOnlyList<string> Zones = ["public", "tor", "i2p", "other"];

    private readonly int[] _byDirectionAndState = new int[2 * StateCount];
    private readonly int[] _byTypeAndZone = new int[TypeCount * ZoneCount];

    /// <summary>Every connection counted.</summary>
    public int Total { get; private set; }

    /// <summary>Counts one connection by the indexes of its names in <see cref="States"/>, <see cref="ConnectionTypes"/>
    /// and <see cref="Zones"/> (out-of-range indexes count under each list's last name).</summary>
    public void Add(bool incoming, int state, int connectionType, int zone)
    {
        AddByDirectionAndState(incoming, state, 1);
        AddByTypeAndZone(connectionType, zone, 1);
    }

    /// <summary>
    /// Adds <paramref name="count"/> connections of one direction and state (a node that keeps its own tally fills the
    /// two tables separately; each must add up to the same total, which <see cref="AddByTypeAndZone"/> counts).
    /// </summary>
    public void AddByDirectionAndState(bool incoming, int state, int count) =>
        _byDirectionAndState[(incoming ? 0 : StateCount) + Clamp(state, StateCount)] += count;

    /// <summary>Adds <paramref name="count"/> connections of one type and zone to that table and to <see cref="Total"/>.</summary>
    public void AddByTypeAndZone(int connectionType, int zone, int count)
    {
        _byTypeAndZone[Clamp(connectionType, TypeCount) * ZoneCount + Clamp(zone, ZoneCount)] += count;
        Total += count;
    }

    /// <summary>Counts one connection snapshot (the way a node without its own tally is counted).</summary>
    public void Add(ConnectionSnapshot connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var type = connection.Facts is { } facts ? IndexOf(ConnectionTypes, facts.ConnectionType) : ConnectionTypes.Count - 1;
        Add(connection.Incoming, IndexOf(States, connection.State), type, ZoneOf(connection.AddressType));
    }

    /// <summary>The counts of <paramref name="connections"/>.</summary>
    public static ConnectionCounts Of(IEnumerable<ConnectionSnapshot> connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        var counts = new ConnectionCounts();
        foreach (var connection in connections)
        {
            counts.Add(connection);
        }

        return counts;
    }

    /// <summary>Connections in <paramref name="state"/> (an index of <see cref="States"/>) that the remote end opened
    /// (<paramref name="incoming"/>) or we opened.</summary>
    public int ByDirectionAndState(bool incoming, int state) => _byDirectionAndState[(incoming ? 0 : StateCount) + state];

    /// <summary>Connections of a type (index of <see cref="ConnectionTypes"/>) in a zone (index of <see cref="Zones"/>).</summary>
    public int ByTypeAndZone(int connectionType, int zone) => _byTypeAndZone[connectionType * ZoneCount + zone];

    /// <summary>The index in <see cref="Zones"/> of monerod's address type id (1 IPv4, 2 IPv6, 3 i2p, 4 tor).</summary>
    public static int ZoneOf(byte addressType) => addressType switch
    {
        1 or 2 => 0,
        4 => 1,
        3 => 2,
        _ => 3,
    };

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count - 1; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return names.Count - 1;
    }

    private static int Clamp(int index, int count) => (uint)index < (uint)count ? index : count - 1;
}
