using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>1007 COMMAND_REQUEST_SUPPORT_FLAGS request: an empty section.</summary>
public sealed record SupportFlagsRequest : IWireMessage<SupportFlagsRequest>
{
    public static uint Command => P2PCommands.RequestSupportFlags;

    public static SupportFlagsRequest FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new SupportFlagsRequest();
    }

    public EpeeSection ToSection() => new();
}
