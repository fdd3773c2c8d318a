using AiFunctions.Kernel.Accounting;

namespace AiFunctions.Kernel.Functions;

/// <summary>A validated function output with where it came from, for the decision trail.</summary>
public sealed record AiFunctionResult<TOutput>(TOutput Output, AiFunctionProvenance Provenance, CallUsage Usage);

/// <summary>
/// Which function version, route, provider instance, plugin (and version) and model produced a result, whether a
/// generative model was involved, how many attempts it took and whether the output needed a schema repair.
/// </summary>
public sealed record AiFunctionProvenance(
    string Function,
    string FunctionVersion,
    string Route,
    string ProviderInstance,
    string Plugin,
    string PluginVersion,
    string Model,
    bool Generative,
    int Attempts,
    bool Repaired,
    DateTimeOffset CompletedAt);
