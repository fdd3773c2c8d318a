namespace AiFunctions.Workflows;

/// <summary>
/// Bounded fan-out inside an orchestrator: starts at most <c>maxInFlight</c> tasks, starts the next one (in input
/// order) as one finishes. Deterministic on replay because it only awaits durable tasks and keeps input order.
/// </summary>
internal static class WorkflowConcurrency
{
    public static async Task<IReadOnlyList<TResult>> RunBoundedAsync<TItem, TResult>(
        IReadOnlyList<TItem> items,
        int maxInFlight,
        Func<TItem, Task<TResult>> start,
        Action<TResult>? onCompleted = null)
    {
        var results = new TResult[items.Count];
        var inFlight = new Dictionary<Task<TResult>, int>();
        var next = 0;
        while (next < items.Count || inFlight.Count > 0)
        {
            while (next < items.Count && inFlight.Count < Math.Max(1, maxInFlight))
            {
                inFlight.Add(start(items[next]), next);
                next++;
            }

            var done = await Task.WhenAny(inFlight.Keys).ConfigureAwait(true);
            var result = await done.ConfigureAwait(true);
            results[inFlight[done]] = result;
            inFlight.Remove(done);
            onCompleted?.Invoke(result);
        }

        return results;
    }
}
