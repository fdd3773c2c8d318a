using System.Runtime.CompilerServices;
using AiFunctions.Kernel.Errors;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Routing;

/// <summary>
/// The chat client of one route (keyed <see cref="RouteKeys.Chat"/>): every call goes through the route executor
/// (rate limits, budgets, failover, per-target resilience) into the target's one pipeline (route defaults, redaction,
/// cache, accounting, telemetry, error translation: see <see cref="Pipeline.TargetPipelines"/>). Streaming fails over
/// until the first update that carries content (text, a tool call, …; not an empty start event or usage alone) and
/// throws <see cref="StreamInterruptedException"/> when a stream breaks after that, or sends no update for the route's
/// <c>Timeout</c> (an idle timeout between updates). Non-streamed calls may be hedged across replicas
/// (<see cref="RouteOptions.HedgingDelay"/>); streams are not (a second stream would double what the caller may already
/// be shown, and failover before the first content covers a stream that fails to start). The route's settings are read from
/// the route table when each call starts, so a run-time change (<see cref="IRouteOverrides"/>) applies to the next call.
/// </summary>
internal sealed class RouteChatClient(RouteTable routes, string name, RouteExecutor executor) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new("aifunctions-route", null, name);

    /// <summary>The route's current settings (a call keeps the ones it started with).</summary>
    public RouteRuntime Route => routes.Get(name);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = new Request(messages, options, cancellationToken);
        return await executor.ExecuteAsync(Route, request, static (attempt, r, token) =>
            new ValueTask<ChatResponse>(attempt.ChatClient.GetResponseAsync(r.Messages, r.Options, token)), cancellationToken, hedge: true).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = new Request(messages, options, cancellationToken);
        var route = Route;
        var stream = await executor.ExecuteAsync(route, request, static (attempt, r, token) => OpenAsync(attempt, r, token), cancellationToken).ConfigureAwait(false);
        await using var enumerator = stream.Enumerator;
        using var streamToken = stream.TokenSource;
        using var slot = stream.Slot; // the provider serves the stream until it ends: its concurrency slot is held until then
        var received = 0;
        foreach (var held in stream.Held)
        {
            received++;
            yield return held;
        }

        if (!stream.HasMore)
        {
            yield break;
        }

        // After the first content the route's Timeout bounds each wait for the next update (an idle timeout, not a
        // bound on the whole answer): a stream that stalls mid-answer ends as StreamInterrupted, never as a hang.
        var idle = route.Options.Timeout;
        while (true)
        {
            try
            {
                streamToken.CancelAfter(idle);
                var more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                streamToken.CancelAfter(Timeout.InfiniteTimeSpan); // the caller's own pace between updates is not the provider's stall
                if (!more)
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var cause = streamToken.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                    ? new ProviderException(AiFailureReason.Timeout, stream.Attempt.Target.Instance,
                        $"model '{stream.Attempt.Target.Model}' sent no further update within the route's timeout ({idle}) after {received} update(s).", innerException: ex)
                    : ex;
                throw new StreamInterruptedException(route.Name, stream.Attempt.Target.Key, received, cause);
            }

            received++;
            yield return enumerator.Current;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The provider clients belong to the DI container.
    }

    /// <summary>
    /// Opens the target's stream and reads it, under the attempt's (timeout) token, up to and including the first update
    /// that carries content; the updates before it (an empty message_start, usage) are held and replayed. The stream then
    /// continues under the caller's token, so a failure up to here fails over and one after it does not.
    /// </summary>
    private static async ValueTask<OpenStream> OpenAsync(RouteAttempt attempt, Request r, CancellationToken attemptToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(r.CallerToken);
        IAsyncEnumerator<ChatResponseUpdate>? enumerator = null;
        try
        {
            var held = new List<ChatResponseUpdate>();
            var hasMore = false;
            using (attemptToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source))
            {
                enumerator = attempt.ChatClient.GetStreamingResponseAsync(r.Messages, r.Options, source.Token).GetAsyncEnumerator(source.Token);
                while (await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    held.Add(enumerator.Current);
                    if (CarriesContent(enumerator.Current))
                    {
                        hasMore = true;
                        break;
                    }
                }
            }

            if (source.IsCancellationRequested)
            {
                attemptToken.ThrowIfCancellationRequested();
            }

            // A stream that goes on after its first content keeps the target's concurrency slot until it ends.
            return new OpenStream(enumerator, held, hasMore, attempt, source, hasMore ? attempt.TakeSlot() : null);
        }
        catch
        {
            if (enumerator is not null)
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }

            source.Dispose();
            throw;
        }
    }

    /// <summary>True when the update carries something of the answer: non-empty text, a tool call, data; usage alone does not count.</summary>
    internal static bool CarriesContent(ChatResponseUpdate update)
    {
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case UsageContent:
                    continue;
                case TextContent text when string.IsNullOrEmpty(text.Text):
                    continue;
                case TextReasoningContent reasoning when string.IsNullOrEmpty(reasoning.Text):
                    continue;
                default:
                    return true;
            }
        }

        return false;
    }

    private sealed record Request(IEnumerable<ChatMessage> Messages, ChatOptions? Options, CancellationToken CallerToken);

    private sealed record OpenStream(IAsyncEnumerator<ChatResponseUpdate> Enumerator, List<ChatResponseUpdate> Held, bool HasMore, RouteAttempt Attempt, CancellationTokenSource TokenSource, IDisposable? Slot);
}
