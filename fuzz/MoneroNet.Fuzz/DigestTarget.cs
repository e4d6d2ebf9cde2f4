using System.Text;
using MoneroNet.Rpc.Security;

namespace MoneroNet.Fuzz;

/// <summary>
/// The digest <c>Authorization</c> header parser (src/MoneroNet.Rpc/Security): the input, read as UTF-8, is the
/// header value. Rejection is a null result. An accepted header is checked as the server checks it (nonce count,
/// response against a fixed login), on a session before and after a challenge.
/// </summary>
internal static class DigestTarget
{
    private static readonly RpcLogin Login = new("monero", "s3cret");

    public static void Run(byte[] data)
    {
        var header = DigestAuthorization.TryParse(Encoding.UTF8.GetString(data));
        if (header is null)
        {
            return;
        }

        _ = header.Counter;
        var session = new DigestSession();
        _ = DigestVerifier.Verify("POST", header, session, Login);
        session.NewChallenge();
        session.CountAttempt();
        _ = DigestVerifier.Verify("POST", header, session, Login);
    }
}
