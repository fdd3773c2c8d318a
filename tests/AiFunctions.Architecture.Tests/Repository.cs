using System.Reflection;
using System.Xml.Linq;

namespace AiFunctions.Architecture.Tests;

/// <summary>The repository's projects as the build sees them: csproj files, their references and their outputs.</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("RepoRoot");

    /// <summary>bin/{Configuration}/{TargetFramework}/ of the configuration these tests were built in.</summary>
    private static string OutputSuffix { get; } = Metadata("OutputSuffix");

    /// <summary>Every project under <paramref name="folder"/> (src, tools, tests, bench), by assembly name.</summary>
    public static IReadOnlyDictionary<string, string> Projects(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), p => p, StringComparer.Ordinal);

    public static string ProjectFile(string name) =>
        Projects("src").TryGetValue(name, out var path) ? path : throw new InvalidOperationException($"No src project named {name}.");

    /// <summary>The csproj files a project references, as full paths.</summary>
    public static IReadOnlyList<string> ProjectReferences(string projectFile) =>
        Items(projectFile, "ProjectReference")
            .Select(include => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(projectFile)!, include.Replace('\\', '/'))))
            .ToList();

    /// <summary>The packages a project references (PackageReference Include).</summary>
    public static IReadOnlyList<string> PackageReferences(string projectFile) => Items(projectFile, "PackageReference");

    /// <summary>The built assembly of a src project, in that project's own output folder.</summary>
    public static string Assembly(string name)
    {
        var path = Path.Combine(OutputFolder(name), name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{name} is not built at {path}; build the solution first.", path);
    }

    public static string OutputFolder(string name) => Path.Combine(Path.GetDirectoryName(ProjectFile(name))!, OutputSuffix);

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static List<string> Items(string projectFile, string item) =>
        XDocument.Load(projectFile).Descendants(item)
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            .ToList();

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");
}
