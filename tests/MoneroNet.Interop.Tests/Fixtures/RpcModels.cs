using System.Text.Json.Serialization;

namespace MoneroNet.Interop.Tests.Fixtures;

// Shapes of the daemon RPC answers the interop tests read (docs/PROTOCOL.md §6, §7.7). Property names map to monerod's
// snake_case keys through the serializer's naming policy; only the fields the tests use need to be complete.

/// <summary>One entry of JSON-RPC get_connections.</summary>
public sealed record ConnectionInfo
{
    public string Address { get; init; } = "";
    public int AddressType { get; init; }
    public ulong AvgDownload { get; init; }
    public ulong AvgUpload { get; init; }
    public string ConnectionId { get; init; } = "";
    public ulong CurrentDownload { get; init; }
    public ulong CurrentUpload { get; init; }
    public ulong Height { get; init; }
    public string Host { get; init; } = "";
    public bool Incoming { get; init; }
    public string Ip { get; init; } = "";
    public ulong LiveTime { get; init; }
    public bool LocalIp { get; init; }
    public bool Localhost { get; init; }
    public string PeerId { get; init; } = "";
    public string Port { get; init; } = "";
    public uint PruningSeed { get; init; }
    public ulong RecvCount { get; init; }
    public ulong RecvIdleTime { get; init; }
    public uint RpcCreditsPerHash { get; init; }
    public int RpcPort { get; init; }
    public ulong SendCount { get; init; }
    public ulong SendIdleTime { get; init; }
    public string State { get; init; } = "";
    public uint SupportFlags { get; init; }

    /// <summary>
    /// Normal and with the peer's id known. monerod's outgoing handshake marks the connection normal (through its
    /// sync-data handler) a few statements before it stores the peer id (net_node.inl, do_handshake_with_peer), so on a
    /// busy machine a get_connections answer can show "normal" with peer id 0000000000000000 for a moment.
    /// </summary>
    public bool IsHandshaken => State == "normal" && PeerId.Length == 16 && PeerId != "0000000000000000";

    public override string ToString() =>
        $"{(Incoming ? "in " : "out")} {Address} peer {PeerId} {State} h{Height} recv {RecvCount} send {SendCount}";
}

public sealed record ConnectionsResult
{
    public IReadOnlyList<ConnectionInfo>? Connections { get; init; }
    public string Status { get; init; } = "";
}

/// <summary>The part of get_info the tests use.</summary>
public sealed record InfoResult
{
    public ulong Height { get; init; }
    public string Nettype { get; init; } = "";
    public string TopBlockHash { get; init; } = "";
    public ulong IncomingConnectionsCount { get; init; }
    public ulong OutgoingConnectionsCount { get; init; }
    public string Status { get; init; } = "";
}

public sealed record GenerateBlocksResult
{
    public IReadOnlyList<string>? Blocks { get; init; }

    /// <summary>Height of the last generated block (chain length − 1), not the chain length.</summary>
    public ulong Height { get; init; }

    public string Status { get; init; } = "";
}

public sealed record NetStatsResult
{
    public ulong StartTime { get; init; }
    public ulong TotalBytesIn { get; init; }
    public ulong TotalBytesOut { get; init; }
    public ulong TotalPacketsIn { get; init; }
    public ulong TotalPacketsOut { get; init; }
    public string Status { get; init; } = "";
}

internal sealed record JsonRpcError
{
    public int Code { get; init; }
    public string Message { get; init; } = "";
}

internal sealed record JsonRpcResponse<T>
{
    public T? Result { get; init; }
    public JsonRpcError? Error { get; init; }
}

internal sealed record GenerateBlocksParams(
    [property: JsonPropertyName("amount_of_blocks")] ulong AmountOfBlocks,
    [property: JsonPropertyName("wallet_address")] string WalletAddress);
