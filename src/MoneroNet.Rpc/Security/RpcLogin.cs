namespace MoneroNet.Rpc.Security;

/// <summary>The user name and password every RPC request must authenticate with (monerod's --rpc-login).</summary>
public sealed record RpcLogin
{
    public RpcLogin(string userName, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentNullException.ThrowIfNull(password);
        UserName = userName;
        Password = password;
    }

    public string UserName { get; }

    public string Password { get; }

    /// <summary>Never prints the password (options records get logged).</summary>
    public override string ToString() => $"{UserName}:***";
}
