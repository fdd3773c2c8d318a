using AiFunctions.Host.Durable;
using AiFunctions.Hosting.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiFunctions.Host.Tests.Unit;

/// <summary>
/// One options mechanism across the composition root: every area's options are bound, checked by an
/// <see cref="IValidateOptions{TOptions}"/> on start (<c>ValidateOnStart</c>), and a bad setting's error names it.
/// </summary>
public sealed class StartupOptionsValidationTests
{
    private static readonly Dictionary<string, string?> Baseline = new()
    {
        ["AiFunctions:Storage:Store"] = "InMemory",
        ["AiFunctions:Events:Intake:Mode"] = "Direct",
    };

    [Theory]
    [InlineData("AiFunctions:Api:MaxCandidatesPerBatch", "20000")]
    [InlineData("AiFunctions:Api:MaxResumeCharacters", "0")]
    [InlineData("AiFunctions:Storage:NamePrefix", "dev-1")]
    [InlineData("AiFunctions:Events:Handling:InHandlerRetries", "99")]
    [InlineData("AiFunctions:Events:Intake:MaxBodyBytes", "-5")]
    [InlineData("AiFunctions:Retention:ResumesDays", "-1")]
    [InlineData("AiFunctions:Retention:ResultsDays", "30")]
    [InlineData("AiFunctions:Retention:OrchestrationHistoryDays", "99999")]
    [InlineData("AiFunctions:Retention:DeadLettersDays", "-7")]
    [InlineData("AiFunctions:Retention:Interval", "00:00:05")]
    public void A_bad_setting_in_any_area_fails_the_composition_roots_start_up_naming_it(string path, string value)
    {
        using var services = Compose(new() { [path] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"'{path}' is", error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_offline_defaults_pass_every_start_up_check()
    {
        using var services = Compose([]);

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData("AiFunctions:Durable:PartitionCount", "17")]
    [InlineData("AiFunctions:Durable:TaskHubName", "1hub")]
    [InlineData("AiFunctions:Durable:SidecarPort", "70000")]
    public void A_bad_durable_setting_fails_before_the_backend_is_wired(string path, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [path] = value }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddDurableBackend(configuration, _ => { }));

        Assert.Contains($"'{path}' is", error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Compose(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Baseline.Concat(settings)).Build();
        return new ServiceCollection().AddLogging().AddAiFunctionsCore(configuration).BuildServiceProvider();
    }
}
