using System.Buffers;
using System.Text;

namespace MoneroNet.Rpc.Json;

/// <summary>
/// Prints an <see cref="RpcJsonObject"/> tree exactly as monerod 0.18 prints JSON (docs/PROTOCOL.md §7.2), with
/// <see cref="MonerodJsonWriter"/>: keys in byte order, <c>"key": value</c>, CRLF line breaks, two spaces per level,
/// scalar arrays inline, arrays of objects as <c>[{ … },{ … }]</c>, no newline at the end, 0.18 string escaping.
/// For small documents (events, the console, tests); an RPC answer is printed into pooled segments
/// (<see cref="Dispatch.RpcReply.Json(Action{MonerodJsonWriter})"/>).
/// </summary>
public static class EpeeJsonWriter
{
    /// <summary>The document as one array.</summary>
    public static byte[] Write(RpcJsonObject root)
    {
        using var body = new PooledSegmentBuffer();
        Write(root, body);
        return body.ToArray();
    }

    public static string WriteToString(RpcJsonObject root) => Encoding.UTF8.GetString(Write(root));

    /// <summary>Prints the document into <paramref name="output"/>.</summary>
    public static void Write(RpcJsonObject root, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(output);
        new MonerodJsonWriter(output).WriteValue(root);
    }
}
