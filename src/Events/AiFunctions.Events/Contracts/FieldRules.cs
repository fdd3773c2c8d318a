using AiFunctions.Workflows;

namespace AiFunctions.Events.Contracts;

/// <summary>Small validation helpers shared by the event data records.</summary>
internal static class FieldRules
{

    public static IEnumerable<string> Id(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return $"'{field}' is required.";
        }
        else if (!ResourceIds.IsValid(value))
        {
            yield return $"'{field}' is not a usable id: use {ResourceIds.Rule}.";
        }
    }

    public static IEnumerable<string> Text(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return $"'{field}' is required.";
        }
        else if (value.Length > maxLength)
        {
            yield return $"'{field}' is {value.Length} characters; the limit is {maxLength}.";
        }
    }

    public static IEnumerable<string> Resume(string field, string? text, string? blobName)
    {
        var hasText = !string.IsNullOrWhiteSpace(text);
        if (hasText == !string.IsNullOrWhiteSpace(blobName))
        {
            yield return $"'{field}': give exactly one of 'resumeText' and 'resumeBlobName'.";
        }
        else if (hasText && text!.Length > WorkflowLimits.MaxInlineResumeChars)
        {
            yield return $"'{field}.resumeText' is {text.Length} characters; inline resumes are limited to {WorkflowLimits.MaxInlineResumeChars}. Upload the resume through the API and send 'resumeBlobName' instead.";
        }
    }

    public static IEnumerable<string> Timestamp(string field, DateTimeOffset value)
    {
        if (value == default)
        {
            yield return $"'{field}' is required (an RFC 3339 timestamp).";
        }
    }
}
