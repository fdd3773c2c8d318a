namespace AiFunctions.Kernel.Plugins;

/// <summary>The DI service keys under which plugins register per-instance, per-model clients.</summary>
public static class ProviderKeys
{
    public static string Chat(string instance, string model) => $"{instance}/{model}";

    public static string Embeddings(string instance, string model) => $"{instance}/{model}#embeddings";
}
