using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>1007 COMMAND_REQUEST_SUPPORT_FLAGS response: <c>{ support_flags }</c>, written even when 0.</summary>
public sealed record SupportFlagsResponse : IWireMessage<SupportFlagsResponse>
{
    /// <inheritdoc/>
    public static uint Command => P2PCommands.RequestSupportFlags;

    /// <summary>The <c>support_flags</c> field (docs/PROTOCOL.md §3).</summary>
    public uint SupportFlags { get; init; }

    /// <inheritdoc/>
    public static SupportFlagsResponse FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new SupportFlagsResponse { SupportFlags = FieldReader.UInt32(section, "support_flags", "") };
    }

    /// <inheritdoc/>
    public EpeeSection ToSection()
    {
        var s = new EpeeSection(1);
        s.Add("support_flags", EpeeValue.FromUInt32(SupportFlags));
        return s;
    }
}
