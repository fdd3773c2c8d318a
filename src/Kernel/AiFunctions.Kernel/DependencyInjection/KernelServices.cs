using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Kernel.DependencyInjection;

/// <summary>Registers the kernel's own services (routing, resilience, accounting, redaction, invoker).</summary>
internal static class KernelServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        // Filled in by the kernel pipeline work (issue 2).
        _ = services;
        _ = configuration;
    }
}
