using System.Diagnostics;
using System.Runtime.CompilerServices;
using AiFunctions.Kernel.Errors;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Accounting;

/// <summary>
/// Sits just inside M.E.AI's OpenTelemetry chat client (<c>UseFailureReason</c>): when the call fails with an
/// <see cref="AiKernelException"/>, it puts the failure's <see cref="AiKernelException.Reason"/> on the gen_ai chat span as
/// <see cref="KernelTelemetry.FailureReasonAttribute"/> (<see cref="Cancelled"/> when the call was cancelled). M.E.AI itself records the exception's CLR type as
/// <c>error.type</c> and its message as the status description; the hosts' span processor
/// (AiFunctions.Hosting.Observability.FailureReasonSpanProcessor) replaces both with this reason, so the chat span says
/// <c>RateLimited</c> like the attempt span does and never carries exception text.
/// </summary>
internal sealed class FailureReasonChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (AiKernelException ex)
        {
            Tag(ex.Reason.ToString());
            throw;
        }
        catch (OperationCanceledException)
        {
            Tag(Cancelled);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var enumerator = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var _ = enumerator.ConfigureAwait(false);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (AiKernelException ex)
            {
                Tag(ex.Reason.ToString());
                throw;
            }
            catch (OperationCanceledException)
            {
                Tag(Cancelled);
                throw;
            }

            yield return enumerator.Current;
        }
    }

    /// <summary>The reason of a call cancelled from outside: by the attempt's timeout (the attempt span then says <c>Timeout</c>) or by the caller.</summary>
    public const string Cancelled = "Cancelled";

    private static void Tag(string reason)
    {
        if (Activity.Current is { } span && span.Source.Name == KernelTelemetry.ActivitySourceName)
        {
            span.SetTag(KernelTelemetry.FailureReasonAttribute, reason);
        }
    }
}

/// <summary><see cref="ChatClientBuilder"/> extension for <see cref="FailureReasonChatClient"/>.</summary>
internal static class FailureReasonChatClientBuilderExtensions
{
    /// <summary>Tags the enclosing gen_ai chat span with the kernel failure reason of a failed call (place it just inside <c>UseOpenTelemetry</c>).</summary>
    public static ChatClientBuilder UseFailureReason(this ChatClientBuilder builder) => builder.Use(inner => new FailureReasonChatClient(inner));
}
