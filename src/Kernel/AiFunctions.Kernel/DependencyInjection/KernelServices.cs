using System.Diagnostics.Metrics;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Caching;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Pipeline;
using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Kernel.Registry;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Kernel.Routing;
using AiFunctions.Kernel.Shadowing;
using AiFunctions.Kernel.SharedState;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiFunctions.Kernel.DependencyInjection;

/// <summary>Registers the kernel's own services (routing, resilience, accounting, redaction, invoker).</summary>
internal static class KernelServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var settings = KernelOptions.Read(configuration);
        AddValidatedOptions<ResilienceOptions, ResilienceOptionsValidator>(services, configuration.GetSection(AiKernelSections.Resilience));
        AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(services, configuration.GetSection(AiKernelSections.RateLimits));
        AddValidatedOptions<ConcurrencyLimitOptions, ConcurrencyLimitOptionsValidator>(services, configuration.GetSection(ConcurrencyLimitOptions.Section));
        AddValidatedOptions<RedactionOptions, RedactionOptionsValidator>(services, configuration.GetSection(AiKernelSections.Redaction));
        AddValidatedOptions<ProviderInstancesOptions, ProviderInstancesOptionsValidator>(services, configuration.GetSection(AiKernelSections.Root));
        AddValidatedOptions<SharedStateOptions, SharedStateOptionsValidator>(services, configuration.GetSection(SharedStateOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        var shared = settings.SharedState;
        if (!string.IsNullOrWhiteSpace(shared.Redis))
        {
            var redisOptions = StackExchange.Redis.ConfigurationOptions.Parse(shared.Redis);
            redisOptions.AbortOnConnectFail = false;

            services.TryAddSingleton<StackExchange.Redis.IConnectionMultiplexer>(_ => StackExchange.Redis.ConnectionMultiplexer.Connect(redisOptions));
            services.TryAddSingleton<IKernelSharedState>(sp => new RedisKernelState(sp.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>(), shared.KeyPrefix, Logger<RedisKernelState>(sp)));
            services.TryAddSingleton<IUsageLedger>(sp => new SharedUsageLedger(sp.GetRequiredService<IKernelSharedState>()));

            // The route response cache: HybridCache (L1 in process) over Redis (L2) on the same connection.
            services.AddStackExchangeRedisCache(_ => { });
            services.AddOptions<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions>().Configure<IServiceProvider>((o, sp) =>
            {
                o.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>());
                o.InstanceName = shared.KeyPrefix + "cache:";
            });
            services.AddHybridCache();
        }

        services.TryAddSingleton(new KernelStateInfo(string.IsNullOrWhiteSpace(shared.Redis) ? null : shared.Redis));
        services.TryAddSingleton<IUsageLedger, UsageLedger>();
        services.TryAddSingleton<IPiiRedactor>(_ => new RegexPiiRedactor(settings.Redaction));
        services.TryAddSingleton(sp => new RouteTable(configuration, sp.GetRequiredService<IProviderRegistry>()));
        services.TryAddSingleton<IRouteOverrides>(sp => sp.GetRequiredService<RouteTable>());
        services.TryAddSingleton(sp => new KernelMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new TargetResilience(
            settings.Resilience, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<RouteTable>(),
            sp.GetService<IKernelSharedState>(), shared.CircuitRefreshInterval, Logger<TargetResilience>(sp)));
        services.TryAddSingleton<ITargetHealth>(sp => sp.GetRequiredService<TargetResilience>());
        services.TryAddSingleton(sp => new KernelRateLimits(settings.RateLimits, sp.GetRequiredService<TimeProvider>(), sp.GetService<IKernelSharedState>()));
        services.TryAddSingleton(new TargetConcurrency(settings.ConcurrencyLimits));
        services.TryAddSingleton(sp =>
        {
            var guard = new BudgetGuard(settings.Budgets, sp.GetRequiredService<TimeProvider>(), sp.GetService<IKernelSharedState>());
            sp.GetRequiredService<KernelMetrics>().ObserveBudgets(guard);
            return guard;
        });
        services.TryAddSingleton<IBudgetStatus>(sp => sp.GetRequiredService<BudgetGuard>());
        services.TryAddSingleton(sp => new UsageAccountant(
            sp.GetRequiredService<IUsageLedger>(), settings.Pricing, sp.GetRequiredService<BudgetGuard>(),
            sp.GetRequiredService<KernelRateLimits>(), sp.GetRequiredService<KernelMetrics>()));
        services.TryAddSingleton(sp => new TargetPipelines(
            sp.GetRequiredService<IProviderRegistry>(),
            sp.GetRequiredService<UsageAccountant>(),
            sp.GetRequiredService<IPiiRedactor>(),
            () => SharedCache(sp),
            new KernelLimitsGate(sp.GetRequiredService<KernelRateLimits>(), sp.GetRequiredService<BudgetGuard>())));
        services.TryAddSingleton(sp => new RouteExecutor(
            sp.GetRequiredService<IProviderRegistry>(),
            sp.GetRequiredService<TargetResilience>(),
            sp.GetRequiredService<KernelRateLimits>(),
            sp.GetRequiredService<UsageAccountant>(),
            sp.GetRequiredService<TargetPipelines>(),
            sp.GetRequiredService<KernelMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            Logger<RouteExecutor>(sp),
            sp.GetRequiredService<TargetConcurrency>()));
        services.TryAddSingleton<IShadowPairStore, InMemoryShadowPairStore>();
        services.TryAddSingleton(sp => new ShadowRoutes(
            sp.GetRequiredService<RouteTable>(),
            sp.GetRequiredService<IProviderRegistry>(),
            settings.Pricing,
            sp.GetRequiredService<IPiiRedactor>(),
            () => SharedCache(sp),
            sp.GetRequiredService<KernelRateLimits>(),
            sp.GetRequiredService<KernelMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            () => sp.GetRequiredService<IShadowPairStore>(),
            sp.GetRequiredService<TargetConcurrency>()));
        services.TryAddSingleton<IShadowMonitor>(sp => sp.GetRequiredService<ShadowRoutes>());
        services.TryAddSingleton(sp => new AiFunctionInvoker(
            sp,
            sp.GetRequiredService<RouteTable>(),
            sp.GetRequiredService<RouteExecutor>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ShadowRoutes>()));
        services.TryAddSingleton<IAiFunctionInvoker>(sp => sp.GetRequiredService<AiFunctionInvoker>());
        services.TryAddSingleton<IAiFunctionEvaluator>(sp => sp.GetRequiredService<AiFunctionInvoker>());

        foreach (var section in configuration.GetSection(AiKernelSections.Routes).GetChildren())
        {
            var name = section.Key;
            services.AddKeyedSingleton<IChatClient>(RouteKeys.Chat(name), (sp, _) => BuildChatClient(sp, name));
            services.AddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>(RouteKeys.Embeddings(name), (sp, _) =>
                new RouteEmbeddingGenerator(sp.GetRequiredService<RouteTable>(), name, sp.GetRequiredService<RouteExecutor>()));
        }
    }

    /// <summary>
    /// The route's client: failover over its targets' pipelines. Redaction, the cache and route defaults are in each
    /// target's pipeline (TargetPipelines), which AI functions use too.
    /// </summary>
    private static IChatClient BuildChatClient(IServiceProvider sp, string name) =>
        new RouteChatClient(sp.GetRequiredService<RouteTable>(), name, sp.GetRequiredService<RouteExecutor>());

    /// <summary>
    /// The route response cache: HybridCache over Redis with shared state; else the host's IDistributedCache, else one
    /// in-memory cache per container.
    /// </summary>
    private static IDistributedCache SharedCache(IServiceProvider sp) =>
        sp.GetService<Microsoft.Extensions.Caching.Hybrid.HybridCache>() is { } hybrid
            ? new HybridRouteCache(hybrid)
            : sp.GetService<IDistributedCache>() ?? KernelCache.Get(sp);

    private static ILogger<T> Logger<T>(IServiceProvider sp) =>
        sp.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger<T>.Instance;

    /// <summary>One in-memory cache per container when the host registered no IDistributedCache.</summary>
    private static class KernelCache
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IServiceProvider, IDistributedCache> Caches = [];

        public static IDistributedCache Get(IServiceProvider sp) =>
            Caches.GetValue(sp, static _ => new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
    }

    private static void AddValidatedOptions<TOptions, TValidator>(IServiceCollection services, IConfiguration section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }
}
