using System.Diagnostics;
using AiFunctions.Kernel.Accounting;
using OpenTelemetry;

namespace AiFunctions.Hosting.Observability;

/// <summary>
/// Ends a failed gen_ai chat span with the kernel's failure reason: M.E.AI's OpenTelemetry chat client records the
/// exception's CLR type as <c>error.type</c> and the exception's message as the status description; when the kernel
/// tagged the span with <see cref="KernelTelemetry.FailureReasonAttribute"/> (a provider failure translated to an
/// <c>AiFailureReason</c>), this processor makes <c>error.type</c> and the description that reason and removes the
/// helper tag. So every failed kernel span (route, attempt, chat) names the same low-cardinality reason and none
/// carries exception text, which could echo a provider's error body.
/// </summary>
public sealed class FailureReasonSpanProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Source.Name != KernelTelemetry.ActivitySourceName || data.GetTagItem(KernelTelemetry.FailureReasonAttribute) is not string reason)
        {
            return;
        }

        // M.E.AI adds error.type with AddTag; SetTag replaces it (there is one: the kernel sets none on this span).
        data.SetTag("error.type", reason);
        data.SetTag(KernelTelemetry.FailureReasonAttribute, null);
        data.SetStatus(ActivityStatusCode.Error, reason);
    }
}
