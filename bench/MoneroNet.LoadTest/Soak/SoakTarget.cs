using System.Net;

namespace MoneroNet.LoadTest.Soak;

/// <summary>
/// The node under soak: a process on loopback, started with <c>--testnet --max-connections-per-ip 1 --ban-list
/// <see cref="BanListPath"/> --asn-map <see cref="AsnMapPath"/></c> (files written first with
/// <see cref="SoakFiles.WriteInitial"/>). <see cref="SendSigHup"/> makes it re-read both.
/// </summary>
public sealed record SoakTarget(int Pid, IPEndPoint P2P, IPEndPoint Rpc, string BanListPath, string AsnMapPath,
    Action SendSigHup, Func<bool> HasExited)
{
    public void Validate()
    {
        Loopback.Require(P2P.Address, "node P2P address");
        Loopback.Require(Rpc.Address, "node RPC address");
    }
}
