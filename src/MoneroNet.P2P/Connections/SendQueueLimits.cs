namespace MoneroNet.P2P.Connections;

/// <summary>What one session may queue for its peer, and the node-wide budget all sessions share.</summary>
public sealed record SendQueueLimits(int MaxFrames, long MaxBytes, SendBudget Budget);
