using System.Xml.Linq;

namespace AiFunctions.Architecture.Tests;

/// <summary>Rules about the repository's build files and docs that nothing else checks.</summary>
public sealed class RepositoryRuleTests
{
    [Fact]
    public void Every_pinned_package_version_is_referenced_by_a_project()
    {
        var pinned = XDocument.Load(Path.Combine(Repository.Root, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Select(e => (string)e.Attribute("Include")!)
            .ToList();
        var referenced = new[] { "src", "tools", "tests", "bench" }
            .SelectMany(folder => Repository.Projects(folder).Values)
            .Concat(Directory.EnumerateFiles(Repository.Root, "Directory.Build.*"))
            .SelectMany(file => XDocument.Load(file).Descendants().Where(e => e.Name.LocalName is "PackageReference" or "GlobalPackageReference"))
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unused = pinned.Where(p => !referenced.Contains(p)).ToList();
        Assert.True(unused.Count == 0,
            $"Directory.Packages.props pins versions no project references: {string.Join(", ", unused)}. Remove them, or add the PackageReference in the same change.");
        Assert.Equal(pinned.Count, pinned.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void The_architecture_doc_lists_every_src_project()
    {
        var doc = File.ReadAllText(Path.Combine(Repository.Root, "docs", "architecture.md"));
        // A row names a folder (`src/Kernel/AiFunctions.Kernel`) or a family of folders (`src/Providers/AiFunctions.Providers.*`).
        var families = System.Text.RegularExpressions.Regex.Matches(doc, "`(src/[^`*]+)\\*`").Select(m => m.Groups[1].Value).ToList();
        var missing = Repository.Projects("src").Values
            .Select(file => Path.GetRelativePath(Repository.Root, Path.GetDirectoryName(file)!).Replace('\\', '/'))
            .Where(folder => !doc.Contains($"`{folder}`", StringComparison.Ordinal) && !families.Any(f => folder.StartsWith(f, StringComparison.Ordinal)))
            .ToList();
        Assert.True(missing.Count == 0, $"docs/architecture.md has no table row for {string.Join(", ", missing)}.");
    }
}
