using Mono.Cecil;
using NetArchTest.Rules;
using static AiFunctions.Architecture.Tests.DependencyTable;

namespace AiFunctions.Architecture.Tests;

/// <summary>
/// The dependency table of docs/architecture.md, checked three ways for every src project: the project references of
/// its csproj, the assembly references of what it builds, and the type dependencies of its types (NetArchTest), so a
/// wrong arrow fails here whichever way it was drawn.
/// </summary>
public sealed class DependencyRuleTests
{
    public static TheoryData<string> SrcProjects() => [.. ProjectReferences.Keys];

    /// <summary>Every project of the repository by assembly name (also the root namespace of its types).</summary>
    private static readonly string[] OurProjects =
        [.. new[] { "src", "tools", "tests", "bench" }.SelectMany(folder => Repository.Projects(folder).Keys).Distinct(StringComparer.Ordinal)];

    [Fact]
    public void Every_src_project_is_in_the_dependency_table()
    {
        var unknown = Repository.Projects("src").Keys.Where(p => !ProjectReferences.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unknown.Count == 0,
            $"Not in the dependency table (tests/AiFunctions.Architecture.Tests/DependencyTable.cs and docs/architecture.md): {string.Join(", ", unknown)}. Decide what each may depend on and add it to both.");
        Assert.Equal(ProjectReferences.Keys.Order(StringComparer.Ordinal), Uses.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SrcProjects))]
    public void Project_references_follow_the_table(string project)
    {
        var file = Repository.ProjectFile(project);
        var srcRoot = Path.Combine(Repository.Root, "src") + Path.DirectorySeparatorChar;
        var wrong = new List<string>();
        foreach (var reference in Repository.ProjectReferences(file))
        {
            var name = Path.GetFileNameWithoutExtension(reference);
            var outsideSrc = !reference.StartsWith(srcRoot, StringComparison.Ordinal);
            if (!ProjectReferences[project].Contains(name, StringComparer.Ordinal))
            {
                wrong.Add($"{project} → {Repository.Relative(reference)}{(outsideSrc ? " (outside src/: tools, tests and bench may depend on src, never the reverse)" : string.Empty)}");
            }
        }

        Assert.True(wrong.Count == 0, $"Project references the dependency table does not allow: {string.Join("; ", wrong)}. Allowed for {project}: {Allowed(ProjectReferences[project])}.");
    }

    [Theory]
    [MemberData(nameof(SrcProjects))]
    public void Assembly_references_follow_the_table(string project)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(Repository.Assembly(project));
        var ours = assembly.MainModule.AssemblyReferences
            .Select(r => r.Name)
            .Where(name => OurProjects.Contains(name, StringComparer.Ordinal))
            .ToList();

        var wrong = ours.Where(name => !Uses[project].Contains(name, StringComparer.Ordinal)).ToList();
        Assert.True(wrong.Count == 0, $"{project} references {string.Join(", ", wrong)}; allowed: {Allowed(Uses[project])}.");
    }

    [Theory]
    [MemberData(nameof(SrcProjects))]
    public void Type_dependencies_follow_the_table(string project)
    {
        var forbidden = OurProjects
            // Our namespaces are the projects' names. NetArchTest matches whole namespace segments (AiFunctions.Host
            // does not match AiFunctions.Hosting); a namespace that contains this project's own is not forbidden.
            .Where(other => !IsUnder(project, other) && !Uses[project].Contains(other, StringComparer.Ordinal))
            .ToArray();

        var result = Types.FromFile(Repository.Assembly(project)).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful,
            $"Types of {project} depend on a project the table does not allow (allowed: {Allowed(Uses[project])}): {string.Join(", ", result.FailingTypeNames ?? [])}.");
    }

    [Theory]
    [MemberData(nameof(SrcProjects))]
    public void Only_plugins_reference_provider_SDKs_and_each_only_its_own(string project)
    {
        var packages = Repository.PackageReferences(Repository.ProjectFile(project))
            .Where(p => ProviderSdks.TryGetValue(p, out var plugins) && !plugins.Contains(project, StringComparer.Ordinal))
            .ToList();
        Assert.True(packages.Count == 0, $"{project} references the provider SDK package(s) {string.Join(", ", packages)}; only the plugin of that provider may (docs/architecture.md).");

        using var assembly = AssemblyDefinition.ReadAssembly(Repository.Assembly(project));
        var sdkAssemblies = assembly.MainModule.AssemblyReferences
            .Select(r => r.Name)
            .Where(name => ProviderSdkAssemblies.Any(sdk => IsUnder(name, sdk.Prefix) && !sdk.Plugins.Contains(project, StringComparer.Ordinal)))
            .ToList();
        Assert.True(sdkAssemblies.Count == 0, $"{project} uses types of the provider SDK assembly(ies) {string.Join(", ", sdkAssemblies)}; only the plugin of that provider may.");

        var sdkNamespaces = ProviderSdkAssemblies.Where(sdk => !sdk.Plugins.Contains(project, StringComparer.Ordinal)).Select(sdk => sdk.Prefix).ToArray();
        var result = Types.FromFile(Repository.Assembly(project)).ShouldNot().HaveDependencyOnAny(sdkNamespaces).GetResult();
        Assert.True(result.IsSuccessful, $"Types of {project} depend on a provider SDK it may not use: {string.Join(", ", result.FailingTypeNames ?? [])}.");
    }

    [Fact]
    public void The_type_rule_sees_a_real_dependency()
    {
        // Guards the rule above against matching nothing: Hosting composes the plugins, so it must be seen to depend on one.
        var result = Types.FromFile(Repository.Assembly(Hosting)).ShouldNot().HaveDependencyOn(Local).GetResult();
        Assert.False(result.IsSuccessful);
        var hosting = Types.FromFile(Repository.Assembly(FunctionApp)).ShouldNot().HaveDependencyOn(Host).GetResult();
        Assert.True(hosting.IsSuccessful, "AiFunctions.Host must not match AiFunctions.Hosting types: " + string.Join(", ", hosting.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_Functions_app_does_not_ship_the_dev_broker_and_the_standalone_host_does()
    {
        // deps.json is what the runtime loads from and is rewritten by every build (a stale dll left in bin is not shipped).
        static string Deps(string host) => File.ReadAllText(Path.Combine(Repository.OutputFolder(host), host + ".deps.json"));

        Assert.DoesNotContain($"\"{DevServiceBus}", Deps(FunctionApp), StringComparison.Ordinal);
        Assert.Contains($"\"{DevServiceBus}", Deps(Host), StringComparison.Ordinal);
        Assert.Contains($"\"{ServiceBusConfiguration}", Deps(FunctionApp), StringComparison.Ordinal);
    }

    private static string Allowed(string[] names) => names.Length == 0 ? "nothing of ours" : string.Join(", ", names);
}
