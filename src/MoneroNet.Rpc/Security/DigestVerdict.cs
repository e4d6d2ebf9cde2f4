namespace MoneroNet.Rpc.Security;

/// <summary>What monerod concludes from a request's Authorization header.</summary>
internal enum DigestVerdict
{
    /// <summary>Not a digest answer for our user and password: a fresh challenge with stale=false.</summary>
    Fail,
    /// <summary>The right password, but for an old nonce or an unexpected nonce count: a fresh challenge with stale=true.</summary>
    Stale,
    /// <summary>Authenticated: the request is served.</summary>
    Pass,
}
