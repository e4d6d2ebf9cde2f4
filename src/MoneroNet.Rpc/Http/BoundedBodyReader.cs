using System.Buffers;

namespace MoneroNet.Rpc.Http;

/// <summary>Reads a request body into memory, refusing to hold more than a fixed number of bytes.</summary>
internal static class BoundedBodyReader
{
    private const int ChunkSize = 16 * 1024;

    /// <returns>The body, or null as soon as it turns out to be longer than <paramref name="limit"/>.</returns>
    public static async Task<byte[]?> ReadAsync(Stream body, long? contentLength, int limit, CancellationToken cancellationToken)
    {
        if (contentLength == 0)
        {
            return [];
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(contentLength ?? ChunkSize, limit + 1L));
        while (true)
        {
            var room = (int)Math.Min(ChunkSize, limit + 1L - buffer.WrittenCount);
            var memory = buffer.GetMemory(room)[..room];
            var read = await body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }
}
