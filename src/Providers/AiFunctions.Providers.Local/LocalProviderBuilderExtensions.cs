using AiFunctions.Kernel.DependencyInjection;

namespace AiFunctions.Providers.Local;

public static class LocalProviderBuilderExtensions
{
    /// <summary>
    /// Makes the offline Local plugin (id "local") available to the kernel. Instances are configured under
    /// <c>AiFunctions:Providers:{instance}</c> with <c>Plugin: "local"</c>.
    /// </summary>
    public static AiKernelBuilder AddLocalProvider(this AiKernelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPlugin(new LocalProviderPlugin());
    }
}
