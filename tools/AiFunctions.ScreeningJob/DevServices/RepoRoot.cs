namespace AiFunctions.DevServices;

/// <summary>Finds the repository root (the folder holding AiFunctions.sln) from the running program's location.</summary>
public static class RepoRoot
{
    public static string Find(string? startAt = null)
    {
        foreach (var start in new[] { startAt, AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AiFunctions.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"Could not find the repository root (a folder with AiFunctions.sln) above '{AppContext.BaseDirectory}' or '{Directory.GetCurrentDirectory()}'. Run from inside the clone.");
    }
}
