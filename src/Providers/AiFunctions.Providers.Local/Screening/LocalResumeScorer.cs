using System.Globalization;
using AiFunctions.HrFunctions;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Functions;
using AiFunctions.Providers.Local.Embeddings;

namespace AiFunctions.Providers.Local.Screening;

/// <summary>
/// The Local plugin's native <c>hr.screen-resume</c>: a deterministic similarity-and-rules score, not a generative
/// model's judgement. For each criterion:
/// <list type="number">
/// <item><b>Similarity</b> <c>sim</c>: the highest cosine similarity (all-MiniLM-L6-v2) between the criterion text and
/// any resume segment of at least <see cref="MinWordsForSimilarity"/> words (contact-detail lines excluded), mapped
/// linearly from [<see cref="SimilarityFloor"/>, <see cref="SimilarityCeiling"/>] to [0, 1].</item>
/// <item><b>Terms</b> <c>terms</c>: the share of the criterion's content terms (skills, tools, domain words) found in
/// the resume.</item>
/// <item><b>Years</b> <c>years</c>: when the criterion asks for "N+ years", min(1, shown / N), where shown comes from the
/// resume's dated roles (<see cref="ExperienceYears"/>); 0 when the resume shows none.</item>
/// </list>
/// Score = round(100 × weighted sum): without a years requirement 0.6·sim + 0.4·terms (sim alone if the criterion has
/// no content terms); with one 0.4·sim + 0.2·terms + 0.4·years (0.6·sim + 0.4·years without terms).
/// <b>Qualifiers</b> (<see cref="RequirementQualifiers"/>): what narrows a criterion's topic — a country, jurisdiction or
/// language, a named certification, a named technology — must be in the resume too ("UK employment law" does not meet
/// "German employment law"); when one is missing the score is capped at <see cref="QualifierMissCap"/> and the rationale
/// says which and what the resume names instead; a named certification found verbatim scores at least
/// <see cref="MetThreshold"/>.
/// Met = score ≥ <see cref="MetThreshold"/>, every qualifier present and, for a years requirement, shown ≥ N. The must-have gate holds when every
/// must-have is Met. Overall = the weight-averaged criterion score, capped at 49 when the gate fails (so an overall
/// of 50 or more always means the must-haves are met). Evidence = up to three resume segments copied verbatim: the
/// most similar one(s) and the one with most terms. With no criteria, overall is the resume's similarity to the job
/// description. Nothing but the resume text, the job description and the criteria is an input (no name or other
/// personal detail), and each text is embedded on its own, so the same input always gives the same output.
/// </summary>
public sealed class LocalResumeScorer : INativeAiFunction<ScreeningInput, ScreeningAssessment>
{
    public const int MinWordsForSimilarity = 3;
    public const double SimilarityFloor = 0.20;
    public const double SimilarityCeiling = 0.65;
    public const int MetThreshold = 60;

    /// <summary>Longest evidence quote, in characters (long sentences are cut at spaces before scoring).</summary>
    public const int MaxEvidenceLength = ResumeSegmenter.MaxSegmentLength;

    public const int NoEvidenceBelow = 35;

    /// <summary>Highest score of a criterion whose qualifiers (country, jurisdiction, language, certification, technology) the resume lacks.</summary>
    public const int QualifierMissCap = 40;
    private const double EvidenceSimilarity = 0.35;
    private const int MaxEvidence = 3;

    private readonly MiniLmEncoder _encoder;
    private readonly LocalScoringOptions _options;
    private readonly string _instance;

    public LocalResumeScorer(MiniLmEncoder encoder, LocalScoringOptions? options = null, string instance = LocalProviderPlugin.PluginId)
    {
        _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        _options = options ?? new LocalScoringOptions();
        _instance = instance;
    }

    public string FunctionName => HrFunctionNames.ScreenResume;

