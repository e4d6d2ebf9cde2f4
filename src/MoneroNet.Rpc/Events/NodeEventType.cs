namespace MoneroNet.Rpc.Events;

/// <summary>The "type" of each event on <c>GET /events</c> (docs/OBSERVABILITY.md, "Events").</summary>
public static class NodeEventType
{
    public const string ConnectionOpened = "connection_opened";
    public const string HandshakeCompleted = "handshake_completed";
    public const string HeightChanged = "height_changed";
    public const string ProxySuspected = "proxy_suspected";
    public const string ConnectionClosed = "connection_closed";
    public const string BanAdded = "ban_added";
    public const string BanRemoved = "ban_removed";
    public const string LimitsChanged = "limits_changed";

    /// <summary>The last event a subscriber that fell behind receives before its stream is closed.</summary>
    public const string Overflow = "overflow";
}
