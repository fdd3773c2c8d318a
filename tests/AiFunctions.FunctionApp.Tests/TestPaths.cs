using System.Reflection;

namespace AiFunctions.FunctionApp.Tests;

/// <summary>Paths the build wrote into this assembly's metadata (see the test project file).</summary>
internal static class TestPaths
{
    public static string RepoRoot => Metadata("RepoRoot");

    public static string Infra => Path.Combine(RepoRoot, "infra");

    public static string BicepPackageFolder => Metadata("BicepPackageFolder");

    public static string FunctionAppOutput => Metadata("FunctionAppOutput");

    private static string Metadata(string key)
    {
        var value = typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value;
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"The test assembly has no '{key}' metadata. Build it with 'dotnet build' so the project file can supply it.");
        }

        return value;
    }
}
