using System.Globalization;
using System.Text;

namespace AiFunctions.Workflows.Fairness;

/// <summary>One assessed candidate as the audit sees it: whether the shortlist selected them, their score (null when not scored), their categories.</summary>
public sealed record AuditSubject(bool Selected, int? Score, SelfIdentifiedCategories? Categories);

/// <summary>The figures of one category (or intersection) of one dimension.</summary>
/// <param name="Count">Candidates in the category (always reported, also when excluded from the ratios).</param>
/// <param name="SelectionRate">Selected ÷ Count.</param>
/// <param name="ImpactRatio">SelectionRate ÷ the highest SelectionRate among the included categories (null when excluded or no category selected anyone).</param>
/// <param name="ScoringRate">Share of the category scoring above the sample's median score.</param>
/// <param name="ScoringImpactRatio">ScoringRate ÷ the highest ScoringRate among the included categories.</param>
/// <param name="Excluded">Under 2 % of the sample: counted, but no impact ratios (6 RCNY §5-301).</param>
/// <param name="Flagged">An impact ratio (selection or scoring) under 0.8 (the four-fifths rule of thumb).</param>
public sealed record AuditCategory(string Dimension, string Category, int Count, int Selected, double SelectionRate, double? ImpactRatio, int ScoredAboveMedian, double ScoringRate, double? ScoringImpactRatio, bool Excluded, bool Flagged);

/// <summary>The LL144 figures of a sample: per sex, per race/ethnicity, per intersection; unknowns counted.</summary>
public sealed record BiasAuditFigures(int Total, int Selected, double? MedianScore, int UnknownSex, int UnknownRaceEthnicity, int UnknownIntersection, IReadOnlyList<AuditCategory> Categories)
{
    /// <summary>The figures as CSV (one line per category), RFC 4180 quoting, invariant culture.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder("dimension,category,count,selected,selection_rate,impact_ratio,scored_above_median,scoring_rate,scoring_impact_ratio,excluded_under_2pct,flagged_under_0.8\n");
        foreach (var c in Categories)
        {
            csv.Append(Quote(c.Dimension)).Append(',').Append(Quote(c.Category)).Append(',')
                .Append(c.Count.ToString(CultureInfo.InvariantCulture)).Append(',').Append(c.Selected.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(F(c.SelectionRate)).Append(',').Append(F(c.ImpactRatio)).Append(',')
                .Append(c.ScoredAboveMedian.ToString(CultureInfo.InvariantCulture)).Append(',').Append(F(c.ScoringRate)).Append(',').Append(F(c.ScoringImpactRatio)).Append(',')
                .Append(c.Excluded ? "true" : "false").Append(',').Append(c.Flagged ? "true" : "false").Append('\n');
        }

        return csv.ToString();

        static string F(double? v) => v is { } d ? d.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty;

        // Categories are what candidates wrote: a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first;
        // OWASP "CSV injection") gets a leading apostrophe and quotes, as the usage export's CsvHelper does.
        static string Quote(string s)
        {
            var formula = s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
            var text = formula ? "'" + s : s;
            return formula || text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
        }
    }
}

/// <summary>
/// The figures NYC Local Law 144 bias audits report (DCWP rules, 6 RCNY §5-300 definitions and §5-301 bias audit;
/// docs/fairness.md gives the formulas): for sex, race/ethnicity and their intersection, the selection rate and
/// impact ratio at the shortlist, and the scoring rate (share scoring above the sample's median) and its impact ratio.
/// Categories under 2 % of the sample are counted but left out of the ratios; unknown categories are counted apart;
/// impact ratios under 0.8 are flagged. Pure and deterministic.
/// </summary>
public static class BiasAudit
{
    /// <summary>Share of the sample under which a category is excluded from impact ratios (6 RCNY §5-301).</summary>
    public const double MinimumShare = 0.02;

    /// <summary>Impact ratios below this are flagged (the EEOC "four-fifths" rule of thumb).</summary>
    public const double FlagBelow = 0.8;

