using AiFunctions.Events.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiFunctions.Events.Tests;

/// <summary>A bad Events setting stops the host at start-up with an error naming the setting (IValidateOptions + ValidateOnStart).</summary>
public sealed class EventsOptionsValidationTests
{
    private static readonly Dictionary<string, string?> Baseline = new()
    {
        ["AiFunctions:Storage:Store"] = "InMemory",
        ["AiFunctions:Events:Intake:Mode"] = "Direct",
    };

    [Theory]
    [InlineData("AiFunctions:Events:Handling:InHandlerRetries", "-1")]
    [InlineData("AiFunctions:Events:Handling:InHandlerRetryDelay", "-00:00:01")]
    [InlineData("AiFunctions:Events:Handling:MaxAbandonBackoff", "00:00:00.100")]
    [InlineData("AiFunctions:Events:Intake:MaxBodyBytes", "0")]
    [InlineData("AiFunctions:Events:Intake:AllowedRate", "fast")]
    [InlineData("AiFunctions:Events:Intake:KeyHeaderName", "X Events Key")]
    [InlineData("AiFunctions:Events:Outbound:Source", " ")]
    [InlineData("AiFunctions:ServiceBus:FullyQualifiedNamespace", "https://my-namespace.servicebus.windows.net/")]
    public async Task A_bad_setting_fails_start_up_naming_it(string path, string value)
    {
        var error = await StartupErrorAsync(new() { [path] = value });

        Assert.Contains($"'{path}' is", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_Bus_processor_settings_are_checked_when_a_Service_Bus_is_configured()
    {
        var error = await StartupErrorAsync(new()
        {
            ["AiFunctions:ServiceBus:ConnectionString"] = "Endpoint=sb://127.0.0.1:1/;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true",
            ["AiFunctions:Events:ServiceBus:MaxConcurrentCalls"] = "0",
            ["AiFunctions:Events:ServiceBus:HrEventsTopic"] = "",
        });

        Assert.Contains("'AiFunctions:Events:ServiceBus:MaxConcurrentCalls' is 0. Use 1 to 1000", error.Message, StringComparison.Ordinal);
        Assert.Contains("'AiFunctions:Events:ServiceBus:HrEventsTopic' is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_Grid_outbound_needs_an_https_topic_endpoint()
    {
        var error = await StartupErrorAsync(new()
        {
            ["AiFunctions:Events:Outbound:Kind"] = "EventGrid",
            ["AiFunctions:Events:Outbound:TopicEndpoint"] = "http://my-topic.westeurope-1.eventgrid.azure.net/api/events",
        });

        Assert.Contains("'AiFunctions:Events:Outbound:TopicEndpoint' is 'http://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_defaults_start()
    {
        using var host = Build(new());

        await host.StartAsync();
        await host.StopAsync();
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Baseline.Concat(settings));
        builder.Services.AddLogging();
        builder.Services.AddHrEvents(builder.Configuration);
        return builder.Build();
    }

    /// <summary>The error of registering and starting a host with <paramref name="settings"/>, whichever step raised it.</summary>
    private static async Task<OptionsValidationException> StartupErrorAsync(Dictionary<string, string?> settings) =>
        await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            using var host = Build(settings);
            await host.StartAsync();
        });
}
