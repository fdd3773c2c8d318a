using System.Text.Json;
using Xunit;

namespace AiFunctions.FunctionApp.Tests.Infrastructure;

/// <summary>
/// infra/main.bicep and every environment's .bicepparam compile and lint with no diagnostic at all: the linter
/// rules that matter are raised to errors in infra/bicepconfig.json, and no warning is suppressed.
/// </summary>
public sealed class BicepTemplateTests
{
    public static TheoryData<string> ParameterFiles() => new(ParameterFileNames());

    private static string[] ParameterFileNames() =>
        Directory.GetFiles(Path.Combine(TestPaths.Infra, "parameters"), "*.bicepparam")
            .Select(file => Path.GetRelativePath(TestPaths.Infra, file))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public void Main_template_builds_without_diagnostics()
    {
        var result = BicepCli.Run("build", "main.bicep", "--stdout");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Diagnostics);
        using var template = JsonDocument.Parse(result.StandardOutput);
        Assert.NotEmpty(template.RootElement.GetProperty("resources").EnumerateArray());
    }

    [Fact]
    public void Main_template_lints_clean()
    {
        var result = BicepCli.Run("lint", "main.bicep");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void Parameter_file_builds_and_lints_clean(string parameterFile)
    {
        var build = BicepCli.Run("build-params", parameterFile, "--stdout");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Diagnostics);

        using var output = JsonDocument.Parse(build.StandardOutput);
        using var parameters = JsonDocument.Parse(output.RootElement.GetProperty("parametersJson").GetString()!);
        var environment = parameters.RootElement.GetProperty("parameters").GetProperty("environmentName").GetProperty("value").GetString();
        Assert.Equal(Path.GetFileNameWithoutExtension(parameterFile), environment);

        var lint = BicepCli.Run("lint", parameterFile);
        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.Empty(lint.Diagnostics);
    }

    [Fact]
    public void Every_environment_has_a_parameter_file()
    {
        Assert.Equal(["parameters/dev.bicepparam", "parameters/prod.bicepparam"], ParameterFileNames());
    }
}