    public Task<ScreeningAssessment> InvokeAsync(ScreeningInput input, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        LocalModels.EnsureRulesModel(FunctionName, model, _instance, "screening");

        return Task.FromResult(Score(input, cancellationToken));
    }

    /// <summary>Scores synchronously (the work is CPU-bound and in process).</summary>
    public ScreeningAssessment Score(ScreeningInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var segments = ResumeSegmenter.Split(input.ResumeText);
        var scored = segments.Where(s => !s.IsContactDetail && s.WordCount >= MinWordsForSimilarity).ToArray();
        var vectors = scored.Select(s => _encoder.Encode(s.Clean, cancellationToken)).ToArray();
        var resumeTokens = RequirementTerms.TokenSet(string.Join(' ', segments.Where(s => !s.IsContactDetail).Select(s => s.Clean)));
        var years = ExperienceYears.FromResume(segments, _options.Today);
        var qualifierTokens = RequirementQualifiers.Tokens(string.Join('\n', segments.Where(s => !s.IsContactDetail).Select(s => s.Clean)));

        var assessments = new List<CriterionAssessment>(input.Criteria.Count);
        var concerns = new List<string>();
        foreach (var criterion in input.Criteria)
        {
            cancellationToken.ThrowIfCancellationRequested();
            assessments.Add(Assess(criterion, segments, scored, vectors, resumeTokens, qualifierTokens, years, concerns, cancellationToken));
        }

        var mustHaves = input.Criteria.Where(c => c.Kind == CriterionKind.MustHave).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var gate = assessments.Where(a => mustHaves.Contains(a.CriterionId)).All(a => a.Met);
        int overall;
        if (input.Criteria.Count == 0)
        {
            var jd = _encoder.Encode(input.JobDescription, cancellationToken);
            overall = ToScore(Scale(vectors.Select(v => (double)MiniLmEncoder.Cosine(jd, v)).DefaultIfEmpty(0).Max()));
            concerns.Add("The requisition has no criteria: the overall score is only the resume's similarity to the job description.");
        }
        else
        {
            overall = WeightedOverall(input.Criteria, assessments);
            if (!gate)
            {
                overall = Math.Min(overall, 49);
                concerns.Add($"Must-have criteria not met: {string.Join(", ", assessments.Where(a => mustHaves.Contains(a.CriterionId) && !a.Met).Select(a => a.CriterionId))}; overall capped at 49.");
            }
        }

        var met = assessments.Count(a => a.Met);
        var summary =
            $"Deterministic similarity score from the Local provider ({LocalModels.HrRules}: {LocalModels.MiniLM} similarity and requirement matching), " +
            $"not a generative model's judgement; a recommendation for a human reviewer. {met} of {assessments.Count} criteria met; " +
            $"must-haves {(gate ? "met" : "not met")}; overall {overall}/100.";
        return new ScreeningAssessment(assessments, gate, overall, concerns, summary);
    }

