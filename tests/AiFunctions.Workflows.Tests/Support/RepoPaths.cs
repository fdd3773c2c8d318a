namespace AiFunctions.Workflows.Tests.Support;

/// <summary>Finds the repository root by walking up from the test binaries to the folder holding AiFunctions.sln.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> Root = new(Find);

    public static string RepoRoot => Root.Value;

    public static string BloombergData => Path.Combine(RepoRoot, "data", "bloomberg-hiring");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"AiFunctions.sln not found above {AppContext.BaseDirectory}: run the tests from inside the repository.");
    }
}
