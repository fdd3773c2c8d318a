namespace AiFunctions.Events.EventGrid;

/// <summary>
/// What to answer: a status, response headers, and a JSON body (<see cref="Json"/>) or an RFC 9457 problem
/// (<see cref="ProblemTitle"/>/<see cref="ProblemDetail"/>) the host renders with its own problem-details writer.
/// </summary>
public sealed record WebhookResponse(int StatusCode)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public object? Json { get; init; }
    public string? ProblemTitle { get; init; }
    public string? ProblemDetail { get; init; }

    public bool IsProblem => ProblemTitle is not null;

    public static WebhookResponse Problem(int status, string title, string detail) => new(status) { ProblemTitle = title, ProblemDetail = detail };
}
