using System.Globalization;
using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Routing;
using AiFunctions.Providers.Tests.Conformance;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Providers.Tests.Faults;

/// <summary>
/// A two-target route over two loopback fakes of one provider's wire: the first target misbehaves (as public bug
/// reports describe), the second is healthy. Route "faults": primary then secondary, MaxRetries 2, a 1 ms retry base
/// delay, MaxRetryWait 5 s, a 10 s attempt timeout, no redaction. Overrides are route keys ("Timeout") or, starting
/// with "Resilience:" or "Providers:", kernel-wide ones.
/// </summary>
public sealed class FaultRoute : IAsyncDisposable
{
    public const string Route = "faults";

    private FaultRoute(FakeProviderServer primary, FakeProviderServer secondary, ServiceProvider services)
    {
        Primary = primary;
        Secondary = secondary;
        Services = services;
    }

    public FakeProviderServer Primary { get; }

    public FakeProviderServer Secondary { get; }

    public ServiceProvider Services { get; }

    public IChatClient Chat => Services.GetRequiredKeyedService<IChatClient>(RouteKeys.Chat(Route));

    public IAiFunctionInvoker Invoker => Services.GetRequiredService<IAiFunctionInvoker>();

    public static async Task<FaultRoute> StartAsync(
        Func<ProviderWire> wire,
        string plugin,
        string model,
        Func<Uri, IEnumerable<KeyValuePair<string, string?>>> instanceSettings,
        Action<AiKernelBuilder> addPlugin,
        params (string Key, string Value)[] routeOverrides)
    {
        var primary = await FakeProviderServer.StartAsync(wire());
        var secondary = await FakeProviderServer.StartAsync(wire());
        var values = new Dictionary<string, string?>();
        foreach (var (instance, fake) in new[] { ("primary", primary), ("secondary", secondary) })
        {
            values[$"{AiKernelSections.Providers}:{instance}:Plugin"] = plugin;
            values[$"{AiKernelSections.Providers}:{instance}:Models:0"] = model;
            foreach (var (key, value) in instanceSettings(fake.BaseAddress))
            {
                values[$"{AiKernelSections.Providers}:{instance}:{key}"] = value;
            }
        }

        var route = $"{AiKernelSections.Routes}:{Route}:";
        values[route + "Targets:0:Provider"] = "primary";
        values[route + "Targets:0:Model"] = model;
        values[route + "Targets:1:Provider"] = "secondary";
        values[route + "Targets:1:Model"] = model;
        values[route + "MaxRetries"] = "2";
        values[route + "RetryBaseDelay"] = "00:00:00.001";
        values[route + "MaxRetryWait"] = "00:00:05";
        values[route + "Timeout"] = "00:00:10";
        values[route + "Redact"] = "false";
        foreach (var (key, value) in routeOverrides)
        {
            values[key.StartsWith("Resilience:", StringComparison.Ordinal) || key.StartsWith("Providers:", StringComparison.Ordinal) ? $"{AiKernelSections.Root}:{key}" : route + key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAiKernel(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), addPlugin);
        return new FaultRoute(primary, secondary, services.BuildServiceProvider());
    }

    public static string Seconds(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Primary.DisposeAsync();
        await Secondary.DisposeAsync();
    }
}

/// <summary>The kit's answer function on the fault route (JSON {answer, score}, score 0-5).</summary>
public sealed class FaultAnswerFunction : AiFunction<string, ConformanceAnswer>
{
    private readonly ConformanceAnswerFunction _inner = new();

    public override string Name => "faults.answer";

    public override string Version => "1";

    public override string Route => FaultRoute.Route;

    public override IList<ChatMessage> BuildPrompt(string input) => _inner.BuildPrompt(input);

    public override IReadOnlyList<string> Validate(string input, ConformanceAnswer output) => _inner.Validate(input, output);
}
