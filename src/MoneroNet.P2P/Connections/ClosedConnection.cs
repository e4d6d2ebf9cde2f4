namespace MoneroNet.P2P.Connections;

/// <summary>
/// One closed connection as <see cref="ClosedConnectionLog"/> keeps it: the session itself, frozen (its counters stop
/// at close: the socket and stream are gone, so nothing counts any more; its per-connection sets are released when its
/// read loop ends), the reason and detail the close line logged, and when it closed.
/// </summary>
/// <remarks>
/// The session is kept rather than a copy of its fields so that whoever reports it reads it with the same code as a
/// live connection (every field, the facts included) and no second list of fields has to follow the session's.
/// </remarks>
public readonly record struct ClosedConnection(PeerSession Session, DisconnectReason Reason, string Detail, long ClosedUnixSeconds);
