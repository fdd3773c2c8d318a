using AiFunctions.HrFunctions.Drafting;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Plugins;
using AiFunctions.Providers.Local.Chat;
using AiFunctions.Providers.Local.Drafting;
using AiFunctions.Providers.Local.Embeddings;
using AiFunctions.Providers.Local.Screening;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFunctions.Providers.Local;

/// <summary>
/// The offline default provider. Not a generative model: it serves embeddings from all-MiniLM-L6-v2 and
/// deterministic native implementations of the HR functions (resume scoring from similarity and requirement
/// matching; template-based job description drafts). Chat requests are refused with
/// <see cref="AiFailureReason.NotSupported"/>, never answered with invented text.
/// Settings (<c>AiFunctions:Providers:{instance}</c>): <c>Models</c> (optional; default both models) and
/// <c>PresentDate</c> (optional, yyyy-MM-dd: the date "Present" in a resume's date ranges means; default today, UTC).
/// </summary>
public sealed class LocalProviderPlugin : IProviderPlugin
{
    public const string PluginId = "local";

    public PluginManifest Manifest { get; } = new(
        PluginId,
        "Local (offline, non-generative)",
        new Version(1, 0, 0),
        ContractRange.Major1,
        ProviderCapabilities.Embeddings | ProviderCapabilities.NativeFunctions,
        IsGenerative: false,
        "Not a generative model: offline embeddings with all-MiniLM-L6-v2 and deterministic, rule-and-similarity " +
        "implementations of the HR functions (resume scoring, template-based job description drafts). Chat is refused; " +
        "route chat to a generative provider.");

    public void RegisterInstance(ProviderInstanceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var models = context.Models.Count > 0 ? context.Models : LocalModels.All;
        var unknown = models.Where(m => !LocalModels.All.Contains(m, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            throw new AiKernelConfigurationException(
                $"Provider instance '{context.InstanceKey}' (plugin '{PluginId}'): '{context.Path("Models")}' lists {string.Join(", ", unknown.Select(m => $"'{m}'"))}, " +
                $"which the Local plugin does not serve. It serves only '{LocalModels.MiniLM}' (embeddings) and '{LocalModels.HrRules}' (native HR functions); " +
                "remove the others or configure them on a generative provider instance.");
        }

        var options = LocalScoringOptions.From(context);
        var instance = context.InstanceKey;
        context.Services.TryAddSingleton<MiniLmEncoder>();

        foreach (var model in models)
        {
            context.AddChatClient(model, _ => new NotGenerativeChatClient(instance, model));
        }

        if (models.FirstOrDefault(m => m.Equals(LocalModels.MiniLM, StringComparison.OrdinalIgnoreCase)) is { } embeddingModel)
        {
            context.AddEmbeddingGenerator(embeddingModel, sp => new MiniLmEmbeddingGenerator(sp.GetRequiredService<MiniLmEncoder>()));
        }

        if (models.Any(m => m.Equals(LocalModels.HrRules, StringComparison.OrdinalIgnoreCase)))
        {
            context.Services.AddKeyedSingleton<INativeAiFunction<ScreeningInput, ScreeningAssessment>>(
                instance, (sp, _) => new LocalResumeScorer(sp.GetRequiredService<MiniLmEncoder>(), options, instance));
            context.Services.AddKeyedSingleton<INativeAiFunction<JobDescriptionRequest, JobDescriptionDraft>>(
                instance, (_, _) => new LocalJobDescriptionDrafter(instance));
        }
    }
}
