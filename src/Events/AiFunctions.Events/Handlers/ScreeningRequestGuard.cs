using AiFunctions.Events.Handling;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Events.Handlers;

/// <summary>Runs the workflow's own request validation before scheduling, so a request it would fail is dead-lettered instead.</summary>
internal static class ScreeningRequestGuard
{
    public static void ThrowIfInvalid(ScreeningBatchRequest request)
    {
        var problems = ScreeningBatchRequestValidator.Validate(request);
        if (problems.Count > 0)
        {
            throw new EventRejectedException(DeadLetterReasons.ValidationFailed,
                "The screening request built from this event is invalid: " + string.Join(" ", problems.Take(20)) + " Fix the producer and replay the message.");
        }
    }
}
