using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Failures;

/// <summary>
/// Base of every workflow activity: runs <see cref="ExecuteAsync"/> and turns any failure into a classified
/// <see cref="TransientActivityFailureException"/> or <see cref="PermanentActivityFailureException"/>
/// (<see cref="FailureClassifier"/>), so the orchestrator's retry handler retries transient failures only and a
/// permanent one settles the item at once with a content-free reason.
/// </summary>
public abstract class WorkflowActivity<TInput, TOutput> : TaskActivity<TInput, TOutput>
{
    /// <inheritdoc />
    public sealed override async Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
    {
        try
        {
            return await ExecuteAsync(context, input).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ActivityFailureException)
        {
            throw ActivityFailureException.From(FailureClassifier.Classify(e));
        }
    }

    /// <summary>The activity's work. Throw anything: it is classified on the way out.</summary>
    protected abstract Task<TOutput> ExecuteAsync(TaskActivityContext context, TInput input);
}
