using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>1007 COMMAND_REQUEST_SUPPORT_FLAGS request: an empty section.</summary>
public sealed record SupportFlagsRequest : IWireMessage<SupportFlagsRequest>
{
    /// <inheritdoc/>
    public static uint Command => P2PCommands.RequestSupportFlags;

    /// <inheritdoc/>
    public static SupportFlagsRequest FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new SupportFlagsRequest();
    }

    /// <inheritdoc/>
    public EpeeSection ToSection() => new();
}
