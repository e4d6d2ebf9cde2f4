using System.Security.Cryptography;
using System.Text;

namespace MoneroNet.Rpc.Security;

/// <summary>
/// Checks a digest answer the way monerod's http_auth.cpp does: MD5 only (an empty algorithm means MD5, any algorithm
/// starting with "MD5" is MD5, one ending in "-sess" is MD5-sess), qop "auth" (RFC 2617) or none (RFC 2069), the
/// server's realm and the client's uri and method. The nonce must be the connection's current one; with qop the nonce
/// count must equal the number of Authorization headers since the challenge, without qop only the first one passes.
/// </summary>
internal static class DigestVerifier
{
    public const string Realm = "monero-rpc";

    public static DigestVerdict Verify(string method, DigestAuthorization request, DigestSession session, RpcLogin login)
    {
        if (!string.Equals(request.UserName, login.UserName, StringComparison.Ordinal) || !HasValidResponse(method, request, login))
            return DigestVerdict.Fail;

        // monerod compares against an empty nonce before its first challenge; we never pass a connection that was not challenged.
        if (session.Nonce is null || !string.Equals(request.Nonce, session.Nonce, StringComparison.Ordinal))
            return DigestVerdict.Stale;

        var counted = session.Counter == 1 || (request.Qop.Length > 0 && request.Counter == session.Counter);
        return counted ? DigestVerdict.Pass : DigestVerdict.Stale;
    }

    private static bool HasValidResponse(string method, DigestAuthorization request, RpcLogin login)
    {
        if (request.Algorithm.Length > 0 && !request.Algorithm.StartsWith("MD5", StringComparison.OrdinalIgnoreCase))
            return false;

        var key = Md5Hex(login.UserName, ":", Realm, ":", login.Password);
        if (request.Algorithm.EndsWith("-sess", StringComparison.OrdinalIgnoreCase))
            key = Md5Hex(key, ":", request.Nonce, ":", request.Cnonce);
        var auth = Md5Hex(method, ":", request.Uri);

        string expected;
        if (request.Qop.Length == 0)
            expected = Md5Hex(key, ":", request.Nonce, ":", auth);
        else if (string.Equals(request.Qop, "auth", StringComparison.OrdinalIgnoreCase))
            expected = Md5Hex(key, ":", request.Nonce, ":", request.Nc, ":", request.Cnonce, ":", request.Qop, ":", auth);
        else
            return false;

        return FixedTimeEqualsIgnoreCase(expected, request.Response);
    }

    /// <summary>Lower-case hex MD5 of the UTF-8 concatenation of <paramref name="parts"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do not use broken cryptographic algorithms",
        Justification = "HTTP digest authentication as monerod speaks it (RFC 2617) is defined over MD5.")]
    internal static string Md5Hex(params string[] parts)
    {
        var digest = MD5.HashData(Encoding.UTF8.GetBytes(string.Concat(parts)));
        return Convert.ToHexStringLower(digest);
    }

    private static bool FixedTimeEqualsIgnoreCase(string expected, string given)
    {
        if (expected.Length != given.Length)
            return false;
        var a = Encoding.ASCII.GetBytes(expected);
        var b = Encoding.ASCII.GetBytes(given.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
