using MoneroNet.Epee;
using MoneroNet.Levin;
using MoneroNet.P2P.Connections;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Protocol;

/// <summary>
/// COMMAND_TIMED_SYNC (1002): answered with our sync data (monerod answers even before a handshake), and sent by
/// the maintainer to every handshaked connection with none in flight, once per interval at the connection's turn
/// (<see cref="Maintenance.TimedSyncSchedule"/>); an answer must come within 120 s.
/// </summary>
internal sealed class TimedSyncBehaviour(ProtocolContext ctx)
{
    public void OnRequest(PeerSession session, EpeeSection body)
    {
        var request = TimedSyncRequest.FromSection(body);
        // monerod only takes sync data from handshaked peers (a zero peer id is "not handshaked").
        if (session.HandshakeComplete &&
            SyncDataProcessor.Process(session, request.PayloadData, "timed sync", ctx) is { } refusal)
        {
            session.Close(DisconnectReason.ProtocolViolation, refusal);
            return;
        }
        var response = new TimedSyncResponse
        {
            PayloadData = ctx.Local.SyncData,
            LocalPeerlistNew = session.HandshakeComplete ? ctx.AddressBook.PeersToShare(session) : [],
        };
        session.SendResponse(P2PCommands.TimedSync, LevinReturnCodes.Success, response.ToSection());
    }

    /// <summary>Sends one timed sync unless one is already in flight.</summary>
    public void Send(PeerSession session)
    {
        // The maintainer and the RPC's flush may both get here: the flag is taken by compare-and-swap.
        if (!session.HandshakeComplete || session.IsClosed || !session.TryBeginTimedSync()) return;
        var request = new TimedSyncRequest { PayloadData = ctx.Local.SyncData };
        session.SendRequest(P2PCommands.TimedSync, request.ToSection(), ctx.Timings.InvokeTimeout, extendable: true, OnResponse);
    }

    private void OnResponse(PeerSession session, int returnCode, EpeeSection? body)
    {
        session.EndTimedSync();
        if (returnCode <= 0 || body is null)
        {
            session.Close(DisconnectReason.ProtocolViolation, $"timed sync answered with return code {returnCode}");
            return;
        }
        var response = TimedSyncResponse.FromSection(body);
        if (PeerListCheck.Problem(response.LocalPeerlistNew, session.Zone) is { } bad)
        {
            ctx.CloseWithFail(session, DisconnectReason.BadPeerList, "timed sync: " + bad, 1);
            return;
        }
        if (!session.Incoming && !session.IsProbe) ctx.AddressBook.OnTimedSyncAnswered(session);
        if (SyncDataProcessor.Process(session, response.PayloadData, "timed sync", ctx) is { } refusal)
        {
            session.Close(DisconnectReason.ProtocolViolation, refusal);
            return;
        }
        ctx.AddressBook.MergeReceived(session, response.LocalPeerlistNew);
    }
}
