using System.Globalization;
using System.Text.RegularExpressions;

namespace AiFunctions.Providers.Local.Screening;

/// <summary>
/// Years-of-experience rules: what a criterion asks for ("5+ years", "at least five years") and what a resume shows —
/// the union of its dated work ranges ("June 2010 - December 2015", "2015 – Present"; overlapping roles counted once,
/// education sections left out), or failing that the largest "N years of experience" it states.
/// </summary>
internal static partial class ExperienceYears
{
    private static readonly string[] NumberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen"];

    /// <summary>The minimum years a criterion asks for, or null when it asks for none.</summary>
    public static int? Required(string criterion)
    {
        var match = RequiredYears().Match(criterion);
        return match.Success ? ParseNumber(match.Groups["n"].Value) : null;
    }

    /// <summary>Years of work experience shown by the resume's segments, or null when it shows no dates or claims.</summary>
    public static (double Years, string Basis)? FromResume(IReadOnlyList<ResumeSegment> segments, DateOnly today)
    {
        var ranges = new List<(int From, int To)>();
        foreach (var segment in segments.Where(s => !s.IsEducation))
        {
            foreach (Match match in DateRange().Matches(segment.Clean))
            {
                var from = MonthIndex(match.Groups["m1"].Value, match.Groups["y1"].Value, isEnd: false);
                var to = match.Groups["now"].Success
                    ? (today.Year * 12) + today.Month - 1
                    : MonthIndex(match.Groups["m2"].Value, match.Groups["y2"].Value, isEnd: true);
                if (to >= from)
                {
                    ranges.Add((from, to));
                }
            }
        }

        if (ranges.Count > 0)
        {
            return (Math.Round(UnionMonths(ranges) / 12.0, 1), $"{ranges.Count} dated role(s)");
        }

        var stated = segments
            .SelectMany(s => StatedYears().Matches(s.Clean))
            .Select(m => ParseNumber(m.Groups["n"].Value))
            .Where(n => n is not null)
            .Select(n => n!.Value)
            .DefaultIfEmpty(-1)
            .Max();
        return stated >= 0 ? (stated, "stated in the resume") : null;
    }

    private static int UnionMonths(List<(int From, int To)> ranges)
    {
        var total = 0;
        var currentFrom = -1;
        var currentTo = -2;
        foreach (var (from, to) in ranges.OrderBy(r => r.From).ThenBy(r => r.To))
        {
            if (from > currentTo + 1)
            {
                total += currentTo - currentFrom + 1;
                (currentFrom, currentTo) = (from, to);
            }
            else
            {
                currentTo = Math.Max(currentTo, to);
            }
        }

        return total + (currentTo - currentFrom + 1);
    }

    /// <summary>Months since year 0; a range without months runs from January of its first year to December of its last.</summary>
    private static int MonthIndex(string month, string year, bool isEnd)
    {
        var y = int.Parse(year, CultureInfo.InvariantCulture);
        var m = month.Length >= 3
            ? Array.FindIndex(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames, n => n.Length > 0 && month.StartsWith(n, StringComparison.OrdinalIgnoreCase))
            : -1;
        if (m < 0)
        {
            m = isEnd ? 11 : 0;
        }

        return (y * 12) + m;
    }

    private static int? ParseNumber(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        var index = Array.FindIndex(NumberWords, w => w.Equals(text, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : null;
    }

    private const string Number = @"(?<n>\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)";
    private const string Month = @"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

    [GeneratedRegex(@"(?:at\s+least\s+|minimum\s+(?:of\s+)?|over\s+)?" + Number + @"\s*\+?\s*(?:\(\w+\)\s*)?(?:or\s+more\s+)?years?", RegexOptions.IgnoreCase)]
    private static partial Regex RequiredYears();

    [GeneratedRegex(@"(?:(?<m1>" + Month + @")\s*,?\s*)?(?<y1>(?:19|20)\d{2})\s*(?:-|–|—|to|until)\s*(?:(?:(?<m2>" + Month + @")\s*,?\s*)?(?<y2>(?:19|20)\d{2})|(?<now>present|current|now|today|date))", RegexOptions.IgnoreCase)]
    private static partial Regex DateRange();

    [GeneratedRegex(Number + @"\s*\+?\s*(?:or\s+more\s+)?years?\s+(?:of\s+)?(?:[\w-]+\s+){0,3}?experience", RegexOptions.IgnoreCase)]
    private static partial Regex StatedYears();
}
