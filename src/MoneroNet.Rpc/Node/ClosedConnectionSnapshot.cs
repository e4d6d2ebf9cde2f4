namespace MoneroNet.Rpc.Node;

/// <summary>A connection as it was when it closed (<c>get_closed_connections</c>, the <c>connection_closed</c> event).</summary>
public sealed record ClosedConnectionSnapshot
{
    /// <summary>Every field the connection had, frozen at close (its <see cref="ConnectionSnapshot.Facts"/> included).</summary>
    public required ConnectionSnapshot Connection { get; init; }

    /// <summary>The typed reason in snake case, e.g. "remote_closed", "idle_timeout", "banned".</summary>
    public required string CloseReason { get; init; }

    /// <summary>The one-line detail the close log line printed.</summary>
    public required string CloseDetail { get; init; }

    /// <summary>When it closed, whole unix seconds.</summary>
    public required long ClosedUnixSeconds { get; init; }
}
