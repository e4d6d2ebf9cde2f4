using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>1003 COMMAND_PING request: an empty section (monerod's back-ping).</summary>
public sealed record PingRequest : IWireMessage<PingRequest>
{
    /// <inheritdoc/>
    public static uint Command => P2PCommands.Ping;

    /// <inheritdoc/>
    public static PingRequest FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new PingRequest();
    }

    /// <inheritdoc/>
    public EpeeSection ToSection() => new();
}
