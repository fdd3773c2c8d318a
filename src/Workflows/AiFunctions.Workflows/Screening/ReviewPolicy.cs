using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Screening;

/// <summary>The human gate on the shortlist.</summary>
public sealed record ReviewPolicy
{
    /// <summary>How many top-ranked candidates (among those meeting every must-have) go to the reviewer. 1-500.</summary>
    public int ShortlistSize { get; init; } = 10;

    /// <summary>How long to wait for the reviewer each time (whole seconds; at least 1 s). Default 72 h.</summary>
    public TimeSpan ReviewTimeout { get; init; } = TimeSpan.FromHours(72);

    /// <summary>What happens when <see cref="ReviewTimeout"/> passes with no decision.</summary>
    public ReviewTimeoutAction OnTimeout { get; init; } = ReviewTimeoutAction.Escalate;

    /// <summary>With <see cref="ReviewTimeoutAction.Escalate"/>: escalations before the batch expires. 0-10.</summary>
    public int MaxEscalations { get; init; } = 2;
}

/// <summary>What a reviewer timeout does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewTimeoutAction>))]
public enum ReviewTimeoutAction
{
    /// <summary>Record an escalation, publish it, and keep waiting (up to the policy's MaxEscalations, then expire).</summary>
    Escalate,

    /// <summary>End the batch as expired.</summary>
    Expire,
}
