using System.Buffers;

namespace AiFunctions.Kernel.Plugins;

/// <summary>
/// An HTTP handler a plugin puts under its SDK's HttpClient so that error translation can see the status and the
/// <c>Retry-After</c> of the response that failed, for SDKs whose exceptions do not carry response headers.
/// <see cref="ProviderErrorTranslatingChatClient"/> opens a capture per call; the handler fills it in.
/// Records the status and retry delay, and of a successful non-stream answer its first 4 KiB (so that a 200 carrying
/// only an <c>error</c> object is classified by it); nothing of a body is logged or kept beyond the call.
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
        // A successful answer that is not a stream keeps its first bytes in the capture, so a 200 whose body is only an
        // error object (proxies such as LiteLLM pass upstream errors through that way) is classified by that object when
        // the SDK cannot read it as an answer.
        var capturedResponse = Current.Value;
        var record = capturedResponse is not null && response.IsSuccessStatusCode
            && !string.Equals(response.Content.Headers.ContentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase)
            ? capturedResponse : null;
        if (capturedResponse is { CallToken: { CanBeCanceled: true } } || record is not null)
        {
            var call = capturedResponse!.CallToken;
            var content = response.Content;
            var body = new StreamContent(new CallCancellableStream(await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), call, record));
            // Copied as received (no parsing, no array per header): a single value as its string.
            foreach (var (name, values) in content.Headers.NonValidated)
            {
                _ = values.Count == 1
                    ? body.Headers.TryAddWithoutValidation(name, values.ToString())
                    : body.Headers.TryAddWithoutValidation(name, values);
            }

            response.Content = body;
        }

        return response;
    }

    /// <summary>A response body whose reads also end when the call's token is cancelled.</summary>
    private sealed class CallCancellableStream(Stream inner, CancellationToken call, CapturedHttpResponse? record) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            record?.Record(buffer.AsSpan(offset, read));
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        /// <summary>The reader's token linked with the call's, kept while the reader passes the same token (SDKs read a body with one).</summary>
        private CancellationTokenSource? _linked;
        private CancellationToken _linkedFor;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, ReadToken(cancellationToken)).ConfigureAwait(false);
            record?.Record(buffer.Span[..read]);
            return read;
        }

        private CancellationToken ReadToken(CancellationToken reader)
        {
            if (!reader.CanBeCanceled || reader == call)
            {
                return call;
            }

            if (!call.CanBeCanceled)
            {
                return reader;
            }

            if (_linked is null || _linkedFor != reader)
            {
                _linked?.Dispose();
                _linked = CancellationTokenSource.CreateLinkedTokenSource(reader, call);
                _linkedFor = reader;
            }

            return _linked.Token;
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
                _linked?.Dispose();
            }

            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync()
        {
            _linked?.Dispose();
            return inner.DisposeAsync();
        }
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

    /// <summary>The most a successful, non-stream body keeps of its start (bytes): an error object is far smaller.</summary>
    internal const int AnswerHeadLimit = 4096;

    /// <summary>Stands for a head whose buffer went back to the pool: nothing is recorded any more.</summary>
    private static readonly byte[] Released = [];

    private byte[]? _answerHead;
    private int _answerHeadLength;

    /// <summary>
    /// The first bytes (at most <see cref="AnswerHeadLimit"/>) of the last successful, non-stream response body the SDK
    /// read; empty when none. Only read to classify an error object sent with a 2xx status; never logged or kept
    /// beyond the call (<see cref="Release"/>).
    /// </summary>
    internal ReadOnlyMemory<byte> AnswerHead => _answerHead is null ? default : _answerHead.AsMemory(0, _answerHeadLength);

    internal void Record(ReadOnlySpan<byte> read)
    {
        if (read.IsEmpty || _answerHeadLength >= AnswerHeadLimit)
        {
            return;
        }

        // Held while copying, so Release cannot hand the buffer back to the pool under a read that is still running.
        lock (this)
        {
            if (ReferenceEquals(_answerHead, Released))
            {
                return;
            }

            // A pooled buffer, handed back when the call ends: answers are copied into it, never allocated per call.
            _answerHead ??= ArrayPool<byte>.Shared.Rent(AnswerHeadLimit);
            var take = Math.Min(read.Length, AnswerHeadLimit - _answerHeadLength);
            read[..take].CopyTo(_answerHead.AsSpan(_answerHeadLength));
            _answerHeadLength += take;
        }
    }

    /// <summary>
    /// Ends the capture's use of its buffer (the wrappers call it once the call's answer or error is settled): the
    /// head is cleared and goes back to the pool, and nothing is recorded any more.
    /// </summary>
    internal void Release()
    {
        lock (this)
        {
            var head = _answerHead;
            var length = _answerHeadLength;
            _answerHead = Released;
            _answerHeadLength = 0;
            if (head is { Length: > 0 })
            {
                head.AsSpan(0, length).Clear();
                ArrayPool<byte>.Shared.Return(head);
            }
        }
    }
}
