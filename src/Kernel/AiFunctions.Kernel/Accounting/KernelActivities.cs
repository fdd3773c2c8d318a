using System.Diagnostics;

namespace AiFunctions.Kernel.Accounting;

/// <summary>
/// The kernel's spans (source <see cref="KernelTelemetry.ActivitySourceName"/>): one per route call and one per target
/// attempt, and the attribute names the kernel's metrics share with them. Names are the OpenTelemetry gen_ai semantic
/// convention's where one exists (gen_ai.provider.name, gen_ai.request.model, gen_ai.usage.*, gen_ai.token.type,
/// error.type), else aifunctions.*; never message content.
/// </summary>
internal static class KernelActivities
{
    public static readonly ActivitySource Source = new(KernelTelemetry.ActivitySourceName);

    // gen_ai semantic conventions (https://opentelemetry.io/docs/specs/semconv/gen-ai/).
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string ErrorType = "error.type";
    public const string TokenType = "gen_ai.token.type";

    // The kernel's own (no convention exists).
    public const string Route = "aifunctions.route";
    public const string Target = "aifunctions.route.target";
    public const string Attempt = "aifunctions.attempt.number";
    public const string Attempts = "aifunctions.route.attempts";
    public const string Calls = "aifunctions.attempt.calls";
    public const string FailoverReason = "aifunctions.failover.reason";
    public const string Cost = "aifunctions.cost";
    public const string Currency = "aifunctions.cost.currency";
    public const string Tenant = "aifunctions.tenant";
    public const string Workflow = "aifunctions.workflow";
    public const string Outcome = "aifunctions.call.outcome";

    /// <summary>On a route span: the call was hedged; on an attempt span: this attempt is the hedge (RouteOptions.HedgingDelay).</summary>
    public const string Hedged = "aifunctions.hedged";

    /// <summary>What became of a hedge: won, lost (cancelled: the first attempt answered first), failed, stopped (a permanent failure or the caller ended the call).</summary>
    public const string HedgeOutcome = "aifunctions.hedge.outcome";

    /// <summary>Adds tokens and cost of a finished route call or attempt.</summary>
    public static void SetUsage(Activity? activity, CallUsage usage)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(InputTokens, usage.InputTokens);
        activity.SetTag(OutputTokens, usage.OutputTokens);
        if (usage.Cost != 0m)
        {
            activity.SetTag(Cost, (double)usage.Cost);
            activity.SetTag(Currency, usage.Currency);
        }
    }

    /// <summary>Marks a span failed with the failure's reason (never its message, which might echo request text).</summary>
    public static void SetFailure(Activity? activity, string reason)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(ErrorType, reason);
        activity.SetStatus(ActivityStatusCode.Error, reason);
    }
}