    public static BiasAuditFigures Compute(IReadOnlyList<AuditSubject> subjects)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var scores = subjects.Where(s => s.Score is not null).Select(s => (double)s.Score!.Value).Order().ToArray();
        double? median = scores.Length == 0 ? null : scores.Length % 2 == 1 ? scores[scores.Length / 2] : (scores[(scores.Length / 2) - 1] + scores[scores.Length / 2]) / 2;
        var categories = new List<AuditCategory>();
        categories.AddRange(Dimension("sex", subjects, s => Known(s.Categories?.Sex), median));
        categories.AddRange(Dimension("race/ethnicity", subjects, s => Known(s.Categories?.RaceEthnicity), median));
        categories.AddRange(Dimension("sex × race/ethnicity", subjects, s => Known(s.Categories?.Sex) is { } sex && Known(s.Categories?.RaceEthnicity) is { } race ? $"{sex} / {race}" : null, median));
        return new BiasAuditFigures(
            subjects.Count,
            subjects.Count(s => s.Selected),
            median,
            subjects.Count(s => Known(s.Categories?.Sex) is null),
            subjects.Count(s => Known(s.Categories?.RaceEthnicity) is null),
            subjects.Count(s => Known(s.Categories?.Sex) is null || Known(s.Categories?.RaceEthnicity) is null),
            categories);
    }

    /// <summary>
    /// The category as given, or null when it is unknown: blank, or a refusal or placeholder spelled out ("Unknown",
    /// "Decline to self-identify", "Prefer not to say", "N/A", "-"). Those are counted as unknown, never as a category
    /// with its own impact ratio (§5-301 reports the number of individuals of unknown category apart).
    /// </summary>
    internal static string? Known(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        var bare = new string(trimmed.Where(c => char.IsLetterOrDigit(c) || c == ' ').ToArray()).Trim().ToLowerInvariant();
        return bare.Length == 0 || UnknownValues.Contains(bare) || UnknownPrefixes.Any(p => bare.StartsWith(p, StringComparison.Ordinal)) ? null : trimmed;
    }

    private static readonly HashSet<string> UnknownValues = new(
        ["unknown", "na", "n a", "none", "not specified", "unspecified", "not provided", "not disclosed", "undisclosed", "not stated", "no answer", "no response", "other unknown", "null", "undefined"],
        StringComparer.Ordinal);

    private static readonly string[] UnknownPrefixes = ["decline", "declined", "prefer not", "i prefer not", "choose not", "chose not", "did not", "do not wish", "i do not wish", "rather not", "not willing"];

    private static IEnumerable<AuditCategory> Dimension(string dimension, IReadOnlyList<AuditSubject> subjects, Func<AuditSubject, string?> category, double? median)
    {
        var groups = subjects
            .Select(s => (Subject: s, Category: category(s)))
            .Where(x => x.Category is not null)
            .GroupBy(x => x.Category!, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var count = g.Count();
                var selected = g.Count(x => x.Subject.Selected);
                var above = median is { } m ? g.Count(x => x.Subject.Score is { } score && score > m) : 0;
                // One category whatever the case ("female", "Female", "FEMALE"); reported in its most frequent spelling, a
                // capitalised one first on a tie, then ordinal: never in the spelling of whoever came first.
                var name = g.GroupBy(x => x.Category!, StringComparer.Ordinal)
                    .OrderByDescending(s => s.Count())
                    .ThenByDescending(s => char.IsUpper(s.Key[0]) && s.Key.Any(char.IsLower))
                    .ThenBy(s => s.Key, StringComparer.Ordinal)
                    .First().Key;
                return (Name: name, Count: count, Selected: selected, Above: above, Excluded: (count < (subjects.Count * MinimumShare)));
            })
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ToArray();
        var included = groups.Where(g => !g.Excluded).ToArray();
        var bestSelection = included.Length == 0 ? 0 : included.Max(g => (double)g.Selected / g.Count);
        var bestScoring = included.Length == 0 ? 0 : included.Max(g => (double)g.Above / g.Count);
        foreach (var g in groups)
        {
            var selectionRate = (double)g.Selected / g.Count;
            var scoringRate = (double)g.Above / g.Count;
            double? impact = g.Excluded || bestSelection == 0 ? null : selectionRate / bestSelection;
            double? scoringImpact = g.Excluded || bestScoring == 0 ? null : scoringRate / bestScoring;
            yield return new AuditCategory(dimension, g.Name, g.Count, g.Selected, selectionRate, impact, g.Above, scoringRate, scoringImpact, g.Excluded,
                impact < FlagBelow || scoringImpact < FlagBelow);
        }
    }
}
