using System.Text;
using MoneroNet.Rpc.Dispatch;

namespace MoneroNet.Rpc.Security;

/// <summary>monerod's 401 answer (docs/PROTOCOL.md §7.6): an HTML body and two challenges, MD5 and MD5-sess, with one nonce.</summary>
internal static class DigestChallenge
{
    public static readonly RpcReply Reply = new(
        401,
        "Unauthorized",
        Encoding.ASCII.GetBytes("<html><head><title>Unauthorized Access</title></head><body><h1>401 Unauthorized</h1></body></html>"),
        "text/html",
        false);

    /// <summary>The two WWW-authenticate values, in monerod's order and spelling.</summary>
    public static string[] Headers(string nonce, bool stale)
    {
        var staleText = stale ? "true" : "false";
        return
        [
            $"Digest qop=\"auth\",algorithm=MD5,realm=\"{DigestVerifier.Realm}\",nonce=\"{nonce}\",stale={staleText}",
            $"Digest qop=\"auth\",algorithm=MD5-sess,realm=\"{DigestVerifier.Realm}\",nonce=\"{nonce}\",stale={staleText}",
        ];
    }
}
