namespace MoneroNet.Levin;

/// <summary>How a received (non-fragment) Levin message must be handled, following monerod's dispatch rules.</summary>
public enum LevinMessageKind
{
    /// <summary>Expects a response carrying the same command.</summary>
    Request,

    /// <summary>No reply is sent.</summary>
    Notification,

    /// <summary>Answers the oldest outstanding request on the connection.</summary>
    Response,
}
