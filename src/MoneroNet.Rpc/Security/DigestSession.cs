using System.Security.Cryptography;

namespace MoneroNet.Rpc.Security;

/// <summary>
/// One connection's digest state, as monerod keeps it per connection: the last nonce it handed out and how many
/// Authorization headers arrived since. Requests on one HTTP/1.1 connection are sequential, so no locking.
/// </summary>
internal sealed class DigestSession
{
    /// <summary>The nonce of the last challenge; null before the first one.</summary>
    public string? Nonce { get; private set; }

    /// <summary>Authorization headers received since the last challenge (monerod's 32-bit counter).</summary>
    public uint Counter { get; private set; }

    public void CountAttempt() => Counter = unchecked(Counter + 1);

    /// <summary>Starts over with a new nonce: base64 of 16 random bytes, as monerod makes them.</summary>
    public string NewChallenge()
    {
        Counter = 0;
        Nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        return Nonce;
    }
}
