using MoneroNet.Epee;
using MoneroNet.P2P.Connections;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Protocol;

/// <summary>
/// The in-band proxy fingerprint (docs/PROTOCOL.md §3.8): on every handshaked IPv4/IPv6
/// connection, both directions, the maintainer's tick sends COMMAND_PING (1003) at each of
/// <see cref="P2PTimings.ProxyCheckPingDelays"/> after the handshake; each answer's peer id is compared with the
/// handshake's (<see cref="ProxyCheck"/>). monerod answers a ping on any connection with its own id and "OK" and costs
/// nothing for it (net_node.inl handle_ping: no state, no fail score), so the check never costs us the peer.
/// </summary>
internal sealed class ProxyCheckBehaviour(ProtocolContext ctx)
{
    /// <summary>Maintainer tick: sends this connection's next ping when it is due (at most one a tick).</summary>
    public void SendIfDue(PeerSession session, long now)
    {
        if (!session.HandshakeComplete || session.IsClosed) return;
        if (!session.ProxyCheck.TakeDuePing(now, ctx.Timings.ProxyCheckPingDelays, ctx.Time.TimestampFrequency)) return;
        // An unanswered ping closes the connection after the invoke timeout, as any request monerod sends does.
        session.SendRequest(P2PCommands.Ping, new PingRequest().ToSection(), ctx.Timings.InvokeTimeout, extendable: false, OnResponse);
    }

    private void OnResponse(PeerSession session, int returnCode, EpeeSection? body)
    {
        if (returnCode <= 0 || body is null)
        {
            session.ProxyCheck.OnRefused();
            return;
        }
        var response = PingResponse.FromSection(body);
        if (response.Status != NetworkConstants.PingOkStatus)
        {
            session.ProxyCheck.OnRefused();
            return;
        }
        if (session.ProxyCheck.OnAnswer(response.PeerId, ctx.Timings.ProxyCheckPingDelays.Count))
            ctx.Observer.OnProxySuspected(session, response.PeerId);
    }
}
