using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>1003 COMMAND_PING response: <c>{ peer_id, status }</c>; status is "OK" on success.</summary>
public sealed record PingResponse : IWireMessage<PingResponse>
{
    /// <inheritdoc/>
    public static uint Command => P2PCommands.Ping;

    /// <summary>Raw bytes of the <c>status</c> string, decoded as UTF-8 (monerod compares it to "OK").</summary>
    public string Status { get; init; } = "";
    /// <summary>The <c>peer_id</c> field (docs/PROTOCOL.md §3).</summary>
    public ulong PeerId { get; init; }

    /// <inheritdoc/>
    public static PingResponse FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new PingResponse
        {
            Status = FieldReader.Bytes(section, "status", "") is { } status ? System.Text.Encoding.UTF8.GetString(status) : "",
            PeerId = FieldReader.UInt64(section, "peer_id", ""),
        };
    }

    /// <inheritdoc/>
    public EpeeSection ToSection()
    {
        var s = new EpeeSection(2);
        // Keys in ordinal order (see FieldWriter).
        s.Add("peer_id", EpeeValue.FromUInt64(PeerId));
        s.Add("status", EpeeValue.FromString(Status));
        return s;
    }
}
