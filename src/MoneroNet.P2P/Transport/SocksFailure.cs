namespace MoneroNet.P2P.Transport;

/// <summary>Why a connection through a SOCKS proxy failed; each has its own log text (<see cref="SocksException"/>).</summary>
public enum SocksFailure
{
    /// <summary>The proxy itself could not be reached (refused, unreachable, connect timeout).</summary>
    ProxyUnreachable,
    /// <summary>The proxy did not answer a step within the reply timeout.</summary>
    ReplyTimeout,
    /// <summary>The proxy closed the connection in the middle of the negotiation.</summary>
    ProxyClosed,
    /// <summary>The proxy answered with another SOCKS version than 5.</summary>
    BadVersion,
    /// <summary>The proxy wants authentication (we offer none, as monerod 0.18).</summary>
    NoAcceptableMethod,
    /// <summary>The proxy answered the CONNECT request with a failure code (RFC 1928 §6).</summary>
    ConnectRefused,
    /// <summary>The reply did not follow RFC 1928 (reserved byte, address type).</summary>
    MalformedReply,
    /// <summary>The target host name cannot be sent (empty or over 255 bytes).</summary>
    BadTarget,
}
