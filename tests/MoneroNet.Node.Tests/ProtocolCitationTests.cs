using System.Text.RegularExpressions;

namespace MoneroNet.Node.Tests;

/// <summary>
/// Comments all over the repository justify behaviour with "docs/PROTOCOL.md §x.y". These tests keep those
/// citations honest: each must name a heading that exists in docs/PROTOCOL.md (so renumbering the document, or
/// citing a section that was never written, fails here), and none may point at the protocol sheet outside the
/// repository, which a reader of the repository alone cannot open. Citations without the <c>docs/</c> prefix
/// ("PROTOCOL.md §x") are accepted as long as the section exists; they mean the same file.
/// </summary>
public sealed partial class ProtocolCitationTests
{
    /// <summary>
    /// "PROTOCOL.md", an optional closing backtick, then one or more section numbers: "§3.3", "§3.3, §3.7",
    /// "§2.3–2.5", "§1.5–1.6". A comma-separated item needs its own §, so "§9 item 7" or "§4, 12 peers" stop after
    /// the first number; a range's second end may omit the §.
    /// </summary>
    [GeneratedRegex(@"PROTOCOL\.md`?\s+(?<refs>§\d+(?:\.\d+)?(?:\s*,\s*§\d+(?:\.\d+)?|\s*[–-]\s*§?\d+(?:\.\d+)?)*)")]
    private static partial Regex Citation();

    [GeneratedRegex(@"\d+(?:\.\d+)?")]
    private static partial Regex SectionNumber();

    /// <summary>"## 3. P2P …" or "### 3.3 1001 …": the number is what citations name.</summary>
    [GeneratedRegex(@"^#{2,3} (?<number>\d+(?:\.\d+)?)\.? ", RegexOptions.Multiline)]
    private static partial Regex NumberedHeading();

    /// <summary>Paths that lead out of the repository to the shared protocol sheet it was first written from.</summary>
    [GeneratedRegex(@"shared[/]protocol|\.\./PROTOCOL\.md|\.\./shared/[^\s`)]*PROTOCOL")]
    private static partial Regex SharedSheetPath();

    private static readonly string[] ScannedDirectories = ["src", "tests", "bench", "docs"];
    private static readonly string[] ScannedExtensions = [".cs", ".md"];

    /// <summary>Build output and tool artefacts hold copies of sources; only the sources themselves are cited from.</summary>
    private static readonly HashSet<string> SkippedDirectoryNames = new(StringComparer.Ordinal)
    {
        "bin", "obj", "BenchmarkDotNet.Artifacts",
    };

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MoneroNet.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no MoneroNet.slnx above {AppContext.BaseDirectory}");
    }

    private static HashSet<string> DocumentedSections(string root)
    {
        var text = File.ReadAllText(Path.Combine(root, "docs", "PROTOCOL.md"));
        return NumberedHeading().Matches(text).Select(m => m.Groups["number"].Value).ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<string> ScannedFiles(string root)
    {
        yield return Path.Combine(root, "README.md");
        foreach (var top in ScannedDirectories)
        {
            foreach (var file in FilesUnder(new DirectoryInfo(Path.Combine(root, top))))
                yield return file;
        }
    }

    private static IEnumerable<string> FilesUnder(DirectoryInfo dir)
    {
        foreach (var file in dir.EnumerateFiles())
        {
            if (ScannedExtensions.Contains(file.Extension, StringComparer.Ordinal))
                yield return file.FullName;
        }
        foreach (var sub in dir.EnumerateDirectories())
        {
            if (sub.Name.StartsWith('.') || SkippedDirectoryNames.Contains(sub.Name))
                continue;
            foreach (var file in FilesUnder(sub))
                yield return file;
        }
    }

    /// <summary>Every line of every scanned file, as "relative/path:line" and its text.</summary>
    private static IEnumerable<(string Where, string Text)> ScannedLines(string root)
    {
        foreach (var path in ScannedFiles(root))
        {
            var relative = Path.GetRelativePath(root, path);
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                yield return ($"{relative}:{lineNumber}", line);
            }
        }
    }

    private static IEnumerable<(string Where, string Citation, string Section)> Citations(string root) =>
        from line in ScannedLines(root)
        from Match citation in Citation().Matches(line.Text)
        from Match number in SectionNumber().Matches(citation.Groups["refs"].Value)
        select (line.Where, citation.Value, number.Value);

    [Fact]
    public void Protocol_document_numbers_its_top_level_sections_0_to_9()
    {
        var sections = DocumentedSections(RepositoryRoot());

        var missing = Enumerable.Range(0, 10).Select(n => n.ToString()).Where(n => !sections.Contains(n)).ToList();
        Assert.True(missing.Count == 0, $"docs/PROTOCOL.md has no '## N.' heading for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Protocol_document_has_no_section_number_twice()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "PROTOCOL.md"));

        var duplicates = NumberedHeading().Matches(text).GroupBy(m => m.Groups["number"].Value)
            .Where(g => g.Count() > 1).Select(g => "§" + g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"docs/PROTOCOL.md numbers more than one heading {string.Join(", ", duplicates)}");
    }

    [Fact]
    public void The_repository_cites_the_protocol_document()
    {
        // Guards the scan itself: if the pattern or the file walk broke, the next test would pass vacuously.
        var citations = Citations(RepositoryRoot()).ToList();

        Assert.True(citations.Count >= 40, $"only {citations.Count} PROTOCOL.md citations found; is the scan broken?");
        Assert.Contains(citations, c => c.Where.StartsWith("src" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        Assert.Contains(citations, c => c.Where.StartsWith("tests" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_citation_names_a_section_of_docs_PROTOCOL_md()
    {
        var root = RepositoryRoot();
        var sections = DocumentedSections(root);

        var bad = Citations(root).Where(c => !sections.Contains(c.Section))
            .Select(c => $"{c.Where}: \"{c.Citation}\" names §{c.Section}, which docs/PROTOCOL.md does not have").ToList();
        Assert.True(bad.Count == 0, "citations of missing sections:\n" + string.Join("\n", bad));
    }

    [Fact]
    public void Nothing_points_at_the_protocol_sheet_outside_the_repository()
    {
        var bad = ScannedLines(RepositoryRoot()).Where(l => SharedSheetPath().IsMatch(l.Text))
            .Select(l => $"{l.Where}: {l.Text.Trim()}").ToList();
        Assert.True(bad.Count == 0, "cite docs/PROTOCOL.md instead of the shared sheet:\n" + string.Join("\n", bad));
    }
}
