namespace AiFunctions.Events.EventGrid;

/// <summary>
/// An HTTP request to the event intake, free of any web framework so the standalone host and the Functions app's
/// HTTP trigger can both hand theirs over.
/// </summary>
/// <param name="Method">HTTP method (POST, OPTIONS).</param>
/// <param name="GetHeader">Reads a request header by name (case-insensitive), null when absent.</param>
/// <param name="GetQuery">Reads a query parameter by name, null when absent.</param>
/// <param name="ContentType">The Content-Type header.</param>
/// <param name="Body">The request body (empty for OPTIONS).</param>
public sealed record WebhookRequest(string Method, Func<string, string?> GetHeader, Func<string, string?> GetQuery, string? ContentType, BinaryData Body);
