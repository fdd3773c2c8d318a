using System.Text;

namespace AiFunctions.HrFunctions;

/// <summary>
/// How "verbatim" is judged for evidence quotes: both texts are compared with every run of whitespace collapsed to a
/// single space and the ends trimmed; the comparison is otherwise exact (case-sensitive, ordinal). A model that
/// re-wraps a line is fine; a model that paraphrases, fixes a typo or changes case is not.
/// </summary>
public static class VerbatimText
{
    public static string NormalizeWhitespace(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>True when <paramref name="quote"/> (non-blank) occurs in <paramref name="source"/> as defined above.</summary>
    public static bool Occurs(string quote, string source)
    {
        var normalizedQuote = NormalizeWhitespace(quote);
        return normalizedQuote.Length > 0 && NormalizeWhitespace(source).Contains(normalizedQuote, StringComparison.Ordinal);
    }
}
