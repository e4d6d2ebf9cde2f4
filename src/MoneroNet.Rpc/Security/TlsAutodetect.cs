using Microsoft.AspNetCore.Connections;

namespace MoneroNet.Rpc.Security;

/// <summary>
/// --rpc-ssl autodetect as Kestrel connection middleware: peeks at the first byte of a connection without consuming
/// it; a TLS handshake record (0x16) goes through the HTTPS middleware, anything else straight to HTTP. Installed as
/// <see cref="Branch"/>, then UseHttps, then <see cref="CapturePlain"/>: Kestrel builds the chain from the last
/// middleware to the first, so the plain HTTP pipeline is known before any connection arrives.
/// </summary>
internal sealed class TlsAutodetect
{
    /// <summary>TLS record type "handshake": the first byte of every ClientHello.</summary>
    private const byte TlsHandshakeRecord = 0x16;

    /// <summary>A client that connects and says nothing is dropped after this long (Kestrel's own timeouts start later).</summary>
    private static readonly TimeSpan FirstByteTimeout = TimeSpan.FromSeconds(30);

    private ConnectionDelegate? _plain;

    /// <summary>Remembers the plain HTTP pipeline; changes nothing.</summary>
    public ConnectionDelegate CapturePlain(ConnectionDelegate next)
    {
        _plain = next;
        return next;
    }

    /// <summary>Sends each connection to <paramref name="tls"/> (the HTTPS middleware) or to the captured plain pipeline.</summary>
    public ConnectionDelegate Branch(ConnectionDelegate tls) => async connection =>
    {
        var plain = _plain ?? throw new InvalidOperationException("TLS autodetect installed without its plain pipeline");
        var first = await PeekFirstByteAsync(connection).ConfigureAwait(false);
        if (first is null)
            return; // closed or silent before sending anything
        await (first == TlsHandshakeRecord ? tls : plain)(connection).ConfigureAwait(false);
    };

    private static async Task<byte?> PeekFirstByteAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        timeout.CancelAfter(FirstByteTimeout);
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
                var buffer = read.Buffer;
                if (!buffer.IsEmpty)
                {
                    var first = buffer.FirstSpan[0];
                    input.AdvanceTo(buffer.Start); // nothing consumed or examined: the next reader sees the same bytes
                    return first;
                }
                input.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted || read.IsCanceled)
                    return null;
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
