using System.Text.RegularExpressions;

namespace AiFunctions.Providers.Local.Screening;

/// <summary>
/// Splits a resume into lines and bullets, and long lines into sentences. Each segment's <see cref="ResumeSegment.Text"/>
/// is a substring of the resume (only bullet marks, numbering and emphasis marks at its ends are left out), so quoting
/// it is verbatim by construction.
/// </summary>
internal static partial class ResumeSegmenter
{
    private const string LeadingMarks = " \t\r*_#>-•·▪◦–—+|=";
    private const string TrailingMarks = " \t\r*_#|=";

    /// <summary>Longest segment, in characters; longer sentences are cut at spaces.</summary>
    public const int MaxSegmentLength = 300;

    public static IReadOnlyList<ResumeSegment> Split(string resume)
    {
        var segments = new List<ResumeSegment>();
        var inEducation = false;
        var lineStart = 0;
        while (lineStart <= resume.Length)
        {
            var lineEnd = resume.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = resume.Length;
            }

            var (start, end) = TrimLine(resume, lineStart, lineEnd);
            if (end > start)
            {
                var line = resume[start..end];
                var clean = Clean(line);
                if (SectionHeading().Match(clean) is { Success: true } heading)
                {
                    inEducation = heading.Groups["edu"].Success;
                }

                foreach (var (pieceStart, pieceEnd) in Sentences(resume, start, end))
                {
                    var text = resume[pieceStart..pieceEnd];
                    var pieceClean = Clean(text);
                    var words = Words().Count(pieceClean);
                    if (words > 0)
                    {
                        segments.Add(new ResumeSegment(pieceStart, text, pieceClean, words, IsContact(pieceClean), inEducation));
                    }
                }
            }

            lineStart = lineEnd + 1;
        }

        return segments;
    }

    private static (int Start, int End) TrimLine(string text, int start, int end)
    {
        while (start < end && LeadingMarks.Contains(text[start], StringComparison.Ordinal))
        {
            start++;
        }

        var numbering = Numbering().Match(text, start, end - start);
        if (numbering.Success)
        {
            start += numbering.Length;
        }

        while (end > start && TrailingMarks.Contains(text[end - 1], StringComparison.Ordinal))
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>
    /// Sentence boundaries: ". ", "! ", "? " or "; " followed by a capital letter. A piece still longer than
    /// <see cref="MaxSegmentLength"/> (text extracted from a PDF often has no line breaks) is cut at spaces into
    /// windows of about that length, so evidence stays short and each embedding describes one thing.
    /// </summary>
    private static IEnumerable<(int Start, int End)> Sentences(string text, int start, int end)
    {
        var pieceStart = start;
        foreach (Match boundary in SentenceBoundary().Matches(text[start..end]))
        {
            var pieceEnd = start + boundary.Index;
            foreach (var window in Windows(text, pieceStart, pieceEnd))
            {
                yield return window;
            }

            pieceStart = start + boundary.Index + boundary.Length;
        }

        foreach (var window in Windows(text, pieceStart, end))
        {
            yield return window;
        }
    }

    private static IEnumerable<(int Start, int End)> Windows(string text, int start, int end)
    {
        while (end - start > MaxSegmentLength)
        {
            var cut = text.LastIndexOf(' ', start + MaxSegmentLength, MaxSegmentLength / 2);
            if (cut <= start)
            {
                cut = start + MaxSegmentLength;
            }

            yield return (start, cut);
            start = cut;
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }
        }

        if (end > start)
        {
            yield return (start, end);
        }
    }

    private static string Clean(string text) => Spaces().Replace(Markup().Replace(text, " "), " ").Trim();

    private static bool IsContact(string clean) =>
        ContactLabel().IsMatch(clean) || Email().IsMatch(clean) || Phone().IsMatch(clean) || clean.Contains("linkedin.com", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\G(?:\(?\d{1,2}[.)]|[IVX]{1,4}\.)\s+")]
    private static partial Regex Numbering();

    [GeneratedRegex(@"(?<=[.!?;])\s+(?=[A-Z])")]
    private static partial Regex SentenceBoundary();

    [GeneratedRegex(@"[*_#\[\]|`]+")]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}+#.'’-]*")]
    private static partial Regex Words();

    [GeneratedRegex(@"^(?:full\s+|candidate\s+)?name\s*:|^(?:e-?mail|phone|mobile|tel|address|contact)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex ContactLabel();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+\.[\w.]+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\+\d[\d\s-]{8,}\d")]
    private static partial Regex Phone();

    /// <summary>A line that is only a section heading; the "edu" group marks education-like sections.</summary>
    [GeneratedRegex(@"^(?:[IVX]+\.\s*)?(?:(?<edu>education(?:al background)?|academic(?: background| qualifications)?|certifications?|training|education and certifications?)|(?:professional |work |relevant |employment )?(?:experience|history|employment history|skills|summary|profile|projects|personal information|objective|achievements|languages|references|interests|core competencies|technical skills|professional summary))\s*:?$", RegexOptions.IgnoreCase)]
    private static partial Regex SectionHeading();
}
