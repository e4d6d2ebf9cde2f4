using MoneroNet.Levin;
using MoneroNet.P2P.Connections;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Protocol;

/// <summary>COMMAND_PING (1003): answered on any connection, handshaked or not, with our peer id and "OK".</summary>
internal sealed class PingBehaviour(ProtocolContext ctx)
{
    public void OnRequest(PeerSession session) =>
        session.SendResponse(P2PCommands.Ping, LevinReturnCodes.Success,
            new PingResponse { Status = NetworkConstants.PingOkStatus, PeerId = ctx.Local.PeerId }.ToSection());
}
