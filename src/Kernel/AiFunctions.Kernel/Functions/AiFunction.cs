using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Functions;

/// <summary>
/// The kernel's unit of work: a prompt template, an output schema and a route. Workflows call AI functions, never
/// providers. Generative plugins serve a function through chat with JSON-schema output (validated, with a bounded
/// repair attempt); a plugin may instead implement it natively (<see cref="INativeAiFunction{TInput,TOutput}"/>).
/// </summary>
/// <typeparam name="TInput">What the caller supplies (already redacted/name-blinded where the workflow requires it).</typeparam>
/// <typeparam name="TOutput">The structured result; its JSON schema is derived from the type unless overridden.</typeparam>
public abstract class AiFunction<TInput, TOutput>
{
    /// <summary>Stable name, e.g. "hr.screen-resume". Native implementations are looked up by it.</summary>
    public abstract string Name { get; }

    /// <summary>Prompt/contract version recorded with every result, e.g. "2026-11-27.1". Change it when the prompt changes.</summary>
    public abstract string Version { get; }

    /// <summary>The logical route (configuration: <c>AiFunctions:Routes:{route}</c>), e.g. "screening".</summary>
    public abstract string Route { get; }

    /// <summary>Builds the chat messages for a generative provider. Must not put anything in it that should not leave.</summary>
    public abstract IList<ChatMessage> BuildPrompt(TInput input);

    /// <summary>
    /// Checks beyond the JSON schema (e.g. evidence quotes must occur verbatim in the input). Each string is one
    /// violation, phrased for the model's repair prompt and the error message; empty means valid.
    /// </summary>
    public virtual IReadOnlyList<string> Validate(TInput input, TOutput output) => [];

    /// <summary>
    /// The output's JSON schema. Null (the default) derives it from <typeparamref name="TOutput"/> with
    /// <see cref="SerializerOptions"/> (AIJsonUtilities.CreateJsonSchema, cached per type).
    /// </summary>
    public virtual JsonElement? OutputSchema => null;

    /// <summary>How the model's JSON answer is read into <typeparamref name="TOutput"/> (and the schema derived): web defaults, enums as strings.</summary>
    public virtual JsonSerializerOptions SerializerOptions => AiFunctionJson.DefaultOptions;

    /// <summary>
    /// True when the prompt carries personal data (e.g. a resume): the invoker then refuses a route that does not
    /// redact (<c>AiFunctions:Routes:{route}:Redact = false</c>) with a permanent <see cref="Errors.RedactionRequiredException"/>
    /// before anything is sent, because the route's pipeline (<c>UseRedaction</c>) is the one place personal data is
    /// removed. Default: false.
    /// </summary>
    public virtual bool SendsPersonalData => false;

    /// <summary>Names in the input the redactor must replace wherever they occur (e.g. the candidate's name).</summary>
    public virtual IEnumerable<string> KnownNames(TInput input) => [];

    /// <summary>
    /// A stable key of one call's input, for deterministic shadow sampling (the same input is always shadowed or never)
    /// and to pair a shadow answer with its primary. Must not contain personal data: the default is the hex XxHash128 of
    /// the input serialised with <see cref="SerializerOptions"/>. Override to leave out what should not change the key
    /// (e.g. a per-candidate reference, so the same resume under another name is sampled alike).
    /// </summary>
    public virtual string CallKey(TInput input) =>
        Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(JsonSerializer.SerializeToUtf8Bytes(input, SerializerOptions)));

    /// <summary>
    /// Numbers that describe an output for comparing a primary and a shadow answer (scores; flags as 0 or 1; counts),
    /// keyed by a stable name such as <c>overall</c> or <c>criterion:{id}</c>. Never text from the input or output: the
    /// values are stored with the shadow pair. Default: none.
    /// </summary>
    public virtual IReadOnlyDictionary<string, double> ComparisonScores(TOutput output) => new Dictionary<string, double>();
}
