using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;
using AiFunctions.Kernel.Registry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Kernel.DependencyInjection;

/// <summary>The one DI entry point of the kernel.</summary>
public static class AiKernelServiceCollectionExtensions
{
    /// <summary>
    /// Adds the AI kernel: registers every provider instance configured under <c>AiFunctions:Providers</c> with the
    /// plugin it names, validates routes, and adds the registry, routing, resilience, accounting, redaction and
    /// the AI function invoker. Throws <see cref="AiKernelConfigurationException"/> listing every problem found.
    /// </summary>
    public static IServiceCollection AddAiKernel(this IServiceCollection services, IConfiguration configuration, Action<AiKernelBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);

        var builder = new AiKernelBuilder(services, configuration);
        configure(builder);

        var problems = new List<string>();
        var instances = ProviderInstanceRegistration.RegisterAll(builder, problems);
        RouteValidation.Validate(configuration, instances, problems);
        KernelOptions.Read(configuration, problems);
        if (problems.Count > 0)
        {
            throw new AiKernelConfigurationException(problems);
        }

        services.AddSingleton<IProviderRegistry>(sp => new ProviderRegistry(sp, builder.Plugins.Values.Select(p => p.Manifest).ToArray(), instances));
        KernelServices.Add(services, configuration);
        return services;
    }
}
