using System.Globalization;
using AiFunctions.Kernel.Errors;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Gateway;

/// <summary>
/// A gateway failure in OpenAI's error shape: status, <c>type</c>, <c>param</c>, <c>code</c> and message, plus the
/// <c>Retry-After</c> a client should honour. <see cref="From(Exception)"/> maps the kernel's failure taxonomy
/// (<see cref="AiKernelException.Reason"/>) onto the statuses OpenAI uses, so the OpenAI SDKs' own retry logic does the
/// right thing: 429 for limits and budgets (with Retry-After when waiting helps), 400 <c>content_filter</c>, 503 when no
/// route target is left (502 when no wait can help), 504 for a timeout. Messages never carry prompt or answer text.
/// </summary>
public sealed record OpenAIError(int Status, string Type, string? Code, string Message, string? Param = null, TimeSpan? RetryAfter = null)
{
    public const string InvalidRequest = "invalid_request_error";

    public static OpenAIError BadRequest(string param, string message) => new(StatusCodes.Status400BadRequest, InvalidRequest, null, message, param);

    public static OpenAIError InvalidApiKey() => new(StatusCodes.Status401Unauthorized, InvalidRequest, "invalid_api_key",
        "Incorrect API key provided. Send the key issued to your application as 'Authorization: Bearer <key>' (or the 'api-key' header).");

    public static OpenAIError MissingApiKey() => new(StatusCodes.Status401Unauthorized, InvalidRequest, "missing_api_key",
        "You didn't provide an API key. Send the key issued to your application as 'Authorization: Bearer <key>' (or the 'api-key' header).");

    public static OpenAIError ModelNotFound(string model) => new(StatusCodes.Status404NotFound, InvalidRequest, "model_not_found",
        $"The model '{Truncate(model)}' does not exist. GET /v1/models lists the routes and aliases this key may use.", "model");

    public static OpenAIError ModelNotAllowed(string model, string app) => new(StatusCodes.Status403Forbidden, "permission_error", "model_not_allowed",
        $"Application '{app}' may not use model '{Truncate(model)}'. Ask an operator to add the route to AiFunctions:Gateway:Apps:{app}:Routes.", "model");

    /// <summary>Maps a failure of a route call; null for exceptions that are not the kernel's (bugs surface as 500).</summary>
    public static OpenAIError? From(Exception exception) => exception switch
    {
        RouteFailedException failed => NoTargetLeft(failed),
        AiKernelException k => k.Reason switch
        {
            AiFailureReason.RateLimitExceeded => new(StatusCodes.Status429TooManyRequests, "requests", "rate_limit_exceeded", k.Message, null, k.RetryAfter ?? TimeSpan.FromSeconds(1)),
            AiFailureReason.RateLimited => new(StatusCodes.Status429TooManyRequests, "requests", "rate_limit_exceeded", k.Message, null, k.RetryAfter ?? TimeSpan.FromSeconds(1)),
            AiFailureReason.BudgetExceeded or AiFailureReason.QuotaExhausted => new(StatusCodes.Status429TooManyRequests, "insufficient_quota", "insufficient_quota", k.Message),
            AiFailureReason.ContentFiltered => new(StatusCodes.Status400BadRequest, InvalidRequest, "content_filter",
                "The request or its answer was refused by a content filter. Review the input; it is not retried elsewhere.", "messages"),
            AiFailureReason.ContextLengthExceeded => new(StatusCodes.Status400BadRequest, InvalidRequest, "context_length_exceeded", k.Message, "messages"),
            AiFailureReason.BadRequest => new(StatusCodes.Status400BadRequest, InvalidRequest, null, k.Message),
            AiFailureReason.NotSupported => new(StatusCodes.Status400BadRequest, InvalidRequest, "model_not_supported", k.Message, "model"),
            AiFailureReason.Timeout => new(StatusCodes.Status504GatewayTimeout, "server_error", "timeout", k.Message, null, TimeSpan.FromSeconds(1)),
            AiFailureReason.StructuredOutputInvalid => new(StatusCodes.Status502BadGateway, "server_error", "invalid_model_output", k.Message),
            _ => new(StatusCodes.Status503ServiceUnavailable, "server_error", "service_unavailable", k.Message, null, k.IsTransient ? k.RetryAfter ?? TimeSpan.FromSeconds(1) : null),
        },
        _ => null,
    };

    /// <summary>
    /// Every target failed or was skipped: 503 when trying later may help (with Retry-After), otherwise the status
    /// of the last real failure (a route whose every target cannot chat is a 400, not an outage).
    /// </summary>
    private static OpenAIError NoTargetLeft(RouteFailedException failed)
    {
        if (failed.Attempts.Count > 0 && failed.Attempts.All(a => a.Kind == AiFailureReason.NotSupported))
        {
            return new(StatusCodes.Status400BadRequest, InvalidRequest, "model_not_supported",
                $"No target of route '{failed.Route}' supports this operation (e.g. chat on an embeddings-only model).", "model");
        }

        if (failed.Attempts.Count > 0 && failed.Attempts.All(a => a.Kind == AiFailureReason.RateLimited))
        {
            // Every target is throttled by its provider: the client should wait, not fail. A target skipped by the kernel's
            // own window (RateLimits:Targets) is a skip (CircuitOpen), so those calls end below as 503 with the reset.
            return new(StatusCodes.Status429TooManyRequests, "requests", "rate_limit_exceeded",
                $"Every target of route '{failed.Route}' is rate limited. Retry after the Retry-After delay.", null,
                failed.RetryAfter ?? (failed.InnerException as AiKernelException)?.RetryAfter ?? TimeSpan.FromSeconds(1));
        }

        if (!failed.IsTransient)
        {
            // Every target failed for a reason waiting cannot fix (e.g. the service's own provider credentials): 502,
            // no Retry-After. Not 401/403: the caller's key was accepted; the fault is behind the gateway.
            return new(StatusCodes.Status502BadGateway, "server_error", "no_target_available",
                $"No target of route '{failed.Route}' could serve the request ({failed.Attempts.Count} tried): {failed.Reason}. An operator must fix the route's targets.");
        }

        var retryAfter = failed.RetryAfter ?? (failed.InnerException as AiKernelException)?.RetryAfter ?? TimeSpan.FromSeconds(1);
        return new(StatusCodes.Status503ServiceUnavailable, "server_error", "no_target_available",
            $"No target of route '{failed.Route}' could serve the request ({failed.Attempts.Count} tried or skipped). Retry later.", null, retryAfter);
    }

    public ErrorResponseWire ToWire() => new(new ErrorWire(Message, Type, Param, Code));

    /// <summary>Writes the error with <c>Retry-After</c> (whole seconds, rounded up) and <c>retry-after-ms</c> when set.</summary>
    public IResult ToResult() => new OpenAIErrorResult(this);

    public void ApplyHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            response.Headers["retry-after-ms"] = Math.Max(0, (long)Math.Ceiling(wait.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        }
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private sealed class OpenAIErrorResult(OpenAIError error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.StatusCode = error.Status;
            error.ApplyHeaders(httpContext.Response);
            return httpContext.Response.WriteAsJsonAsync(error.ToWire(), OpenAIWireJson.Default.ErrorResponseWire, contentType: "application/json", httpContext.RequestAborted);
        }
    }
}
