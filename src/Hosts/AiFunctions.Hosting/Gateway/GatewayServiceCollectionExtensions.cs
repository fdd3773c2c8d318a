using AiFunctions.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Gateway;

/// <summary>Registers the OpenAI-compatible gateway (the kernel must be added too: <c>AddAiKernel</c> or <c>AddAiFunctionsCore</c>).</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="GatewayApi"/>, its key and model directory and <see cref="GatewayOptions"/> from
    /// <c>AiFunctions:Gateway</c>, validated at start-up (<see cref="GatewayOptionsValidation"/>).
    /// </summary>
    public static IServiceCollection AddOpenAIGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(new EffectiveAiConfiguration(configuration));
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayDirectory>();
        services.TryAddSingleton<GatewayApi>();
        return services;
    }
}
