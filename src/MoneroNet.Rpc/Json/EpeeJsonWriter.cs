using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace MoneroNet.Rpc.Json;

/// <summary>
/// Prints an <see cref="RpcJsonObject"/> exactly as monerod 0.18 prints JSON (docs/PROTOCOL.md §7.2): keys in byte order,
/// <c>"key": value</c>, CRLF line breaks, two spaces per level, scalar arrays inline, arrays of objects as
/// <c>[{ … },{ … }]</c>, no newline at the end, 0.18 string escaping. One deliberate difference: an empty array is
/// printed as <c>[]</c> where monerod leaves the key out (clients such as monero-ts fail on the missing key).
/// </summary>
/// <remarks>
/// Large documents (get_connections at 10,000 peers is 7 MB) are measured with <see cref="GetByteCount"/> and then
/// streamed with <see cref="WriteAsync"/>, flushing every <see cref="FlushThreshold"/> bytes, so that neither a
/// growing buffer nor a copy of the whole body is ever held: both would be large-object-heap arrays, freed only by a
/// full collection.
/// </remarks>
public static class EpeeJsonWriter
{
    /// <summary>How many bytes <see cref="WriteAsync"/> lets build up in the pipe before it flushes.</summary>
    public const int FlushThreshold = 32 * 1024;

    /// <summary>The document as one array of exactly its length.</summary>
    public static byte[] Write(RpcJsonObject root)
    {
        var bytes = new byte[GetByteCount(root)];
        var output = new ArrayFillWriter(bytes);
        Write(root, output);
        if (output.Written != bytes.Length)
        {
            throw new InvalidOperationException("the document changed while it was written");
        }

        return bytes;
    }

    public static string WriteToString(RpcJsonObject root) => Encoding.UTF8.GetString(Write(root));

    /// <summary>The document's length in bytes, measured by printing it into nothing.</summary>
    public static long GetByteCount(RpcJsonObject root)
    {
        var counter = new ByteCountingWriter(null);
        Write(root, counter);
        return counter.Count;
    }

    /// <summary>Prints the document into <paramref name="output"/>.</summary>
    public static void Write(RpcJsonObject root, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(output);
        var renderer = new EpeeJsonRenderer(root);
        while (!renderer.IsComplete)
        {
            renderer.RenderNext(output);
        }
    }

    /// <summary>Prints the document into a pipe, flushing about every <see cref="FlushThreshold"/> bytes and at the end.</summary>
    public static async ValueTask WriteAsync(RpcJsonObject root, PipeWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(output);
        var renderer = new EpeeJsonRenderer(root);
        var counter = new ByteCountingWriter(output);
        long flushedAt = 0;
        while (!renderer.IsComplete)
        {
            renderer.RenderNext(counter);
            if (counter.Count - flushedAt >= FlushThreshold)
            {
                flushedAt = counter.Count;
                var flushed = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    // The reader is gone (the client hung up): nothing more can be delivered.
                    return;
                }
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
