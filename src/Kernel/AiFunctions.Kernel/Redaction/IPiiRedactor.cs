namespace AiFunctions.Kernel.Redaction;

/// <summary>
/// Finds personal data in text (names, emails, phones, postal addresses, dates of birth, national ids) and replaces
/// each with a stable placeholder such as <c>[EMAIL_1]</c>. Runs on every outbound prompt of a route that redacts.
/// </summary>
public interface IPiiRedactor
{
    /// <param name="text">The text to redact.</param>
    /// <param name="knownNames">Names the caller knows (e.g. the candidate's), redacted wherever they occur.</param>
    RedactionResult Redact(string text, IEnumerable<string>? knownNames = null);
}

/// <summary>The redacted text and the map that can put the originals back (<see cref="Restore"/>).</summary>
public sealed class RedactionResult(string text, IReadOnlyDictionary<string, string> placeholders)
{
    public string Text { get; } = text;

    /// <summary>placeholder → original. Never log this.</summary>
    public IReadOnlyDictionary<string, string> Placeholders { get; } = placeholders;

    public int Count => Placeholders.Count;

    /// <summary>Puts the original values back into a text that contains this result's placeholders.</summary>
    public string Restore(string redactedText)
    {
        var result = redactedText;
        if (Placeholders is Dictionary<string, string> map)
        {
            // The redactor's own map: enumerated without boxing its enumerator.
            foreach (var (placeholder, original) in map)
            {
                result = result.Replace(placeholder, original, StringComparison.Ordinal);
            }

            return result;
        }

        foreach (var (placeholder, original) in Placeholders)
        {
            result = result.Replace(placeholder, original, StringComparison.Ordinal);
        }

        return result;
    }
}
