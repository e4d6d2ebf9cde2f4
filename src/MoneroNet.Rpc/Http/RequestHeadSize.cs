using Microsoft.AspNetCore.Http;

namespace MoneroNet.Rpc.Http;

/// <summary>
/// How many bytes the request line and headers took on the wire, rebuilt from what Kestrel parsed (Kestrel keeps no
/// raw copy). Exact for the usual "Name: value" spelling; monerod's limit counts these bytes together with the body.
/// </summary>
internal static class RequestHeadSize
{
    public static int Estimate(HttpRequest request, string target)
    {
        // "METHOD target HTTP/1.1\r\n"
        long size = request.Method.Length + 1 + target.Length + 1 + request.Protocol.Length + 2;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                // "Name: value\r\n"
                size += name.Length + 2 + (value?.Length ?? 0) + 2;
            }
        }

        size += 2; // the empty line
        return (int)Math.Min(size, int.MaxValue);
    }
}
