using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>1007 COMMAND_REQUEST_SUPPORT_FLAGS response: <c>{ support_flags }</c>, written even when 0.</summary>
public sealed record SupportFlagsResponse : IWireMessage<SupportFlagsResponse>
{
    public static uint Command => P2PCommands.RequestSupportFlags;

    public uint SupportFlags { get; init; }

    public static SupportFlagsResponse FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new SupportFlagsResponse { SupportFlags = FieldReader.UInt32(section, "support_flags", "") };
    }

    public EpeeSection ToSection()
    {
        var s = new EpeeSection(1);
        s.Add("support_flags", EpeeValue.FromUInt32(SupportFlags));
        return s;
    }
}
