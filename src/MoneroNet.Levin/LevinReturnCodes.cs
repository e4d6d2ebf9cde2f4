namespace MoneroNet.Levin;

/// <summary>Values of the Levin header's <c>return_code</c> field.</summary>
/// <remarks>
/// The negative codes are the transport-level errors of epee's levin_base.h. P2P command handlers
/// answer with <see cref="Success"/> (1), and a requester treats any code ≤ 0 as a failure, so a
/// successful response must carry 1, not <see cref="Ok"/>.
/// </remarks>
public static class LevinReturnCodes
{
    /// <summary>Carried by requests and notifications.</summary>
    public const int Ok = 0;

    /// <summary>What every successful P2P command handler returns.</summary>
    public const int Success = 1;

    /// <summary>Also sent when a request body failed to load.</summary>
    public const int ErrorConnection = -1;
    /// <summary>epee's LEVIN_ERROR_CONNECTION_NOT_FOUND: the connection to answer on is gone.</summary>
    public const int ErrorConnectionNotFound = -2;
    /// <summary>epee's LEVIN_ERROR_CONNECTION_DESTROYED: the connection closed while the request was pending.</summary>
    public const int ErrorConnectionDestroyed = -3;

    /// <summary>Handed to a pending request's callback when its timer fires.</summary>
    public const int ErrorConnectionTimedOut = -4;
    /// <summary>epee's LEVIN_ERROR_CONNECTION_NO_DUPLEX_PROTOCOL.</summary>
    public const int ErrorNoDuplexProtocol = -5;

    /// <summary>Sent back for an unknown command (or a notification command sent as a request).</summary>
    public const int ErrorHandlerNotDefined = -6;
    /// <summary>epee's LEVIN_ERROR_FORMAT: the packet could not be read.</summary>
    public const int ErrorFormat = -7;
}
