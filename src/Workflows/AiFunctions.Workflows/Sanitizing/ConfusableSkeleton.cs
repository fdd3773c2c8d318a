using System.Globalization;
using System.Text;

namespace AiFunctions.Workflows.Sanitizing;

/// <summary>
/// A detection view of a text, one character for one character (so a match in the view is a match at the same
/// offsets in the text): lower case, Latin letters without diacritics, and the Cyrillic, Greek and other look-alikes
/// of Latin letters mapped to the Latin letter they imitate — the "skeleton" of Unicode TR39 (Security Mechanisms,
/// §4 Confusable Detection, confusables.txt) restricted to the Latin targets an English/French/German/Spanish/
/// Portuguese phrase can be spelled with. Used only to detect; the text itself is never rewritten with it.
/// </summary>
internal static class ConfusableSkeleton
{
    // Source: Unicode confusables.txt (TR39), the entries whose prototype is a single lower-case Latin letter.
    private static readonly Dictionary<char, char> Map = new()
    {
        // Cyrillic
        ['а'] = 'a', ['А'] = 'a', ['в'] = 'b', ['В'] = 'b', ['с'] = 'c', ['С'] = 'c', ['ԁ'] = 'd', ['е'] = 'e', ['Е'] = 'e', ['ё'] = 'e', ['һ'] = 'h', ['Н'] = 'h',
        ['і'] = 'i', ['І'] = 'i', ['ї'] = 'i', ['ј'] = 'j', ['Ј'] = 'j', ['к'] = 'k', ['К'] = 'k', ['ӏ'] = 'l', ['м'] = 'm', ['М'] = 'm', ['п'] = 'n', ['о'] = 'o',
        ['О'] = 'o', ['р'] = 'p', ['Р'] = 'p', ['ԛ'] = 'q', ['г'] = 'r', ['ѕ'] = 's', ['Ѕ'] = 's', ['т'] = 't', ['Т'] = 't', ['и'] = 'u', ['ц'] = 'u', ['ѵ'] = 'v',
        ['ԝ'] = 'w', ['Ԝ'] = 'w', ['х'] = 'x', ['Х'] = 'x', ['у'] = 'y', ['У'] = 'y', ['ү'] = 'y', ['Ζ'] = 'z',
        // Greek
        ['α'] = 'a', ['Α'] = 'a', ['β'] = 'b', ['Β'] = 'b', ['ϲ'] = 'c', ['Ϲ'] = 'c', ['ε'] = 'e', ['Ε'] = 'e', ['Η'] = 'h', ['ι'] = 'i', ['Ι'] = 'i', ['κ'] = 'k',
        ['Κ'] = 'k', ['Μ'] = 'm', ['η'] = 'n', ['Ν'] = 'n', ['ο'] = 'o', ['Ο'] = 'o', ['σ'] = 'o', ['ρ'] = 'p', ['Ρ'] = 'p', ['τ'] = 't', ['Τ'] = 't', ['υ'] = 'u',
        ['ν'] = 'v', ['ω'] = 'w', ['χ'] = 'x', ['Χ'] = 'x', ['γ'] = 'y', ['Υ'] = 'y', ['ζ'] = 'z',
        // Latin look-alikes outside ASCII and symbols used as letters
        ['ı'] = 'i', ['ɑ'] = 'a', ['ɡ'] = 'g', ['ʀ'] = 'r', ['ʏ'] = 'y', ['ᴅ'] = 'd', ['ᴇ'] = 'e', ['ɪ'] = 'i', ['ɴ'] = 'n', ['ᴏ'] = 'o', ['ᴘ'] = 'p', ['ᴛ'] = 't',
        ['ᴜ'] = 'u', ['ᴠ'] = 'v', ['ᴡ'] = 'w', ['ᴢ'] = 'z', ['ℓ'] = 'l', ['ⅰ'] = 'i', ['ⅼ'] = 'l', ['ⅽ'] = 'c', ['ⅾ'] = 'd', ['ⅿ'] = 'm',
    };

    /// <summary>The skeleton view: same length as <paramref name="text"/>.</summary>
    public static string Of(string text)
    {
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = Fold(source[i]);
            }
        });
    }

    /// <summary>Whether a word mixes Latin letters with Cyrillic or Greek ones (a homoglyph disguise, TR39 "mixed-script confusable").</summary>
    public static bool MixesScripts(ReadOnlySpan<char> word)
    {
        bool latin = false, other = false;
        foreach (var c in word)
        {
            if (char.IsAsciiLetter(c))
            {
                latin = true;
            }
            else if (c is >= '\u0370' and <= '\u03FF' or >= '\u0400' and <= '\u052F')
            {
                other = true;
            }
        }

        return latin && other;
    }

    private static char Fold(char c)
    {
        if (c < 128)
        {
            return char.ToLowerInvariant(c);
        }

        if (Map.TryGetValue(c, out var latin))
        {
            return latin;
        }

        // "é" → "e", "ü" → "u": the base letter of a canonical decomposition.
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        if (decomposed.Length > 1 && decomposed[0] < 128 && CharUnicodeInfo.GetUnicodeCategory(decomposed[1]) == UnicodeCategory.NonSpacingMark)
        {
            return char.ToLowerInvariant(decomposed[0]);
        }

        return char.ToLowerInvariant(c);
    }
}
