namespace AiFunctions.Kernel.Plugins;

/// <summary>
/// A provider plugin. The kernel calls <see cref="RegisterInstance"/> once per configured instance
/// (<c>AiFunctions:Providers:{instance}</c> whose <c>Plugin</c> equals <see cref="PluginManifest.Id"/>).
/// The plugin validates the instance's settings (throwing <see cref="Errors.AiKernelConfigurationException"/>
/// through <see cref="ProviderInstanceContext.GetRequiredSetting"/> and friends) and adds keyed services:
/// <list type="bullet">
/// <item><c>IChatClient</c> keyed <see cref="ProviderKeys.Chat"/>(instance, model) for every configured model, when it can chat;</item>
/// <item><c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> keyed <see cref="ProviderKeys.Embeddings"/>(instance, model), when it embeds;</item>
/// <item>optionally <c>INativeAiFunction&lt;TIn,TOut&gt;</c> keyed by the instance key, for functions it implements natively.</item>
/// </list>
/// Clients a plugin registers must have their SDK's own retries switched off (the kernel owns retries) and must
/// translate SDK failures into <see cref="Errors.ProviderException"/> (use <see cref="ProviderInstanceContext"/>'s helpers).
/// A plugin touches nothing but its own SDK and this kernel.
/// </summary>
public interface IProviderPlugin
{
    PluginManifest Manifest { get; }

    void RegisterInstance(ProviderInstanceContext context);
}
