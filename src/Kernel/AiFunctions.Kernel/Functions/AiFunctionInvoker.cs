using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Kernel.Routing;
using AiFunctions.Kernel.Shadowing;
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
/// After the primary has answered, a sampled share of the route's calls is handed to its shadow target in the
/// background (<see cref="ShadowRoutes"/>); nothing the shadow does reaches the caller, its answer, its latency or its
/// budgets. <see cref="EvaluateAsync"/> runs a function on one candidate target the same way (shadows and replays).
/// </summary>
internal sealed class AiFunctionInvoker(IServiceProvider services, RouteTable routes, RouteExecutor executor, TimeProvider time, ShadowRoutes shadows) : IAiFunctionInvoker, IAiFunctionEvaluator
{
    private IServiceProvider Services { get; } = services;

    public async Task<AiFunctionResult<TOutput>> InvokeAsync<TInput, TOutput>(AiFunction<TInput, TOutput> aiFunction, TInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aiFunction);
        var route = routes.Get(aiFunction.Route);
        EnsureRedacts(aiFunction, route);
        var invocation = new Invocation<TInput, TOutput>(this, aiFunction, input, route);
        using var usage = CallUsageScope.Begin();
        var started = time.GetTimestamp();
        var outcome = await executor.ExecuteAsync(route, invocation, static (attempt, s, token) => s.RunAsync(attempt, token), cancellationToken, hedge: true).ConfigureAwait(false);
        var latency = time.GetElapsedTime(started);
        var answering = outcome.Attempt.Registry.GetInstance(outcome.Attempt.Target.Instance);
        var manifest = answering.Plugin;
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
            time.GetUtcNow())
        {
            RedactedItems = outcome.RedactedItems,
            ReplicaGroup = answering.ReplicaGroup,
            Hedged = outcome.Attempt.Hedged,
        };
        var result = new AiFunctionResult<TOutput>(outcome.Output, provenance, usage.Total);
        OfferShadow(aiFunction, input, route, result, outcome.Attempt.Target.Key, latency);
        return result;
    }

    /// <summary>
    /// Hands a sampled call to the route's shadow queue; never throws, never waits (a full queue drops the call and
    /// counts it). The sample is decided by the call key's hash, so the same input is shadowed on every run or never.
    /// </summary>
    private void OfferShadow<TInput, TOutput>(AiFunction<TInput, TOutput> aiFunction, TInput input, RouteRuntime route, AiFunctionResult<TOutput> primary, string primaryTarget, TimeSpan latency)
    {
        if (shadows.For(route) is not { } shadow)
        {
            return;
        }

        try
        {
            var rate = shadow.Options.RateFor(aiFunction.Name);
            if (rate <= 0)
            {
                return;
            }

            var key = aiFunction.CallKey(input);
            if (!ShadowSampler.IsSampled(route.Name, aiFunction.Name, key, rate))
            {
                return;
            }

            shadows.Count(shadow, ShadowCounts.Sampled);
            var call = AiCallContext.Current;
            var primarySide = new ShadowSide(
                primaryTarget, ShadowOutcome.Valid, null, primary.Provenance.Repaired, primary.Provenance.Attempts, latency.TotalMilliseconds,
                primary.Usage.InputTokens, primary.Usage.OutputTokens, primary.Usage.Cost, primary.Usage.Currency, Scores(aiFunction, primary.Output));
            if (!shadow.Dispatcher.TryEnqueue(token => ShadowAsync(aiFunction, input, route, shadow, call, key, primarySide, token)))
            {
                shadows.Count(shadow, ShadowCounts.Dropped);
            }
        }
#pragma warning disable CA1031 // Nothing about the shadow may fail the primary call (e.g. a CallKey override that throws): counted as a failed shadow.
        catch (Exception)
#pragma warning restore CA1031
        {
            shadows.Count(shadow, ShadowCounts.Failed);
        }
    }

    /// <summary>One shadow call on a worker: evaluate on the shadow target, count, store the pair. Never throws for the shadow's failures.</summary>
    private async Task ShadowAsync<TInput, TOutput>(
        AiFunction<TInput, TOutput> aiFunction, TInput input, RouteRuntime route, ShadowRoute shadow, AiCallContext call, string key, ShadowSide primary, CancellationToken stopping)
    {
        using var context = AiCallContext.Begin(call);
        AiFunctionEvaluation<TOutput> evaluation;
        try
        {
            evaluation = await EvaluateCoreAsync(aiFunction, input, route, shadow.Target, stopping).ConfigureAwait(false);
        }
        catch (SharedStateUnavailableException)
        {
            // The shared store could not say whether the target has spare capacity: no call, counted (not silently lost).
            shadows.Count(shadow, ShadowCounts.Failed);
            return;
        }

        var side = evaluation.Side;
        switch (side.Outcome)
        {
            case ShadowOutcome.Skipped:
                shadows.Count(shadow, side.FailureReason == nameof(AiFailureReason.BudgetExceeded) ? ShadowCounts.SkippedBudget : ShadowCounts.SkippedRateLimit);
                return;
            case ShadowOutcome.Valid:
                shadows.Count(shadow, ShadowCounts.Valid);
                break;
            case ShadowOutcome.Invalid:
                shadows.Count(shadow, ShadowCounts.Invalid);
                break;
            default:
                shadows.Count(shadow, ShadowCounts.Failed);
                break;
        }

        var at = time.GetUtcNow();
        var pair = new ShadowPair(
            $"{route.Name}-{at.UtcTicks:D19}-{Guid.NewGuid():N}",
            route.Name, aiFunction.Name, aiFunction.Version, key, call.Tenant, call.Workflow, at, primary, side);
        try
        {
            await shadows.Store.AddAsync(pair, stopping).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A store failure loses one comparison pair, never the primary: counted.
        catch (Exception)
#pragma warning restore CA1031
        {
            shadows.Count(shadow, ShadowCounts.StoreFailed);
        }
    }

    public Task<AiFunctionEvaluation<TOutput>> EvaluateAsync<TInput, TOutput>(AiFunction<TInput, TOutput> aiFunction, TInput input, RouteTargetOptions target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aiFunction);
        ArgumentNullException.ThrowIfNull(target);
        var route = routes.Get(aiFunction.Route);
        EnsureRedacts(aiFunction, route);
        return EvaluateCoreAsync(aiFunction, input, route, target, cancellationToken);
    }

    /// <summary>Personal data leaves only through a redacting route: the pipeline's <c>UseRedaction</c> is the one place it is removed.</summary>
    private static void EnsureRedacts<TInput, TOutput>(AiFunction<TInput, TOutput> aiFunction, RouteRuntime route)
    {
        if (aiFunction.SendsPersonalData && !route.Options.Redact)
        {
            throw new RedactionRequiredException(aiFunction.Name, route.Name);
        }
    }

    /// <summary>
    /// One attempt of the function on <paramref name="target"/> through the shadow pipelines, within the timeout of the
    /// one-target runtime. The usage is measured in a detached scope (it never adds to an outer call's usage) and
    /// charged to the route's shadow budget afterwards.
    /// </summary>
    private async Task<AiFunctionEvaluation<TOutput>> EvaluateCoreAsync<TInput, TOutput>(
        AiFunction<TInput, TOutput> aiFunction, TInput input, RouteRuntime route, RouteTargetOptions target, CancellationToken cancellationToken)
    {
        var runtime = shadows.RuntimeFor(route, target);
        var runtimeTarget = runtime.Targets[0];
        var budget = shadows.For(route)?.Budget;
        var call = AiCallContext.Current;
        try
        {
            if (budget is not null)
            {
                await budget.EnsureWithinAsync(ShadowRoute.AllTenants, route.Name).ConfigureAwait(false);
            }
        }
        catch (BudgetExceededException)
        {
            return new AiFunctionEvaluation<TOutput>(default, Side(runtimeTarget.Key, ShadowOutcome.Skipped, nameof(AiFailureReason.BudgetExceeded), false, 0, TimeSpan.Zero, CallUsage.None, null));
        }

        // Spare capacity only: a shadow or replay never waits for the target's concurrency slot (ConcurrencyLimits: the
        // provider serves no more at once, and route calls waiting for a slot go first) and never takes the half of the
        // target's window a route's own calls need.
        if (!shadows.Concurrency.TryAcquireSpare(runtimeTarget.Instance, runtimeTarget.Key, out var slot))
        {
            return new AiFunctionEvaluation<TOutput>(default, Side(runtimeTarget.Key, ShadowOutcome.Skipped, nameof(AiFailureReason.RateLimited), false, 0, TimeSpan.Zero, CallUsage.None, null));
        }

        using var heldSlot = slot;
        if (await shadows.Limits.TryAcquireTargetSpareAsync(runtimeTarget.Instance, runtimeTarget.Key).ConfigureAwait(false) is not null)
        {
            return new AiFunctionEvaluation<TOutput>(default, Side(runtimeTarget.Key, ShadowOutcome.Skipped, nameof(AiFailureReason.RateLimited), false, 0, TimeSpan.Zero, CallUsage.None, null));
        }

        using var usage = CallUsageScope.BeginDetached();
        var invocation = new Invocation<TInput, TOutput>(this, aiFunction, input, runtime);
        var attempt = new RouteAttempt(runtime, runtimeTarget, 1, call, shadows.Registry, shadows.Pipelines, shadows.Accountant);
        using var timeout = new CancellationTokenSource(runtime.Options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = time.GetTimestamp();
        AiFunctionEvaluation<TOutput> evaluation;
        try
        {
            var outcome = await invocation.RunAsync(attempt, linked.Token).ConfigureAwait(false);
            evaluation = new(outcome.Output, Side(runtimeTarget.Key, ShadowOutcome.Valid, null, outcome.Repaired, invocation.Calls, time.GetElapsedTime(started), usage.Total, Scores(aiFunction, outcome.Output)));
        }
        catch (StructuredOutputException)
        {
            evaluation = new(default, Side(runtimeTarget.Key, ShadowOutcome.Invalid, nameof(AiFailureReason.StructuredOutputInvalid), false, invocation.Calls, time.GetElapsedTime(started), usage.Total, null));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            evaluation = new(default, Side(runtimeTarget.Key, ShadowOutcome.Failed, nameof(AiFailureReason.Timeout), false, invocation.Calls, time.GetElapsedTime(started), usage.Total, null));
        }
#pragma warning disable CA1031 // The candidate target's failure is the evaluation's result, not the caller's exception.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            var reason = FailureDescription.ReasonOf(ex)?.ToString() ?? ex.GetType().Name;
            evaluation = new(default, Side(runtimeTarget.Key, ShadowOutcome.Failed, reason, false, invocation.Calls, time.GetElapsedTime(started), usage.Total, null));
        }

        budget?.Add(ShadowRoute.AllTenants, route.Name, usage.Total);
        return evaluation;
    }

    private static ShadowSide Side(string target, ShadowOutcome outcome, string? reason, bool repaired, int calls, TimeSpan latency, CallUsage usage, IReadOnlyDictionary<string, double>? scores) =>
        new(target, outcome, reason, repaired, calls, latency.TotalMilliseconds, usage.InputTokens, usage.OutputTokens, usage.Cost, usage.Currency, scores ?? new Dictionary<string, double>());

    private static IReadOnlyDictionary<string, double> Scores<TInput, TOutput>(AiFunction<TInput, TOutput> aiFunction, TOutput output)
    {
        try
        {
            return aiFunction.ComparisonScores(output);
        }
#pragma warning disable CA1031 // A comparison-score override that throws must not fail the call: no scores.
        catch (Exception)
#pragma warning restore CA1031
        {
            return new Dictionary<string, double>();
        }
    }

    /// <param name="RedactedItems">Personal-data items the pipeline's redaction replaced in the answered request (see <see cref="RedactingChatClient.RedactedItemsProperty"/>).</param>
    private sealed record Outcome<TOutput>(TOutput Output, RouteAttempt Attempt, bool Repaired, int RedactedItems = 0);

    /// <summary>One function call's state across targets, retries and repairs.</summary>
    private sealed class Invocation<TInput, TOutput>(AiFunctionInvoker owner, AiFunction<TInput, TOutput> function, TInput input, RouteRuntime route)
    {
        private IList<ChatMessage>? _prompt;
        private ChatOptions? _options;

        private int _calls;

        /// <summary>
        /// Provider calls (native or chat, repairs and retries included) across all targets, a hedge's included (two
        /// attempts of one call may run at once, hence the interlocked count).
        /// </summary>
        public int Calls => Volatile.Read(ref _calls);

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
            Interlocked.Increment(ref _calls);
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
                Interlocked.Increment(ref _calls);
                var response = await attempt.ChatClient.GetResponseAsync(conversation, options, token).ConfigureAwait(false);
                var redacted = response.AdditionalProperties?.TryGetValue(RedactingChatClient.RedactedItemsProperty, out var items) == true && items is int n ? n : 0;
                var answer = response.Text;
                var (output, violations) = Read(schema, answer);
                if (violations.Count == 0)
                {
                    return new Outcome<TOutput>(output!, attempt, round > 0, redacted);
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

        /// <summary>
        /// The JSON in an answer: without a byte-order mark or zero-width characters around it, the inside of a
        /// markdown code fence (also one after a line of prose), or, when the answer has prose around one object,
        /// that object. Schema validation still decides whether it is the answer.
        /// </summary>
        private static string StripFences(string text)
        {
            var span = text.AsSpan().Trim(NotJson);
            var fence = span.IndexOf("```");
            if (fence >= 0)
            {
                var inner = span[(fence + 3)..];
                var firstLine = inner.IndexOf('\n');
                var end = inner.LastIndexOf("```");
                if (firstLine >= 0 && end > firstLine)
                {
                    return inner[(firstLine + 1)..end].Trim(NotJson).ToString();
                }
            }

            if (span.Length > 0 && span[0] is not ('{' or '['))
            {
                var start = span.IndexOf('{');
                var last = span.LastIndexOf('}');
                if (start >= 0 && last > start)
                {
                    return span[start..(last + 1)].ToString();
                }
            }

            return span.ToString();
        }

        /// <summary>Whitespace plus the byte-order mark and zero-width characters models and proxies put around answers.</summary>
        private static readonly char[] NotJson = [' ', '\t', '\r', '\n', '\uFEFF', '\u200B', '\u200C', '\u200D', '\u2060', '\u00A0'];
    }
}
