using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AiFunctions.Kernel.Tests.Support;

/// <summary>Builds a kernel over fakes from flat configuration keys (relative to "AiFunctions:").</summary>
public sealed class KernelHarness : IDisposable
{
    private KernelHarness(ServiceProvider services, FakePlugin plugin, FakeTimeProvider time, FakeLogCollector logs)
    {
        Services = services;
        Plugin = plugin;
        Time = time;
        Logs = logs;
    }

    public ServiceProvider Services { get; }

    public FakePlugin Plugin { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public static IConfiguration Config(IDictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(kv => "AiFunctions:" + kv.Key, kv => kv.Value)).Build();

    /// <summary>Two instances "a" and "b" (models m1, m2) plus the given settings.</summary>
    public static Dictionary<string, string?> TwoInstances(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Providers:a:Plugin"] = "fake",
            ["Providers:a:Models:0"] = "m1",
            ["Providers:a:Models:1"] = "m2",
            ["Providers:b:Plugin"] = "fake",
            ["Providers:b:Models:0"] = "m1",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A route "r" over a/m1 then b/m1, no retry delay surprises (tests advance the fake clock).</summary>
    public static Dictionary<string, string?> FailoverRoute(params (string Key, string? Value)[] extra) =>
        TwoInstances([
            ("Routes:r:Targets:0:Provider", "a"), ("Routes:r:Targets:0:Model", "m1"),
            ("Routes:r:Targets:1:Provider", "b"), ("Routes:r:Targets:1:Model", "m1"),
            ("Routes:r:Redact", "false"),
            ("Routes:r:MaxRetries", "0"),
            .. extra]);

    public static KernelHarness Create(IDictionary<string, string?> settings, FakePlugin? plugin = null, Action<IServiceCollection>? configure = null)
    {
        plugin ??= new FakePlugin();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var loggerProvider = new FakeLoggerProvider();
        var logs = loggerProvider.Collector;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ILoggerFactory>(new LoggerFactory([loggerProvider]));
        configure?.Invoke(services);
        services.AddAiKernel(Config(settings), k => k.AddPlugin(plugin));
        return new KernelHarness(services.BuildServiceProvider(), plugin, time, logs);
    }

    /// <summary>Advances the fake clock a second at a time (up to 50 s) until <paramref name="call"/> completes: retries and backoffs wait on it.</summary>
    public async Task<T> AdvanceUntilDoneAsync<T>(Task<T> call)
    {
        for (var i = 0; i < 50 && !call.IsCompleted; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        return await call.WaitAsync(TimeSpan.FromSeconds(5));
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public Microsoft.Extensions.AI.IChatClient Route(string name) =>
        Services.GetRequiredKeyedService<Microsoft.Extensions.AI.IChatClient>(Routing.RouteKeys.Chat(name));

    public void Dispose() => Services.Dispose();
}
