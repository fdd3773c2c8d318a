namespace AiFunctions.Providers.Tests.Conformance.Fakes;

/// <summary>One request the fake received: what the SDK really put on the wire.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset ReceivedAt)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>True when the JSON body asks for a streamed answer ("stream": true).</summary>
    public bool IsStreaming => Body.Contains("\"stream\":true", StringComparison.Ordinal);
}
