namespace AiFunctions.Kernel.Plugins;

/// <summary>What a provider plugin can do. Routes and AI functions check these before sending work.</summary>
[Flags]
public enum ProviderCapabilities
{
    None = 0,
    Chat = 1,
    Streaming = 2,
    Embeddings = 4,
    JsonSchemaOutput = 8,
    ToolCalls = 16,
    /// <summary>The plugin implements some AI functions natively (no chat model involved), see INativeAiFunction.</summary>
    NativeFunctions = 32,
}
