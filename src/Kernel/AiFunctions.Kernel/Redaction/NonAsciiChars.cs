namespace AiFunctions.Kernel.Redaction;

/// <summary>
/// Walks the characters outside ASCII of a text (the pre-checks' digits of other scripts, the phone finder's folding):
/// prompts are mostly ASCII with a few others (the message separator, accents, typographic quotes), so each step is
/// a vectorised search; once a walk has taken <see cref="VectorisedSteps"/> steps (a text in another script), the
/// rest is read one character at a time, so no text costs more than a scalar pass and a few searches.
/// </summary>
internal static class NonAsciiChars
{
    private const int VectorisedSteps = 16;

    /// <summary>The index of the first character above U+007F at or after <paramref name="from"/>, or -1.</summary>
    /// <param name="steps">The walk's count of steps so far (start at 0; this call adds one).</param>
    public static int Next(ReadOnlySpan<char> text, int from, ref int steps)
    {
        if (steps++ < VectorisedSteps)
        {
            var at = text[from..].IndexOfAnyExceptInRange('\u0000', '\u007F');
            return at < 0 ? -1 : from + at;
        }

        for (var i = from; i < text.Length; i++)
        {
            if (!char.IsAscii(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
