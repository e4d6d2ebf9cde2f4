using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MoneroNet.Rpc.Tests.Security;

/// <summary>Computes digest answers independently of the server code (RFC 2617 / RFC 2069 arithmetic).</summary>
internal static partial class DigestClient
{
    public const string Realm = "monero-rpc";

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do not use broken cryptographic algorithms",
        Justification = "The digest client answers monerod's MD5 challenge (RFC 2617).")]
    public static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The nonce of a WWW-authenticate value.</summary>
    public static string NonceOf(string challenge) => NonceRegex().Match(challenge).Groups[1].Value;

    public static string Rfc2617(
        string user, string password, string nonce, uint nc, string cnonce = "Y2xpZW50", string method = "POST", string uri = "/json_rpc",
        bool sess = false, string realmSent = Realm)
    {
        var ha1 = Md5($"{user}:{Realm}:{password}");
        if (sess)
            ha1 = Md5($"{ha1}:{nonce}:{cnonce}");
        var ncText = nc.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var response = Md5($"{ha1}:{nonce}:{ncText}:{cnonce}:auth:{Md5($"{method}:{uri}")}");
        return $"Digest username=\"{user}\", realm=\"{realmSent}\", nonce=\"{nonce}\", uri=\"{uri}\", cnonce=\"{cnonce}\", nc={ncText}, qop=auth, "
            + $"response=\"{response}\", algorithm={(sess ? "MD5-sess" : "MD5")}";
    }

    public static string Rfc2069(string user, string password, string nonce, string method = "POST", string uri = "/json_rpc")
    {
        var response = Md5($"{Md5($"{user}:{Realm}:{password}")}:{nonce}:{Md5($"{method}:{uri}")}");
        return $"Digest username=\"{user}\", realm=\"{Realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\"";
    }

    [GeneratedRegex("nonce=\"([^\"]*)\"")]
    private static partial Regex NonceRegex();
}
