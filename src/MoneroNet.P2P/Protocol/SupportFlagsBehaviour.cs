using MoneroNet.Levin;
using MoneroNet.P2P.Connections;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Protocol;

/// <summary>COMMAND_REQUEST_SUPPORT_FLAGS (1007): we answer with our flags (1, fluffy blocks) and ask peers that advertised none.</summary>
internal sealed class SupportFlagsBehaviour(ProtocolContext ctx)
{
    public void OnRequest(PeerSession session) =>
        session.SendResponse(P2PCommands.RequestSupportFlags, LevinReturnCodes.Success,
            new SupportFlagsResponse { SupportFlags = ctx.Local.NodeData.SupportFlags }.ToSection());

    public void Request(PeerSession session) =>
        session.SendRequest(P2PCommands.RequestSupportFlags, new SupportFlagsRequest().ToSection(),
            ctx.Timings.SupportFlagsTimeout, extendable: true, static (s, rc, body) =>
            {
                if (rc <= 0 || body is null)
                {
                    s.Close(DisconnectReason.ProtocolViolation, $"support flags answered with return code {rc}");
                    return;
                }
                s.SupportFlags = SupportFlagsResponse.FromSection(body).SupportFlags;
            });
}
