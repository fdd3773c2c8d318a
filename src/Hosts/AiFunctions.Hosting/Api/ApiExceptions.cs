using System.Net.Sockets;
using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// Failures that escape a handler, answered by what they mean rather than a generic 500: a body Kestrel refused while
/// reading (408/413/400), transient storage or task-hub trouble — an Azure <see cref="RequestFailedException"/> with a
/// 5xx/408/429 status or no status (connection refused), a socket or HTTP failure, a timeout, a gRPC Unavailable — as 503
/// with Retry-After. Both hosts use it: the standalone host as its <see cref="IExceptionHandler"/>, the Functions app
/// around each trigger.
/// </summary>
public sealed class ApiExceptions(ILogger<ApiExceptions> logger) : IExceptionHandler
{
    /// <summary>Retry-After of a 503 answer.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>The answer to <paramref name="exception"/>, or null when it is a real bug (500).</summary>
    public static IResult? Map(Exception exception) => exception switch
    {
        BadHttpRequestException bad => ApiProblems.BadBody(bad),
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => ApiProblems.Unavailable("Storage", RetryAfter),
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => Map(e) is not null) => Map(aggregate.InnerExceptions[0]),
        HttpRequestException or SocketException or TimeoutException => ApiProblems.Unavailable("Storage", RetryAfter),
        TaskCanceledException { InnerException: TimeoutException } => ApiProblems.Unavailable("Storage", RetryAfter),
        _ when exception.GetType().FullName == "Grpc.Core.RpcException" && exception.Message.Contains("Unavailable", StringComparison.Ordinal) => ApiProblems.Unavailable("The workflow engine", RetryAfter),
        _ when exception.InnerException is { } inner && exception is not OperationCanceledException => Map(inner),
        _ => null,
    };

    /// <summary>
    /// <see cref="Map(Exception)"/>, and also a cancellation the request did not ask for (its
    /// <paramref name="requestAborted"/> is not cancelled): that is a dependency's client giving up on a silent server
    /// (the Azure SDK's per-try network timeout surfaces as a bare <see cref="TaskCanceledException"/>), so 503.
    /// </summary>
    public static IResult? Map(Exception exception, CancellationToken requestAborted) =>
        Map(exception) ?? (!requestAborted.IsCancellationRequested && IsCancellation(exception) ? ApiProblems.Unavailable("Storage", RetryAfter) : null);

    private static bool IsCancellation(Exception exception) => exception switch
    {
        OperationCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsCancellation),
        _ => false,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (Map(exception, httpContext.RequestAborted) is not { } result || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogMapped(logger, exception.GetType().Name, httpContext.Request.Path);
        httpContext.Response.Clear();
        await result.ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    private static readonly Action<ILogger, string, string, Exception?> LogMappedMessage =
        LoggerMessage.Define<string, string>(LogLevel.Warning, new EventId(1, "ApiFailureMapped"), "A {ExceptionType} on {Path} was answered as a problem (not a 500).");

    private static void LogMapped(ILogger logger, string type, string path) => LogMappedMessage(logger, type, path, null);
}