    private CriterionAssessment Assess(
        Criterion criterion,
        IReadOnlyList<ResumeSegment> segments,
        ResumeSegment[] scored,
        float[][] vectors,
        HashSet<string> resumeTokens,
        IReadOnlyList<string> qualifierTokens,
        (double Years, string Basis)? years,
        List<string> concerns,
        CancellationToken cancellationToken)
    {
        var criterionVector = _encoder.Encode(criterion.Text, cancellationToken);
        var similarities = vectors.Select(v => (double)MiniLmEncoder.Cosine(criterionVector, v)).ToArray();
        var bestSimilarity = similarities.DefaultIfEmpty(0).Max();
        var sim = Scale(bestSimilarity);

        var terms = RequirementTerms.Extract(criterion.Text);
        var found = terms.Where(t => resumeTokens.Contains(t.Stem)).ToArray();
        var termShare = terms.Count == 0 ? 0 : (double)found.Length / terms.Count;

        var requiredYears = ExperienceYears.Required(criterion.Text);
        double combined;
        if (requiredYears is { } required && required > 0)
        {
            var yearsShare = years is { } y ? Math.Min(1, y.Years / required) : 0;
            combined = terms.Count == 0 ? (0.6 * sim) + (0.4 * yearsShare) : (0.4 * sim) + (0.2 * termShare) + (0.4 * yearsShare);
        }
        else
        {
            combined = terms.Count == 0 ? sim : (0.6 * sim) + (0.4 * termShare);
        }

        var score = ToScore(combined);
        var (qualifiers, missing) = CheckQualifiers(criterion.Text, qualifierTokens);
        if (missing.Count > 0)
        {
            // The topic may match, but not what narrows it (another country's law, another certification level,
            // another language or technology): not met, whatever the similarity.
            score = Math.Min(score, QualifierMissCap);
        }
        else if (qualifiers.Any(q => q.Kind == QualifierKind.Certification))
        {
            // A named certification found verbatim is exact evidence, even on a short "Certifications:" line.
            score = Math.Max(score, MetThreshold);
        }

        var yearsOk = requiredYears is not { } n || n <= 0 || (years is { } shown && shown.Years >= n);
        var met = score >= MetThreshold && yearsOk && missing.Count == 0;
        var evidence = Evidence(segments, scored, similarities, [.. found.Select(t => t.Stem)]);

        if (evidence.Count == 0)
        {
            concerns.Add($"No evidence found for '{criterion.Id}' ({criterion.Text}).");
        }
        else if (score < NoEvidenceBelow && missing.Count == 0)
        {
            concerns.Add($"Only weak evidence for '{criterion.Id}' ({criterion.Text}): the closest resume lines are quoted, but they do not clearly show it.");
        }

        var qualifierNote = string.Empty;
        if (missing.Count > 0)
        {
            var instead = missing.Select(m => m.Kind).Distinct()
                .SelectMany(k => RequirementQualifiers.Named(string.Join(' ', qualifierTokens), k))
                .Where(q => !qualifiers.Contains(q))
                .Select(q => q.Name)
                .Distinct()
                .Take(3)
                .ToList();
            var shows = instead.Count > 0 ? $"the resume names {string.Join(", ", instead)} instead" : "the resume does not name it";
            qualifierNote = $"; requires {string.Join(", ", missing.Select(m => m.Name))} ({Describe(missing[0].Kind)}), which {shows}, so the criterion is not met on topic alone";
            concerns.Add($"'{criterion.Id}' requires {string.Join(", ", missing.Select(m => m.Name))}; {shows}.");
        }

        if (requiredYears is { } asked && asked > 0)
        {
            if (years is null)
            {
                concerns.Add($"'{criterion.Id}' asks for {asked}+ years, but the resume has no dated roles or stated years of experience; check by hand.");
            }
            else if (years.Value.Years < asked)
            {
                concerns.Add($"'{criterion.Id}' asks for {asked}+ years; the resume shows about {Format(years.Value.Years)} ({years.Value.Basis}).");
            }
        }

        var rationale =
            $"Best-matching line similarity {Format(bestSimilarity)} (scaled {Format(sim)}); " +
            (terms.Count == 0 ? "no specific terms to match" : $"{found.Length} of {terms.Count} requirement terms found ({Listed(found, terms)})") +
            (requiredYears is { } r && r > 0 ? $"; {(years is { } ys ? Format(ys.Years) + " years from " + ys.Basis : "no years shown")} vs {r}+ required" : string.Empty) +
            qualifierNote +
            $". Score {score} by the documented rule formula; met at {MetThreshold}.";
        return new CriterionAssessment(criterion.Id, score, met, evidence, rationale);
    }

