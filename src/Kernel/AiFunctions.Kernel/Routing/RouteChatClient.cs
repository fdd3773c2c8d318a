using System.Runtime.CompilerServices;
using AiFunctions.Kernel.Errors;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Routing;

/// <summary>
/// The chat client of one route (keyed <see cref="RouteKeys.Chat"/>): every call goes through the route executor
/// (rate limits, budgets, failover, per-target resilience, accounting). The route's Temperature and MaxOutputTokens
/// apply where the caller's options leave them unset. Streaming fails over while no update has arrived yet and throws
/// <see cref="StreamInterruptedException"/> when a stream breaks after its first update.
/// </summary>
internal sealed class RouteChatClient(RouteRuntime route, RouteExecutor executor) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new("aifunctions-route", null, route.Name);

    public RouteRuntime Route { get; } = route;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = new Request(messages, Apply(options), cancellationToken);
        return await executor.ExecuteAsync(Route, request, static async (attempt, r, token) =>
        {
            var response = await attempt.ChatClient.GetResponseAsync(r.Messages, r.Options, token).ConfigureAwait(false);
            attempt.RecordUsage(response.Usage);
            return response;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = new Request(messages, Apply(options), cancellationToken);
        var stream = await executor.ExecuteAsync(Route, request, static (attempt, r, token) => OpenAsync(attempt, r, token), cancellationToken).ConfigureAwait(false);
        await using var enumerator = stream.Enumerator;
        using var streamToken = stream.TokenSource;
        if (!stream.HasFirst)
        {
            stream.Attempt.RecordUsage(null);
            yield break;
        }

        UsageDetails? usage = null;
        var received = 0;
        var update = enumerator.Current;
        while (true)
        {
            usage = AddUsage(usage, update);
            received++;
            yield return update;

            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                stream.Attempt.RecordUsage(usage);
                throw new StreamInterruptedException(Route.Name, stream.Attempt.Target.Key, received, ex);
            }

            update = enumerator.Current;
        }

        stream.Attempt.RecordUsage(usage);
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
    /// Opens the target's stream and waits for its first update under the attempt's (timeout) token; the stream then
    /// continues under the caller's token, so a failure up to here fails over and one after it does not.
    /// </summary>
    private static async ValueTask<OpenStream> OpenAsync(RouteAttempt attempt, Request r, CancellationToken attemptToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(r.CallerToken);
        IAsyncEnumerator<ChatResponseUpdate>? enumerator = null;
        try
        {
            bool hasFirst;
            using (attemptToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source))
            {
                enumerator = attempt.ChatClient.GetStreamingResponseAsync(r.Messages, r.Options, source.Token).GetAsyncEnumerator(source.Token);
                hasFirst = await enumerator.MoveNextAsync().ConfigureAwait(false);
            }

            if (source.IsCancellationRequested)
            {
                attemptToken.ThrowIfCancellationRequested();
            }

            return new OpenStream(enumerator, hasFirst, attempt, source);
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

    private static UsageDetails? AddUsage(UsageDetails? total, ChatResponseUpdate update)
    {
        foreach (var content in update.Contents)
        {
            if (content is UsageContent usage)
            {
                total ??= new UsageDetails();
                total.Add(usage.Details);
            }
        }

        return total;
    }

    private ChatOptions? Apply(ChatOptions? options)
    {
        var route = Route.Options;
        if ((route.Temperature is null || options?.Temperature is not null) && (route.MaxOutputTokens is null || options?.MaxOutputTokens is not null))
        {
            return options;
        }

        var merged = options?.Clone() ?? new ChatOptions();
        merged.Temperature ??= route.Temperature;
        merged.MaxOutputTokens ??= route.MaxOutputTokens;
        return merged;
    }

    private sealed record Request(IEnumerable<ChatMessage> Messages, ChatOptions? Options, CancellationToken CallerToken);

    private sealed record OpenStream(IAsyncEnumerator<ChatResponseUpdate> Enumerator, bool HasFirst, RouteAttempt Attempt, CancellationTokenSource TokenSource);
}
