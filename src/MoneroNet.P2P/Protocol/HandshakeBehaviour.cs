using MoneroNet.Epee;
using MoneroNet.Levin;
using MoneroNet.P2P.Connections;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Protocol;

/// <summary>
/// COMMAND_HANDSHAKE (1001) in both roles, following monerod's net_node.inl: as initiator we send our node and
/// sync data and wait 5 s for the answer; as responder we check, in monerod's order, the network id, the
/// direction, a repeated handshake and a connection to ourselves, before answering with return code 1.
/// </summary>
internal sealed class HandshakeBehaviour(ProtocolContext ctx, SupportFlagsBehaviour supportFlags)
{
    /// <summary>Initiator: the first message on a connection we dialled.</summary>
    public void Start(PeerSession session)
    {
        var request = new HandshakeRequest { NodeData = ctx.Local.NodeData, PayloadData = ctx.Local.SyncData };
        // The initiator may receive big messages as soon as its handshake is out (monerod's switch point).
        session.RaisePacketLimit();
        // master never extends the handshake's timer on big reads; we follow master.
        session.SendRequest(P2PCommands.Handshake, request.ToSection(), ctx.Timings.HandshakeTimeout, extendable: false, OnResponse);
    }

    /// <summary>
    /// Initiator, gray-list housekeeping (monerod's do_handshake_with_peer with just_take_peerlist): the same request,
    /// but of the answer only the network id and the peer list count — no sync data, no peer id, no white entry.
    /// <paramref name="done"/> gets true when the list was taken; a timeout or close is the caller's to watch.
    /// </summary>
    public void StartPeerListOnly(PeerSession session, Action<bool> done)
    {
        var request = new HandshakeRequest { NodeData = ctx.Local.NodeData, PayloadData = ctx.Local.SyncData };
        session.RaisePacketLimit();
        session.SendRequest(P2PCommands.Handshake, request.ToSection(), ctx.Timings.HandshakeTimeout, extendable: false,
            (s, returnCode, body) => done(TakePeerList(s, returnCode, body)));
    }

    private bool TakePeerList(PeerSession session, int returnCode, EpeeSection? body)
    {
        if (returnCode <= 0 || body is null) return false;
        var response = HandshakeResponse.FromSection(body);
        if (response.NodeData.NetworkId != ctx.Local.NetworkId) return false;
        if (PeerListCheck.Problem(response.LocalPeerlistNew) is { } bad)
        {
            ctx.CloseWithFail(session, DisconnectReason.BadPeerList, "handshake: " + bad, 1);
            return false;
        }
        ctx.AddressBook.MergeReceived(response.LocalPeerlistNew);
        session.CountHandshakeResult(Stats.HandshakeResult.Ok);
        return true;
    }

    private void OnResponse(PeerSession session, int returnCode, EpeeSection? body)
    {
        if (returnCode <= 0 || body is null)
        {
            session.Close(DisconnectReason.HandshakeFailed, $"handshake answered with return code {returnCode}");
            return;
        }
        var response = HandshakeResponse.FromSection(body);
        if (response.NodeData.NetworkId != ctx.Local.NetworkId)
        {
            session.Close(DisconnectReason.WrongNetwork, $"peer is on network {response.NodeData.NetworkId}");
            return;
        }
        if (PeerListCheck.Problem(response.LocalPeerlistNew) is { } bad)
        {
            // monerod: handle_remote_peerlist failed → close and add_host_fail.
            ctx.CloseWithFail(session, DisconnectReason.BadPeerList, "handshake: " + bad, 1);
            return;
        }
        if (SyncDataProcessor.Process(session, response.PayloadData, "handshake", ctx) is { } refusal)
        {
            session.Close(DisconnectReason.ProtocolViolation, refusal);
            return;
        }
        if (response.NodeData.PeerId == ctx.Local.PeerId)
        {
            session.Close(DisconnectReason.SelfConnection, "connected to ourselves");
            return;
        }
        session.HandshakePeerListCount = response.LocalPeerlistNew.Count;
        Complete(session, response.NodeData);
        if (!session.IsClosed) ctx.AddressBook.MergeReceived(response.LocalPeerlistNew);
    }

    /// <summary>Responder: a 1001 request arrived.</summary>
    public void OnRequest(PeerSession session, EpeeSection body)
    {
        var request = HandshakeRequest.FromSection(body);
        if (request.NodeData.NetworkId != ctx.Local.NetworkId)
        {
            ctx.CloseWithFail(session, DisconnectReason.WrongNetwork, $"peer is on network {request.NodeData.NetworkId}", 1);
            return;
        }
        if (!session.Incoming)
        {
            ctx.CloseWithFail(session, DisconnectReason.UnexpectedHandshake, "handshake request on a connection we dialled", 1);
            return;
        }
        if (session.HandshakeComplete)
        {
            session.Close(DisconnectReason.UnexpectedHandshake, "second handshake on one connection");
            return;
        }
        if (request.NodeData.PeerId == ctx.Local.PeerId)
        {
            session.Close(DisconnectReason.SelfConnection, "connected to ourselves");
            return;
        }
        if (SyncDataProcessor.Process(session, request.PayloadData, "handshake", ctx) is { } refusal)
        {
            session.Close(DisconnectReason.ProtocolViolation, refusal);
            return;
        }

        Complete(session, request.NodeData);
        // A duplicate peer id was refused in Complete: then no response.
        if (session.IsClosed) return;
        session.RaisePacketLimit();
        var response = new HandshakeResponse
        {
            NodeData = ctx.Local.NodeData,
            PayloadData = ctx.Local.SyncData,
            LocalPeerlistNew = ctx.AddressBook.PeersToShare(session),
        };
        session.SendResponse(P2PCommands.Handshake, LevinReturnCodes.Success, response.ToSection());
    }

    private void Complete(PeerSession session, BasicNodeData peer)
    {
        session.PeerId = peer.PeerId;
        session.RpcPort = peer.RpcPort;
        session.RpcCreditsPerHash = peer.RpcCreditsPerHash;
        session.SupportFlags = peer.SupportFlags;
        session.AdvertisedPort = peer.MyPort;
        session.State = ConnectionState.Normal;
        session.HandshakeComplete = true;
        // Decided by the address book under its lock; the close happens here, after it was released.
        if (!ctx.AddressBook.TryClaimPeerId(session, out var holder))
        {
            session.Close(DisconnectReason.DuplicatePeerId, $"peer id {session.PeerId:x16} is already connected ({holder?.Address})");
            return;
        }
        session.CountHandshakeResult(Stats.HandshakeResult.Ok);
        // The proxy fingerprint's ping schedule starts now (ProxyCheckBehaviour, driven by the maintainer's tick).
        session.ProxyCheck.Start(ctx.Time.GetTimestamp(), peer.PeerId);
        ctx.Observer.OnHandshaked(session);
        if (session.IsClosed) return;
        session.SignalHandshaked();
        // Like monerod, ask a peer that advertised no flags for them (it must answer within 5 s). monerod always
        // advertises flags, so asking is itself a fingerprint of a peer that is not monerod (support_flags_requested).
        if (peer.SupportFlags == 0)
        {
            session.SupportFlagsRequested = true;
            supportFlags.Request(session);
        }
    }
}
