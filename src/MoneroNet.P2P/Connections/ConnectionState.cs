namespace MoneroNet.P2P.Connections;

/// <summary>The cryptonote protocol state of a connection, as monerod names it in get_connections.</summary>
public enum ConnectionState
{
    /// <summary>Connected, handshake not completed (monerod's before_handshake).</summary>
    BeforeHandshake,
    /// <summary>monerod's synchronizing (a connection a syncing node fetches blocks on); MoneroNet never syncs, so never enters it.</summary>
    Synchronizing,
    /// <summary>monerod's standby (a syncing node's idle connection); never entered by MoneroNet.</summary>
    Standby,
    /// <summary>Handshaked and in normal exchange (docs/PROTOCOL.md §6.5).</summary>
    Normal,
}

/// <summary>The names get_connections prints for <see cref="ConnectionState"/> values.</summary>
public static class ConnectionStateNames
{
    /// <summary>monerod's <c>get_protocol_state_string</c> (0.14 onward short forms).</summary>
    public static string ToMonerodString(this ConnectionState state) => state switch
    {
        ConnectionState.BeforeHandshake => "before_handshake",
        ConnectionState.Synchronizing => "synchronizing",
        ConnectionState.Standby => "standby",
        ConnectionState.Normal => "normal",
        _ => "unknown",
    };
}
