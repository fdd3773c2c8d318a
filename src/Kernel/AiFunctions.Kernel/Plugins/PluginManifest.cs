namespace AiFunctions.Kernel.Plugins;

/// <summary>Describes a provider plugin: who it is, what it can do and which kernel contract it was built for.</summary>
/// <param name="Id">Stable id used in configuration (<c>AiFunctions:Providers:{instance}:Plugin</c>), e.g. "azure-openai".</param>
/// <param name="DisplayName">Human name for the management UI.</param>
/// <param name="PluginVersion">The plugin's own version (semantic).</param>
/// <param name="SupportedContract">Kernel contract versions this plugin supports.</param>
/// <param name="Capabilities">What the plugin can do.</param>
/// <param name="IsGenerative">False for plugins that do not run a generative model (the offline Local plugin).</param>
/// <param name="Description">One sentence for operators; a non-generative plugin says so here.</param>
public sealed record PluginManifest(
    string Id,
    string DisplayName,
    Version PluginVersion,
    ContractRange SupportedContract,
    ProviderCapabilities Capabilities,
    bool IsGenerative,
    string Description)
{
    public bool Supports(ProviderCapabilities capability) => (Capabilities & capability) == capability;
}
