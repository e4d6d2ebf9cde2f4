using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MoneroNet.Rpc.Events;

/// <summary>
/// Writes an event as one Server-Sent Events frame: <c>id: N</c>, then <c>data: {json}</c> on one line, then a blank
/// line (the SSE framing of the HTML standard; JSON never contains a raw line break, so one data line suffices).
/// </summary>
internal static class NodeEventJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = false, SkipValidation = false };

    /// <summary>The JSON object alone (tests and docs).</summary>
    public static byte[] ToJson(NodeEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer, e);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A whole SSE frame carrying the event <paramref name="json"/> with sequence number <paramref name="sequence"/>.</summary>
    public static byte[] Frame(byte[] json, long sequence)
    {
        var prefix = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {sequence}\ndata: "));
        var frame = new byte[prefix.Length + json.Length + 2];
        prefix.CopyTo(frame, 0);
        json.CopyTo(frame, prefix.Length);
        frame[^2] = (byte)'\n';
        frame[^1] = (byte)'\n';
        return frame;
    }

    private static void Write(IBufferWriter<byte> buffer, NodeEvent e)
    {
        using var json = new Utf8JsonWriter(buffer, Options);
        json.WriteStartObject();
        json.WriteString("type", e.Type);
        json.WriteString("timestamp", e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        if (e.ConnectionId is { } id) json.WriteString("connection_id", Convert.ToHexStringLower(id.ToByteArray(bigEndian: true)));
        if (e.Address is { } address) json.WriteString("address", address);
        if (e.Incoming is { } incoming) json.WriteBoolean("incoming", incoming);
        if (e.PeerId is { } peerId) json.WriteString("peer_id", Hex(peerId));
        if (e.Height is { } height) json.WriteNumber("height", height);
        if (e.PreviousHeight is { } previous) json.WriteNumber("previous_height", previous);
        if (e.Reason is { } reason) json.WriteString("reason", reason);
        if (e.Detail is { } detail) json.WriteString("detail", detail);
        if (e.RecvBytes is { } recv) json.WriteNumber("recv_bytes", recv);
        if (e.SendBytes is { } send) json.WriteNumber("send_bytes", send);
        if (e.LiveTimeSeconds is { } live) json.WriteNumber("live_time", Math.Round(live, 3));
        if (e.InnerPeerId is { } inner) json.WriteString("inner_peer_id", Hex(inner));
        if (e.Host is { } host)
        {
            json.WriteString("host", host);
            if (e.Type == NodeEventType.BanAdded)
            {
                if (e.Seconds is { } seconds) json.WriteNumber("seconds", seconds);
                else json.WriteNull("seconds");
            }
        }
        if (e.Source is { } source) json.WriteString("source", source);
        if (e.InPeers is { } inPeers) json.WriteNumber("in_peers", inPeers);
        if (e.OutPeers is { } outPeers) json.WriteNumber("out_peers", outPeers);
        if (e.Buffered is { } buffered) json.WriteNumber("buffered", buffered);
        json.WriteEndObject();
    }

    private static string Hex(ulong value) => value.ToString("x16", CultureInfo.InvariantCulture);
}
