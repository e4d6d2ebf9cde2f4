using System.Reflection;

namespace MoneroNet.Node.CommandLine;

/// <summary>The product name and version shown by --version, --help and the first log line.</summary>
public static class ProductInfo
{
    /// <summary>Release name in the quotes of the version line, where monerod shows e.g. 'Fluorine Fermi'.</summary>
    public const string ReleaseName = "Genesis";

    /// <summary>The assembly's version (Directory.Build.props &lt;Version&gt;) without any "+commit" suffix.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>monerod's version line format: <c>MoneroNet 'Genesis' (v0.1.0)</c>.</summary>
    public static string VersionLine => $"MoneroNet '{ReleaseName}' (v{Version})";

    private static string ReadVersion()
    {
        var assembly = typeof(ProductInfo).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var text = informational ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var plus = text.IndexOf('+');
        return plus >= 0 ? text[..plus] : text;
    }
}
