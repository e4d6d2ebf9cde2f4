using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MoneroNet.P2P.AddressBook;
using MoneroNet.P2P.Dialing;

namespace MoneroNet.P2P.Maintenance;

/// <summary>
/// monerod's gray_peerlist_housekeeping with check_connection_and_handshake_with_peer: one random gray peer gets a
/// handshake that only takes its peer list — reachable, it turns white with the gray entry's facts; not, it leaves
/// gray. Never with exclusive nodes. MoneroNet never syncs, so it never "needs new sync connections" and always runs
/// it. Owns: the one-probe-at-a-time flag (monerod's runs inside its idle loop).
/// </summary>
internal sealed class GrayListHousekeeping(P2POptions options, PeerAddressBook addressBook, OutboundConnector connector,
    ILogger log)
{
    private int _running;

    /// <summary>One probe; returns when it is over (tests await it). A call while one runs does nothing.</summary>
    public async Task RunOnceAsync(CancellationToken stopping)
    {
        if (options.ExclusiveNodes.Count > 0 || options.Offline || stopping.IsCancellationRequested) return;
        if (Interlocked.Exchange(ref _running, 1) != 0) return;
        try
        {
            if (!addressBook.PeerLists.TryPickRandomGray(out var entry)) return;
            if (entry.Address.ToIPEndPoint() is not { } target) return;
            // should_skip_connect_address: no IPv6 dials without an IPv6 listener; banned hosts are never dialled.
            if (target.AddressFamily == AddressFamily.InterNetworkV6 && options.BindAddressV6 is null) return;
            if (addressBook.IsBanned(target.Address)) return;

            if (await connector.ProbePeerListAsync(target).ConfigureAwait(false))
            {
                // set_peer_just_seen with the gray entry's own facts (the probe does not read the peer's node data).
                addressBook.OnGrayPeerReachable(entry);
                P2PLog.GrayPeerChecked(log, target, "answered: promoted to white");
            }
            else
            {
                addressBook.PeerLists.RemoveGray(entry.Address);
                P2PLog.GrayPeerChecked(log, target, "unreachable: evicted from gray");
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
