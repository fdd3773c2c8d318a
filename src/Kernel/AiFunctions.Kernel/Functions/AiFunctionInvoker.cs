using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Kernel.Functions;

/// <summary>
/// Runs an AI function over its route through the route executor (rate limits, budgets, failover, resilience). Per
/// target: the instance's native implementation when it registered one for this function name (keyed
/// <see cref="INativeAiFunction{TInput,TOutput}"/> under the instance key), otherwise chat with JSON-schema output
/// through the target's one pipeline (route defaults, redaction, cache, accounting, telemetry: the same client route
/// calls use), validated against the schema and <see cref="AiFunction{TInput,TOutput}.Validate"/>, with at most
/// RouteOptions.MaxRepairAttempts repair prompts listing the violations. Still invalid →
/// <see cref="StructuredOutputException"/>, and the route moves to its next target; permanent only when no target is
/// left. A refusal (<see cref="AiFailureReason.ContentFiltered"/>) is never "repaired": it stops the call.
/// </summary>
internal sealed class AiFunctionInvoker(IServiceProvider services, RouteTable routes, RouteExecutor executor, TimeProvider time) : IAiFunctionInvoker
{
    private IServiceProvider Services { get; } = services;

    public async Task<AiFunctionResult<TOutput>> InvokeAsync<TInput, TOutput>(AiFunction<TInput, TOutput> aiFunction, TInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aiFunction);
        var route = routes.Get(aiFunction.Route);
        var invocation = new Invocation<TInput, TOutput>(this, aiFunction, input, route);
        using var usage = CallUsageScope.Begin();
        var outcome = await executor.ExecuteAsync(route, invocation, static (attempt, s, token) => s.RunAsync(attempt, token), cancellationToken).ConfigureAwait(false);
        var manifest = outcome.Attempt.Registry.GetInstance(outcome.Attempt.Target.Instance).Plugin;
        var provenance = new AiFunctionProvenance(
            aiFunction.Name,
            aiFunction.Version,
            route.Name,
            outcome.Attempt.Target.Instance,
            manifest.Id,
            manifest.PluginVersion.ToString(),
            outcome.Attempt.Target.Model,
            manifest.IsGenerative,
            invocation.Calls,
            outcome.Repaired,
            time.GetUtcNow());
        return new AiFunctionResult<TOutput>(outcome.Output, provenance, usage.Total);
    }

    private sealed record Outcome<TOutput>(TOutput Output, RouteAttempt Attempt, bool Repaired);

    /// <summary>One function call's state across targets, retries and repairs.</summary>
    private sealed class Invocation<TInput, TOutput>(AiFunctionInvoker owner, AiFunction<TInput, TOutput> function, TInput input, RouteRuntime route)
    {
        private IList<ChatMessage>? _prompt;
        private ChatOptions? _options;

        /// <summary>Provider calls (native or chat, repairs and retries included) across all targets.</summary>
        public int Calls { get; private set; }

        public async ValueTask<Outcome<TOutput>> RunAsync(RouteAttempt attempt, CancellationToken token)
        {
            var native = FindNative(attempt.Target.Instance);
            return native is not null
                ? await RunNativeAsync(native, attempt, token).ConfigureAwait(false)
                : await RunChatAsync(attempt, token).ConfigureAwait(false);
        }

        private INativeAiFunction<TInput, TOutput>? FindNative(string instance)
        {
            foreach (var native in owner.Services.GetKeyedServices<INativeAiFunction<TInput, TOutput>>(instance))
            {
                if (string.Equals(native.FunctionName, function.Name, StringComparison.Ordinal))
                {
                    return native;
                }
            }

            return null;
        }

        private async ValueTask<Outcome<TOutput>> RunNativeAsync(INativeAiFunction<TInput, TOutput> native, RouteAttempt attempt, CancellationToken token)
        {
            Calls++;
            var output = await native.InvokeAsync(input, attempt.Target.Model, token).ConfigureAwait(false);
            attempt.RecordUsage(null);
            if (output is null)
            {
                throw new StructuredOutputException(function.Name, [$"native implementation on '{attempt.Target.Key}' returned no output"], 1);
            }

            var violations = function.Validate(input, output);
            return violations.Count == 0
                ? new Outcome<TOutput>(output, attempt, false)
                : throw new StructuredOutputException(function.Name, violations, 1);
        }

        private async ValueTask<Outcome<TOutput>> RunChatAsync(RouteAttempt attempt, CancellationToken token)
        {
            var schema = OutputSchema.For(function);
            var options = Options(schema);
            var conversation = new List<ChatMessage>(_prompt ??= function.BuildPrompt(input));
            var maxRepairs = Math.Max(0, route.Options.MaxRepairAttempts);
            for (var round = 0; ; round++)
            {
                Calls++;
                var response = await attempt.ChatClient.GetResponseAsync(conversation, options, token).ConfigureAwait(false);
                var answer = response.Text;
                var (output, violations) = Read(schema, answer);
                if (violations.Count == 0)
                {
                    return new Outcome<TOutput>(output!, attempt, round > 0);
                }

                if (round >= maxRepairs)
                {
                    throw new StructuredOutputException(function.Name, violations, round + 1);
                }

                conversation.Add(new ChatMessage(ChatRole.Assistant, answer));
                conversation.Add(new ChatMessage(ChatRole.User, RepairPrompt(violations)));
            }
        }

        /// <summary>
        /// JSON-schema output; the names the function knows go to the pipeline's redaction (which restores them in the
        /// answer, JSON-escaped, before it is validated here against the unredacted input).
        /// </summary>
        private ChatOptions Options(OutputSchema schema)
        {
            if (_options is not null)
            {
                return _options;
            }

            var options = new ChatOptions { ResponseFormat = schema.Format };
            var names = function.KnownNames(input).Where(n => !string.IsNullOrWhiteSpace(n)).ToArray();
            if (names.Length > 0)
            {
                options.AdditionalProperties = new AdditionalPropertiesDictionary { [MessageRedaction.KnownNamesProperty] = names };
            }

            return _options = options;
        }

        private (TOutput? Output, IReadOnlyList<string> Violations) Read(OutputSchema schema, string answer)
        {
            var json = StripFences(answer);

            JsonNode? node;
            try
            {
                node = JsonNode.Parse(json);
            }
            catch (JsonException ex)
            {
                return (default, [$"/: the answer is not valid JSON (parse error at line {ex.LineNumber}, byte {ex.BytePositionInLine}); reply with one JSON object only"]);
            }

            var violations = schema.Validate(node);
            if (violations.Count > 0)
            {
                return (default, violations);
            }

            TOutput? output;
            try
            {
                output = node.Deserialize<TOutput>(function.SerializerOptions);
            }
            catch (JsonException ex)
            {
                return (default, [$"{ex.Path ?? "/"}: the value cannot be read as {typeof(TOutput).Name}"]);
            }

            if (output is null)
            {
                return (default, ["/: the answer is null; an object is required"]);
            }

            var semantic = function.Validate(input, output);
            return (output, semantic);
        }

        private static string RepairPrompt(IReadOnlyList<string> violations)
        {
            var builder = new StringBuilder("Your previous answer does not satisfy the required JSON schema and rules. Problems:\n");
            foreach (var violation in violations.Take(20))
            {
                builder.Append("- ").Append(violation).Append('\n');
            }

            builder.Append("Reply again with only the corrected JSON object, matching the schema exactly, and no other text.");
            return builder.ToString();
        }

        private static string StripFences(string text)
        {
            var span = text.AsSpan().Trim();
            if (span.StartsWith("```"))
            {
                var firstLine = span.IndexOf('\n');
                var end = span.LastIndexOf("```");
                if (firstLine > 0 && end > firstLine)
                {
                    return span[(firstLine + 1)..end].Trim().ToString();
                }
            }

            return span.ToString();
        }
    }
}
