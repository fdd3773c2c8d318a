using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Providers.Local;
using AiFunctions.Workflows.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Workflows.Tests.Support;

/// <summary>
/// The real kernel with the offline Local provider, configured like the project's offline default: instance "local"
/// (hr-rules-v1 and all-MiniLM-L6-v2), routes screening and drafting on local/hr-rules-v1; the in-memory store.
/// </summary>
internal static class LocalKernel
{
    public static IConfiguration Configuration() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiFunctions:Providers:local:Plugin"] = "local",
            ["AiFunctions:Providers:local:Models:0"] = "hr-rules-v1",
            ["AiFunctions:Providers:local:Models:1"] = "all-MiniLM-L6-v2",
            // Fixed "Present" for experience years: results must not change with the day the tests run.
            ["AiFunctions:Providers:local:PresentDate"] = "2024-03-01",
            ["AiFunctions:Routes:screening:Targets:0:Provider"] = "local",
            ["AiFunctions:Routes:screening:Targets:0:Model"] = "hr-rules-v1",
            ["AiFunctions:Routes:drafting:Targets:0:Provider"] = "local",
            ["AiFunctions:Routes:drafting:Targets:0:Model"] = "hr-rules-v1",
            ["AiFunctions:Storage:Store"] = "InMemory",
        })
        .Build();

    public static IServiceCollection AddLocalKernelAndWorkflows(this IServiceCollection services)
    {
        var configuration = Configuration();
        services.AddLogging();
        services.AddAiKernel(configuration, kernel => kernel.AddLocalProvider());
        services.AddHrWorkflows(configuration);
        return services;
    }
}
