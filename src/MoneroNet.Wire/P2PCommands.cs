namespace MoneroNet.Wire;

/// <summary>Ids of the P2P (admin) commands, <c>P2P_COMMANDS_POOL_BASE</c> + n (docs/PROTOCOL.md §3).</summary>
public static class P2PCommands
{
    /// <summary>COMMAND_HANDSHAKE: the first request on every connection (docs/PROTOCOL.md §3.3).</summary>
    public const uint Handshake = 1001;
    /// <summary>COMMAND_TIMED_SYNC: chain state and peer lists, every 60 s (docs/PROTOCOL.md §3.4).</summary>
    public const uint TimedSync = 1002;
    /// <summary>COMMAND_PING: answered with the peer id and "OK" (docs/PROTOCOL.md §3.5).</summary>
    public const uint Ping = 1003;
    /// <summary>Not implemented by monerod 0.18 (answered with return code −6).</summary>
    public const uint RequestStatInfo = 1004;
    /// <summary>Not implemented by monerod 0.18 (answered with return code −6).</summary>
    public const uint RequestNetworkState = 1005;
    /// <summary>Not implemented by monerod 0.18 (answered with return code −6).</summary>
    public const uint RequestPeerId = 1006;
    /// <summary>COMMAND_REQUEST_SUPPORT_FLAGS (docs/PROTOCOL.md §3.6).</summary>
    public const uint RequestSupportFlags = 1007;

    /// <summary>monerod's name of a P2P command id, or null when the id is not one.</summary>
    public static string? NameOf(uint command) => command switch
    {
        Handshake => "COMMAND_HANDSHAKE",
        TimedSync => "COMMAND_TIMED_SYNC",
        Ping => "COMMAND_PING",
        RequestStatInfo => "COMMAND_REQUEST_STAT_INFO",
        RequestNetworkState => "COMMAND_REQUEST_NETWORK_STATE",
        RequestPeerId => "COMMAND_REQUEST_PEER_ID",
        RequestSupportFlags => "COMMAND_REQUEST_SUPPORT_FLAGS",
        _ => null,
    };
}
