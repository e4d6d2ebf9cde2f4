using System.Text;
using MoneroNet.Rpc.Security;

namespace MoneroNet.Node.CommandLine;

/// <summary>
/// Completes --rpc-login (or, as in monerod, the RPC_LOGIN environment variable when the flag is absent):
/// <c>user:password</c> is split at the first colon; a bare <c>user</c> has its password asked on the terminal,
/// without echo and twice, as monerod asks it ("RPC server password", "Confirm password"). Without a terminal that is
/// an error rather than a silent read of whatever stdin holds.
/// </summary>
public sealed class RpcLoginPrompt(bool haveTerminal, Func<string?> readHiddenLine, TextWriter prompts)
{
    public const string EnvironmentVariable = "RPC_LOGIN";

    private const int MaxAttempts = 3;

    /// <summary>A prompt on the process's console.</summary>
    public static RpcLoginPrompt Console() =>
        new(!System.Console.IsInputRedirected && !System.Console.IsOutputRedirected, ReadHiddenConsoleLine, System.Console.Out);

    /// <returns>The login (null when none is configured), or an error line.</returns>
    public (RpcLogin? Login, string? Error) Resolve(string? fromFlag, string? fromEnvironment)
    {
        var text = fromFlag ?? (string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment);
        if (text is null)
            return (null, null);
        var colon = text.IndexOf(':');
        var user = colon < 0 ? text : text[..colon];
        if (user.Length == 0)
            return (null, "Username specified with --rpc-login cannot be empty");
        if (colon >= 0)
            return (new RpcLogin(user, text[(colon + 1)..]), null);
        if (!haveTerminal)
            return (null, $"--rpc-login {user} has no password and there is no terminal to ask for it: give it as {user}:PASSWORD");

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            prompts.Write("RPC server password: ");
            var first = readHiddenLine();
            prompts.Write("Confirm password: ");
            var second = readHiddenLine();
            if (first is null || second is null)
                return (null, "--rpc-login: no password was entered");
            if (first == second)
                return (new RpcLogin(user, first), null);
            prompts.WriteLine("Passwords do not match! Please try again.");
        }
        return (null, "--rpc-login: the passwords did not match");
    }

    private static string? ReadHiddenConsoleLine()
    {
        var line = new StringBuilder();
        while (true)
        {
            var key = System.Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    System.Console.WriteLine();
                    return line.ToString();
                case ConsoleKey.Backspace:
                    if (line.Length > 0)
                        line.Length--;
                    break;
                default:
                    if (key.KeyChar == '\u0004' && line.Length == 0)
                        return null; // Ctrl-D on an empty line
                    if (!char.IsControl(key.KeyChar))
                        line.Append(key.KeyChar);
                    break;
            }
        }
    }
}
