namespace MoneroNet.Interop.Tests.Fixtures;

internal static class TempDirectory
{
    /// <summary>Deletes a daemon's data dir; a leftover in /tmp is not worth failing a test over.</summary>
    public static void DeleteQuietly(string path)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }
}
