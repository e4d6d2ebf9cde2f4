namespace MoneroNet.P2P.Connections;

/// <summary>The cryptonote protocol state of a connection, as monerod names it in get_connections.</summary>
public enum ConnectionState
{
    BeforeHandshake,
    Synchronizing,
    Standby,
    Normal,
}

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
