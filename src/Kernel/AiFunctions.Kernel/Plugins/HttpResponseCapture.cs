namespace AiFunctions.Kernel.Plugins;

/// <summary>
/// An HTTP handler a plugin puts under its SDK's HttpClient so that error translation can see the status and the
/// <c>Retry-After</c> of the response that failed, for SDKs whose exceptions do not carry response headers.
/// <see cref="ProviderErrorTranslatingChatClient"/> opens a capture per call; the handler fills it in.
/// Records status and retry delay only, never bodies.
/// </summary>
public sealed class HttpResponseCapture : DelegatingHandler
{
    private static readonly AsyncLocal<CapturedHttpResponse?> Current = new();

    public HttpResponseCapture()
        : base(new SocketsHttpHandler())
    {
    }

    public HttpResponseCapture(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>Makes <paramref name="capture"/> the one the handler fills for HTTP calls in the current async flow.</summary>
    public static void Use(CapturedHttpResponse capture) => Current.Value = capture;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (Current.Value is { } capture)
        {
            capture.Status = (int)response.StatusCode;
            capture.RetryAfter = ProviderErrors.ParseRetryAfter(response.Headers, DateTimeOffset.UtcNow);
        }

        return response;
    }
}

/// <summary>Status and retry delay of the last HTTP response of one provider call.</summary>
public sealed class CapturedHttpResponse
{
    public int? Status { get; set; }

    public TimeSpan? RetryAfter { get; set; }

    public bool IsError => Status is >= 400;
}
