using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AiFunctions.Kernel.Plugins;

namespace AiFunctions.Kernel.Tests;

/// <summary>
/// The handler under the SDKs' HttpClients: the body the SDK reads is the body sent (headers included), the start of a
/// successful answer is kept for the call in a pooled buffer that goes back (cleared) when the call ends, and a body
/// read ends when the call's token or the reader's token is cancelled.
/// </summary>
public sealed class HttpResponseCaptureTests
{
    [Theory]
    [InlineData(300)]
    [InlineData(10_000)]
    public async Task The_reader_gets_the_body_and_headers_as_sent_and_the_capture_keeps_its_start(int size)
    {
        var body = Encoding.UTF8.GetBytes(new string('x', size - 2).Insert(0, "{").Insert(size - 1, "}"));
        using var http = new HttpClient(new HttpResponseCapture(new Answer(() => Json(body))));
        var capture = new CapturedHttpResponse();
        HttpResponseCapture.Use(capture);

        using var response = await http.GetAsync(new Uri("http://provider.test/v1/chat/completions"), HttpCompletionOption.ResponseHeadersRead);
        var read = await ReadInSmallChunksAsync(await response.Content.ReadAsStreamAsync());

        Assert.Equal(body, read);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["a", "b"], response.Content.Headers.GetValues("X-Content-Note"));
        Assert.Equal(200, capture.Status);
        Assert.Equal(body.AsSpan(0, Math.Min(size, CapturedHttpResponse.AnswerHeadLimit)).ToArray(), capture.AnswerHead.ToArray());
    }

    [Fact]
    public async Task After_release_the_head_is_empty_and_later_reads_record_nothing()
    {
        var body = Encoding.UTF8.GetBytes("""{"error":{"code":"insufficient_quota","message":"quota"}}""" + new string(' ', 200));
        using var http = new HttpClient(new HttpResponseCapture(new Answer(() => Json(body))));
        var capture = new CapturedHttpResponse();
        HttpResponseCapture.Use(capture);
        using var response = await http.GetAsync(new Uri("http://provider.test/v1/chat/completions"), HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var first = new byte[16];
        Assert.Equal(16, await stream.ReadAsync(first));
        Assert.Equal(body.AsSpan(0, 16).ToArray(), capture.AnswerHead.ToArray());

        capture.Release();
        var rest = await ReadInSmallChunksAsync(stream);

        Assert.True(capture.AnswerHead.IsEmpty);
        Assert.Equal(body.Length - 16, rest.Length);
        capture.Release(); // twice is harmless
        Assert.True(capture.AnswerHead.IsEmpty);
    }

    [Fact]
    public async Task A_stalled_body_read_ends_when_the_call_token_is_cancelled_whatever_token_the_reader_passes()
    {
        using var call = new CancellationTokenSource();
        using var reader = new CancellationTokenSource();
        using var http = new HttpClient(new HttpResponseCapture(new Answer(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StalledStream()) })));
        HttpResponseCapture.Use(new CapturedHttpResponse { CallToken = call.Token });
        using var response = await http.GetAsync(new Uri("http://provider.test/api/chat"), HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();

        // Two reads with the reader's own token (the linked source is reused), the second stalls until the call ends.
        var buffer = new byte[8];
        Assert.Equal(1, await stream.ReadAsync(buffer, reader.Token));
        var stalled = stream.ReadAsync(buffer, reader.Token).AsTask();
        await Task.Delay(50);
        Assert.False(stalled.IsCompleted);
        await call.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stalled);
    }

    [Fact]
    public async Task A_stalled_body_read_ends_when_the_readers_token_is_cancelled()
    {
        using var call = new CancellationTokenSource();
        using var reader = new CancellationTokenSource();
        using var http = new HttpClient(new HttpResponseCapture(new Answer(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StalledStream()) })));
        HttpResponseCapture.Use(new CapturedHttpResponse { CallToken = call.Token });
        using var response = await http.GetAsync(new Uri("http://provider.test/api/chat"), HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[8];
        Assert.Equal(1, await stream.ReadAsync(buffer, reader.Token));

        var stalled = stream.ReadAsync(buffer, reader.Token).AsTask();
        await reader.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stalled);
    }

    private static HttpResponseMessage Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.TryAddWithoutValidation("X-Content-Note", ["a", "b"]);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private static async Task<byte[]> ReadInSmallChunksAsync(Stream stream)
    {
        using var all = new MemoryStream();
        var buffer = new byte[700];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return all.ToArray();
    }

    private sealed class Answer(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer());
    }

    /// <summary>One byte, then nothing until the read's token is cancelled (a provider that stops sending mid-answer).</summary>
    private sealed class StalledStream : Stream
    {
        private bool _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sent)
            {
                _sent = true;
                buffer.Span[0] = (byte)'{';
                return 1;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
