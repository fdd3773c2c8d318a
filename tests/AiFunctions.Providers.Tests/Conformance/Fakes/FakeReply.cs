namespace AiFunctions.Providers.Tests.Conformance.Fakes;

/// <summary>What the fake answers to one request, in provider-neutral terms; the wire turns it into bytes.</summary>
public abstract record FakeReply
{
    /// <summary>A normal answer (JSON or a stream, as the request asked) with the wire's fixed usage numbers.</summary>
    public sealed record Text(string Content) : FakeReply;

    /// <summary>A (non-streamed) answer that asks the caller to call one tool with these JSON arguments.</summary>
    public sealed record ToolCall(string Name, string ArgumentsJson) : FakeReply;

    /// <summary>An error status with the wire's error body and optional extra headers (Retry-After, say).</summary>
    public sealed record Error(int Status, IReadOnlyDictionary<string, string>? Headers = null) : FakeReply;

    /// <summary>No answer for this long (longer than the client's timeout).</summary>
    public sealed record Hang(TimeSpan Delay) : FakeReply;

    /// <summary>200 with a body no client can read.</summary>
    public sealed record Malformed : FakeReply;

    /// <summary>The provider's own content-filter / refusal signal.</summary>
    public sealed record ContentFiltered : FakeReply;

    /// <summary>A stream that sends a first chunk and then the connection drops.</summary>
    public sealed record StreamCut(string FirstChunk) : FakeReply;

    /// <summary>Exactly these bytes, for wire details one plugin's tests need (an error event inside a stream, say).</summary>
    public sealed record Raw(int Status, string ContentType, string Body) : FakeReply;

    /// <summary>A stream that sends a first chunk and then ends cleanly, without the provider's completion signal.</summary>
    public sealed record StreamTruncated(string FirstChunk) : FakeReply;

    /// <summary>A stream that sends a first chunk and then neither sends nor closes for this long (a stalled upstream).</summary>
    public sealed record StreamStall(string FirstChunk, TimeSpan Delay) : FakeReply;

    /// <summary>
    /// Whatever the delegate writes: headers, status, partial bodies, pauses and aborted connections, for the wire
    /// faults the kit's other replies cannot express (a gzip header over a plain body, a reset mid-body, a redirect).
    /// </summary>
    public sealed record Custom(Func<Microsoft.AspNetCore.Http.HttpContext, Task> Write) : FakeReply;
}
