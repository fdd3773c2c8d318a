using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Functions;

/// <summary>
/// The same AI function (name, version, prompt, schema, checks) on another route, e.g. a deterministic baseline scorer
/// next to the generative one: <c>screening.OnRoute("screening-baseline")</c>. Native implementations are found by the
/// function's name, so a plugin that implements the function natively serves the rerouted one too.
/// </summary>
public sealed class ReroutedAiFunction<TInput, TOutput>(AiFunction<TInput, TOutput> inner, string route) : AiFunction<TInput, TOutput>
{
    public override string Name => inner.Name;

    public override string Version => inner.Version;

    public override string Route { get; } = string.IsNullOrWhiteSpace(route) ? throw new ArgumentException("Name a configured route.", nameof(route)) : route;

    public override IList<ChatMessage> BuildPrompt(TInput input) => inner.BuildPrompt(input);

    public override IReadOnlyList<string> Validate(TInput input, TOutput output) => inner.Validate(input, output);

    public override JsonElement? OutputSchema => inner.OutputSchema;

    public override JsonSerializerOptions SerializerOptions => inner.SerializerOptions;

    public override IEnumerable<string> KnownNames(TInput input) => inner.KnownNames(input);

    public override bool SendsPersonalData => inner.SendsPersonalData;
}
