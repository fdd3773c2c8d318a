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

    /// <summary>Over a <see cref="SocketsHttpHandler"/> that does not follow redirects (the credentials would go to another host; a 3xx is reported as the Endpoint's problem).</summary>
    public HttpResponseCapture()
        : base(new SocketsHttpHandler { AllowAutoRedirect = false })
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

        // SDKs that read a streamed body line by line without a token (OllamaSharp) would wait out a stalled stream;
        // the body's reads observe the call's token, so the kernel's timeouts end them.
        // (The call's own token, from the capture: HttpClient disposes the linked token it passes here once the headers are in.)
        if (Current.Value is { CallToken: { CanBeCanceled: true } call })
        {
            var content = response.Content;
            var body = new StreamContent(new CallCancellableStream(await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), call));
            foreach (var header in content.Headers)
            {
                body.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = body;
        }

        return response;
    }

    /// <summary>A response body whose reads also end when the call's token is cancelled.</summary>
    private sealed class CallCancellableStream(Stream inner, CancellationToken call) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!cancellationToken.CanBeCanceled)
            {
                return await inner.ReadAsync(buffer, call).ConfigureAwait(false);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call);
            return await inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

/// <summary>Status and retry delay of the last HTTP response of one provider call.</summary>
public sealed class CapturedHttpResponse
{
    public int? Status { get; set; }

    public TimeSpan? RetryAfter { get; set; }

    /// <summary>A redirect (not followed) or an error status.</summary>
    public bool IsError => Status is >= 300;

    /// <summary>The provider call's cancellation token (the kernel's attempt timeout, the caller's token): body reads observe it.</summary>
    internal CancellationToken CallToken { get; init; }
}