    /// <summary>
    /// The criterion's qualifiers and those the resume lacks: per kind every one, or any one when the criterion offers
    /// alternatives ("or", "/").
    /// </summary>
    private static (IReadOnlyList<Qualifier> Named, List<Qualifier> Missing) CheckQualifiers(string criterion, IReadOnlyList<string> resumeTokens)
    {
        var named = RequirementQualifiers.In(criterion);
        var anyOf = RequirementQualifiers.AnyOf(criterion);
        var missing = new List<Qualifier>();
        foreach (var kind in named.GroupBy(q => q.Kind))
        {
            var absent = kind.Where(q => !RequirementQualifiers.IsIn(q, resumeTokens)).ToList();
            if (anyOf ? absent.Count == kind.Count() : absent.Count > 0)
            {
                missing.AddRange(absent);
            }
        }

        return (named, missing);
    }

    private static string Describe(QualifierKind kind) => kind switch
    {
        QualifierKind.PlaceOrLanguage => "a country, jurisdiction or language",
        QualifierKind.Certification => "a named certification",
        _ => "a named technology",
    };

    /// <summary>The most similar segment(s) above <see cref="EvidenceSimilarity"/> and the segment with most found terms.</summary>
    private static List<string> Evidence(IReadOnlyList<ResumeSegment> segments, ResumeSegment[] scored, double[] similarities, string[] found)
    {
        var ranked = Enumerable.Range(0, scored.Length)
            .Where(i => similarities[i] >= EvidenceSimilarity)
            .OrderByDescending(i => similarities[i])
            .ThenBy(i => scored[i].Start)
            .Select(i => scored[i])
            .ToList();

        var byTerms = found.Length == 0
            ? null
            : segments
                .Where(s => !s.IsContactDetail)
                .Select(s => (Segment: s, Hits: found.Count(RequirementTerms.TokenSet(s.Clean).Contains)))
                .Where(x => x.Hits > 0)
                .OrderBy(x => x.Segment.IsEducation)
                .ThenByDescending(x => x.Hits)
                .ThenBy(x => x.Segment.Start)
                .Select(x => x.Segment)
                .FirstOrDefault();

        var picked = new List<ResumeSegment>(MaxEvidence);
        if (ranked.Count > 0)
        {
            picked.Add(ranked[0]);
        }

        if (byTerms is not null && !picked.Contains(byTerms))
        {
            picked.Add(byTerms);
        }

        picked.AddRange(ranked.Skip(1).Where(s => !picked.Contains(s)).Take(MaxEvidence - picked.Count));
        return picked.Select(s => s.Text).ToList();
    }

    private static string Listed((string Word, string Stem)[] found, IReadOnlyList<(string Word, string Stem)> terms)
    {
        var missing = terms.Except(found).ToArray();
        var parts = new List<string>(2);
        if (found.Length > 0)
        {
            parts.Add("found: " + string.Join(", ", found.Select(t => t.Word)));
        }

        if (missing.Length > 0)
        {
            parts.Add("missing: " + string.Join(", ", missing.Select(t => t.Word)));
        }

        return string.Join("; ", parts);
    }

    private static int WeightedOverall(IReadOnlyList<Criterion> criteria, List<CriterionAssessment> assessments)
    {
        var weights = criteria.Select(c => double.IsFinite(c.Weight) && c.Weight > 0 ? c.Weight : 0).ToArray();
        var total = weights.Sum();
        if (total <= 0)
        {
            weights = [.. weights.Select(_ => 1.0)];
            total = weights.Length;
        }

        var sum = 0.0;
        for (var i = 0; i < criteria.Count; i++)
        {
            sum += weights[i] * assessments[i].Score;
        }

        return (int)Math.Round(sum / total, MidpointRounding.AwayFromZero);
    }

    private static double Scale(double similarity) =>
        Math.Clamp((similarity - SimilarityFloor) / (SimilarityCeiling - SimilarityFloor), 0, 1);

    private static int ToScore(double share) => (int)Math.Round(100 * Math.Clamp(share, 0, 1), MidpointRounding.AwayFromZero);

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
