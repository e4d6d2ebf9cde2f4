namespace MoneroNet.P2P.Connections;

/// <summary>Why a connection ended; every close is logged with one of these (Nethermind-style typed reasons).</summary>
public enum DisconnectReason
{
    /// <summary>The remote end closed the TCP connection.</summary>
    RemoteClosed,
    /// <summary>A socket error (reset, broken pipe).</summary>
    SocketError,
    /// <summary>The node is shutting down.</summary>
    Shutdown,
    /// <summary>Levin signature mismatch.</summary>
    BadSignature,
    /// <summary>A Levin header declared more bytes than the current packet or command limit.</summary>
    PacketTooLarge,
    /// <summary>Another malformed Levin frame (bad fragment, bad protocol version).</summary>
    MalformedFrame,
    /// <summary>The peer's handshake named another network.</summary>
    WrongNetwork,
    /// <summary>The peer is ourselves (same peer id).</summary>
    SelfConnection,
    /// <summary>A second handshake on an established connection, or a handshake on an outgoing one.</summary>
    UnexpectedHandshake,
    /// <summary>The handshake was refused or its response could not be used.</summary>
    HandshakeFailed,
    /// <summary>No handshake completed within the allowed time.</summary>
    HandshakeTimeout,
    /// <summary>A request we sent was not answered in time.</summary>
    RequestTimeout,
    /// <summary>A response arrived while no request of ours was outstanding, or for another command.</summary>
    UnexpectedResponse,
    /// <summary>The peer sent an invalid message body or sync data that monerod would drop the peer for.</summary>
    ProtocolViolation,
    /// <summary>The peer list was too long or contained addresses of another zone.</summary>
    BadPeerList,
    /// <summary>The connection was idle past its idle timeout.</summary>
    IdleTimeout,
    /// <summary>A limit (in/out peers, per-IP) left no room for this connection.</summary>
    ConnectionLimit,
    /// <summary>The host is banned.</summary>
    Banned,
    /// <summary>Our send queue to a slow peer passed its bound.</summary>
    SendQueueFull,
    /// <summary>Closed on an operator's request (RPC).</summary>
    Requested,
    /// <summary>The peer id is already connected on another connection; the newer one is dropped (monerod).</summary>
    DuplicatePeerId,
    /// <summary>A back-ping connection closed after its single ping (answered or not).</summary>
    BackPingDone,
    /// <summary>A gray-list probe closed after its handshake that only took the peer list (answered or not).</summary>
    PeerListProbeDone,
}
