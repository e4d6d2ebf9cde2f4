namespace MoneroNet.P2P.Transport;

/// <summary>A SOCKS negotiation failed; <see cref="Failure"/> says how, <see cref="ReplyCode"/> what the proxy replied.</summary>
public sealed class SocksException : IOException
{
    /// <summary>A failed negotiation with no more detail (a malformed reply).</summary>
    public SocksException() : this(SocksFailure.MalformedReply, "SOCKS negotiation failed") { }

    /// <summary>A failed negotiation (a malformed reply) with its log text.</summary>
    public SocksException(string message) : this(SocksFailure.MalformedReply, message) { }

    /// <summary>The proxy could not be reached; <paramref name="innerException"/> is the socket's error.</summary>
    public SocksException(string message, Exception innerException) : base(message, innerException) => Failure = SocksFailure.ProxyUnreachable;

    /// <summary>A failure of kind <paramref name="failure"/>, with the proxy's REP byte when it refused the CONNECT.</summary>
    public SocksException(SocksFailure failure, string message, byte replyCode = 0, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        ReplyCode = replyCode;
    }

    /// <summary>How the negotiation failed.</summary>
    public SocksFailure Failure { get; }

    /// <summary>The REP byte of a failed CONNECT (RFC 1928 §6), 0 for the other failures.</summary>
    public byte ReplyCode { get; }

    /// <summary>RFC 1928's text for a REP code.</summary>
    public static string DescribeReply(byte code) => code switch
    {
        1 => "general SOCKS server failure",
        2 => "connection not allowed by ruleset",
        3 => "network unreachable",
        4 => "host unreachable",
        5 => "connection refused",
        6 => "TTL expired",
        7 => "command not supported",
        8 => "address type not supported",
        _ => "unassigned reply code",
    };
}
