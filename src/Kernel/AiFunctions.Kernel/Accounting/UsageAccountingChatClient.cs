using System.Runtime.CompilerServices;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Accounting;

/// <summary>
/// Books every provider answer of one route target: ledger, budgets, token rate limits, metrics and the current call's
/// usage. Streams are booked once, when they end (or are abandoned), from the usage the provider reported; usage on
/// stream chunks is read as a snapshot (the largest value of each count), never summed, because some servers repeat
/// cumulative usage on every chunk. Sits below the route cache, so cache hits cost nothing.
/// </summary>
internal sealed class UsageAccountingChatClient(IChatClient innerClient, UsageAccountant accountant, RouteTarget target) : DelegatingChatClient(innerClient)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = base.GetResponseAsync(messages, options, cancellationToken);
        if (call.IsCompletedSuccessfully)
        {
            // Hot path (cache hit below, in-memory client): no state machine, the same task is returned.
            Book(CallUsageScope.Current, AiCallContext.Current, call.Result.Usage);
            return call;
        }

        return BookWhenDoneAsync(call);
    }

    private async Task<ChatResponse> BookWhenDoneAsync(Task<ChatResponse> call)
    {
        var response = await call.ConfigureAwait(false);
        Book(CallUsageScope.Current, AiCallContext.Current, response.Usage);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Captured on the first MoveNext, which runs inside the target attempt; later steps may run in the caller's flow.
        var scope = CallUsageScope.Current;
        var call = AiCallContext.Current;
        UsageDetails? usage = null;
        var completed = false;
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                foreach (var content in update.Contents)
                {
                    if (content is UsageContent reported)
                    {
                        usage = Snapshot(usage, reported.Details);
                    }
                }

                yield return update;
            }

            completed = true;
        }
        finally
        {
            if (completed || usage is not null)
            {
                Book(scope, call, usage);
            }
        }
    }

    /// <summary>The larger of each count: cumulative snapshots and split reports (input first, output last) both come out right.</summary>
    internal static UsageDetails Snapshot(UsageDetails? seen, UsageDetails reported)
    {
        if (seen is null)
        {
            return new UsageDetails
            {
                InputTokenCount = reported.InputTokenCount,
                OutputTokenCount = reported.OutputTokenCount,
                TotalTokenCount = reported.TotalTokenCount,
                CachedInputTokenCount = reported.CachedInputTokenCount,
                ReasoningTokenCount = reported.ReasoningTokenCount,
            };
        }

        seen.InputTokenCount = Max(seen.InputTokenCount, reported.InputTokenCount);
        seen.OutputTokenCount = Max(seen.OutputTokenCount, reported.OutputTokenCount);
        seen.TotalTokenCount = Max(seen.TotalTokenCount, reported.TotalTokenCount);
        seen.CachedInputTokenCount = Max(seen.CachedInputTokenCount, reported.CachedInputTokenCount);
        seen.ReasoningTokenCount = Max(seen.ReasoningTokenCount, reported.ReasoningTokenCount);
        return seen;

        static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
    }

    private void Book(CallUsageScope? scope, AiCallContext call, UsageDetails? usage)
    {
        var priced = accountant.Record(target, call, usage);
        scope?.Add(priced);
    }
}
