using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>1003 COMMAND_PING request: an empty section (monerod's back-ping).</summary>
public sealed record PingRequest : IWireMessage<PingRequest>
{
    public static uint Command => P2PCommands.Ping;

    public static PingRequest FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new PingRequest();
    }

    public EpeeSection ToSection() => new();
}
