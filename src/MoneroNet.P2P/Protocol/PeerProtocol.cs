using MoneroNet.Epee;
using MoneroNet.Levin;
using MoneroNet.P2P.Connections;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Protocol;

/// <summary>
/// Routes a session's requests and notifications to the per-peer behaviours. Unknown requests (1004–1006, any
/// notification id sent as a request, anything else) get return code −6 as monerod answers them; unknown
/// notifications are ignored (0.18).
/// </summary>
internal sealed class PeerProtocol : IPeerMessageHandler
{
    private readonly ProtocolContext _ctx;

    public PeerProtocol(ProtocolContext ctx)
    {
        _ctx = ctx;
        SupportFlags = new SupportFlagsBehaviour(ctx);
        Handshake = new HandshakeBehaviour(ctx, SupportFlags);
        TimedSync = new TimedSyncBehaviour(ctx);
        Ping = new PingBehaviour(ctx);
        Notifications = new NotificationBehaviour(ctx);
        ProxyCheck = new ProxyCheckBehaviour(ctx);
    }

    /// <summary>The three pings of the proxy fingerprint, sent from the maintainer's tick.</summary>
    public ProxyCheckBehaviour ProxyCheck { get; }

    public HandshakeBehaviour Handshake { get; }
    public TimedSyncBehaviour TimedSync { get; }
    public PingBehaviour Ping { get; }
    public SupportFlagsBehaviour SupportFlags { get; }
    public NotificationBehaviour Notifications { get; }

    /// <summary>
    /// monerod's is_filtered_command: on a Tor or I2P connection only the handshake, timed sync and new transactions
    /// pass; everything else (ping, support flags, blocks, chain requests) is refused — requests with return code −6 —
    /// and logged, so an anonymity peer can learn nothing else from us (docs/PROTOCOL.md §3.9).
    /// </summary>
    private bool Filtered(PeerSession session, uint command)
    {
        if (session.Zone == Zones.NetworkZone.Public
            || command is P2PCommands.Handshake or P2PCommands.TimedSync or CryptonoteCommands.NewTransactions)
        {
            return false;
        }
        P2PLog.FilteredCommand(_ctx.Log, session.Address, command);
        return true;
    }

    public void OnRequest(PeerSession session, uint command, EpeeSection body)
    {
        if (Filtered(session, command))
        {
            session.SendResponse(command, LevinReturnCodes.ErrorHandlerNotDefined, null);
            return;
        }
        switch (command)
        {
            case P2PCommands.Handshake: Handshake.OnRequest(session, body); break;
            case P2PCommands.TimedSync: TimedSync.OnRequest(session, body); break;
            case P2PCommands.Ping: Ping.OnRequest(session); break;
            case P2PCommands.RequestSupportFlags: SupportFlags.OnRequest(session); break;
            default:
                P2PLog.UnknownCommand(_ctx.Log, session.Address, command, "request", "answered with return code -6");
                session.SendResponse(command, LevinReturnCodes.ErrorHandlerNotDefined, null);
                break;
        }
    }

    public void OnNotification(PeerSession session, uint command, EpeeSection body)
    {
        if (Filtered(session, command)) return;
        if (command is >= 2001 and <= 2010 || CommandNames.NameOf(command) is null)
            Notifications.OnNotification(session, command, body);
        // P2P admin commands (1001–1007) sent as notifications have no handler in monerod: ignored.
    }
}
