using System.Globalization;
using System.Text;

namespace AiFunctions.Workflows.Migration;

/// <summary>
/// Builds a <see cref="MigrationReport"/> from a comparison and the thresholds, and renders it as Markdown. Pure. A
/// drafting replay (<paramref name="drafting"/> given) is checked on the shared thresholds that apply to any AI function
/// (pairs, schema-valid, failure and repair rates, latency, cost) and on the drafting checks' pass-rate drops; the
/// screening-only thresholds are listed as not checked, and the drafting ones are not checked for screening.
/// </summary>
public static class MigrationReports
{
    /// <summary>The report kind of a drafting replay.</summary>
    public const string DraftingReplayKind = "drafting-replay";

    public static MigrationReport Build(
        string kind, string subject, string? batchId, string route, string primary, string candidate, DateTimeOffset at, bool complete,
        MigrationComparison comparison, MigrationThresholds thresholds, DraftingReplayComparison? drafting = null, string? incomplete = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(thresholds);
        var p = MigrationOptions.SectionName + ":Thresholds:";
        var c = comparison;
        var d = drafting;
        var checks = new List<ThresholdCheck>
        {
            AtLeast(p + nameof(thresholds.MinPairs), "pairs compared (both sides valid)", thresholds.MinPairs, c.BothValid),
            ScreeningOnly(d, AtLeast(p + nameof(thresholds.MinKendallTau), "Kendall's tau-b of the screening order", thresholds.MinKendallTau, c.KendallTauB)),
            ScreeningOnly(d, AtLeast(p + nameof(thresholds.MinSpearman), "Spearman's rho of the screening order", thresholds.MinSpearman, c.Spearman)),
            ScreeningOnly(d, BatchOnly(c, AtLeast(p + nameof(thresholds.MinShortlistJaccard), "shortlist overlap (Jaccard)", thresholds.MinShortlistJaccard, c.Batch?.ShortlistJaccard))),
            ScreeningOnly(d, AtLeast(p + nameof(thresholds.MinMustHaveAgreement), "must-have gate agreement", thresholds.MinMustHaveAgreement, c.MustHaveAgreement)),
            ScreeningOnly(d, AtMost(p + nameof(thresholds.MaxMeanAbsoluteOverallDifference), "mean absolute overall score difference", thresholds.MaxMeanAbsoluteOverallDifference, c.Overall.MeanAbsoluteDifference)),
            AtLeast(p + nameof(thresholds.MinSchemaValidRate), "candidate schema-valid rate", thresholds.MinSchemaValidRate, c.Candidate.Calls == 0 ? null : c.Candidate.SchemaValidRate),
            AtMost(p + nameof(thresholds.MaxFailureRate), "candidate failure rate", thresholds.MaxFailureRate, c.Candidate.Calls == 0 ? null : c.Candidate.FailureRate),
            AtMost(p + nameof(thresholds.MaxRepairRate), "candidate repair rate", thresholds.MaxRepairRate, c.Candidate.Valid == 0 ? null : c.Candidate.RepairRate),
            ScreeningOnly(d, AtLeast(p + nameof(thresholds.MinEvidenceValidity), "candidate evidence validity", thresholds.MinEvidenceValidity, c.Candidate.Valid == 0 ? null : c.Candidate.EvidenceValidity)),
            ScreeningOnly(d, BatchOnly(c, AtMost(p + nameof(thresholds.MaxImpactRatioDrop), "largest fall of an LL144 selection impact ratio", thresholds.MaxImpactRatioDrop, c.Batch?.LargestImpactRatioDrop,
                c.Batch is { LargestImpactRatioDrop: null } ? "no self-identified categories in the batch: not measured" : null))),
            ScreeningOnly(d, BatchOnly(c, AtMost(p + nameof(thresholds.MaxHeldIncrease), "candidates held beyond the primary's", thresholds.MaxHeldIncrease,
                c.Batch is null ? null : c.Batch.CandidateHeld - c.Batch.PrimaryHeld))),
            AtMost(p + nameof(thresholds.MaxLatencyP95Ms), "candidate p95 latency (ms)", thresholds.MaxLatencyP95Ms, c.Candidate.LatencyP95Ms),
            AtMost(p + nameof(thresholds.MaxCostPerCall), "candidate mean cost per call", (double?)thresholds.MaxCostPerCall,
                c.Candidate.Cost is { } cost && c.Candidate.Calls > 0 ? (double)cost / c.Candidate.Calls : null),
            DraftingOnly(d, AtMost(p + nameof(thresholds.MaxInclusiveLanguagePassRateDrop), "fall of the inclusive-language pass rate (primary − candidate)", thresholds.MaxInclusiveLanguagePassRateDrop,
                Drop(d?.Primary.InclusiveLanguagePassRate, d?.Candidate.InclusiveLanguagePassRate))),
            DraftingOnly(d, AtMost(p + nameof(thresholds.MaxRequiredSectionsPassRateDrop), "fall of the required-sections pass rate (primary − candidate)", thresholds.MaxRequiredSectionsPassRateDrop,
                Drop(d?.Primary.RequiredSectionsPassRate, d?.Candidate.RequiredSectionsPassRate))),
        };

        var failed = checks.Where(k => k.Checked && !k.Passed).ToArray();
        var safe = complete && failed.Length == 0;
        var verdict = !complete
            ? incomplete ?? "Not yet: the replay is still running; the figures are partial."
            : failed.Length == 0
                ? $"Safe to switch: every checked threshold passed over {c.BothValid} compared pairs."
                : $"Not safe to switch: {failed.Length} threshold(s) failed ({string.Join(", ", failed.Select(f => f.Setting[p.Length..]))}).";
        IReadOnlyList<string> steps =
        [
            $"Switch: make {candidate} the first target of route '{route}' in one recorded change: PUT /api/manage/routes/{route} (a new route version with who and why; docs/management.md), or where the host has no management API the configuration change AiFunctions__Routes__{route}__Targets__0__Provider / __Model and a restart.",
            $"Rollback: POST /api/manage/routes/{route}/rollback to the previous version (or restore the previous configuration values: {primary}); results already stored keep their provenance.",
            $"Keep the shadow on for a while after the switch with the old primary as AiFunctions:Routes:{route}:Shadow:Target, so the comparison continues on live traffic.",
        ];
        return new MigrationReport(kind, subject, batchId, route, primary, candidate, at, complete, comparison, checks, safe, verdict, steps, drafting);
    }

    /// <summary>Thresholds about screening scores, ranks, evidence and holds: not checked for a drafting replay.</summary>
    private static ThresholdCheck ScreeningOnly(DraftingReplayComparison? drafting, ThresholdCheck check) =>
        drafting is null ? check : check with { Checked = false, Passed = true, Note = "applies to screening only: not checked for a drafting replay" };

    /// <summary>The drafting checks' thresholds: checked for drafting replays only.</summary>
    private static ThresholdCheck DraftingOnly(DraftingReplayComparison? drafting, ThresholdCheck check) =>
        drafting is not null ? check : check with { Checked = false, Passed = true, Note = "applies to drafting replays only: not checked here" };

    private static double? Drop(double? primary, double? candidate) => primary is { } p && candidate is { } c ? p - c : null;

    /// <summary>Shortlist, hold and impact-ratio thresholds apply to batches (replays) only: not checked for shadow pairs.</summary>
    private static ThresholdCheck BatchOnly(MigrationComparison comparison, ThresholdCheck check) =>
        comparison.Batch is null ? check with { Checked = false, Passed = true, Note = "applies to replays of a batch only: not checked for shadow pairs" } : check;

    private static ThresholdCheck AtLeast(string setting, string measure, double? limit, double? measured, string? note = null) =>
        Check(setting, measure, "≥", limit, measured, note, (m, l) => m >= l);

    private static ThresholdCheck AtMost(string setting, string measure, double? limit, double? measured, string? note = null) =>
        Check(setting, measure, "≤", limit, measured, note, (m, l) => m <= l);

    private static ThresholdCheck Check(string setting, string measure, string op, double? limit, double? measured, string? note, Func<double, double, bool> passes)
    {
        if (limit is not { } l)
        {
            return new ThresholdCheck(setting, measure, op, null, measured, false, true, "not configured: not checked");
        }

        return measured is { } m
            ? new ThresholdCheck(setting, measure, op, l, m, true, passes(Math.Round(m, 9), l), note)
            : new ThresholdCheck(setting, measure, op, l, null, true, false, note ?? "not measurable from this comparison");
    }

    /// <summary>The report as Markdown: verdict, thresholds, both sides' figures, score differences, batch figures, switch and rollback.</summary>
    public static string ToMarkdown(MigrationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = report.Comparison;
        var md = new StringBuilder();
        md.Append("# Migration report: ").Append(report.Primary).Append(" → ").Append(report.Candidate).Append("\n\n");
        md.Append("- ").Append(report.Kind switch
            {
                "replay" => $"Replay `{report.Subject}` of batch `{report.BatchId}`, route `{report.Route}`",
                DraftingReplayKind => $"Drafting replay `{report.Subject}` of {report.Drafting?.Drafts ?? 0} stored draft versions, route `{report.Route}`",
                _ => $"Shadow pairs of route `{report.Route}`",
            })
            .Append(", generated ").Append(report.GeneratedAt.ToString("u", CultureInfo.InvariantCulture)).Append('\n');
        md.Append("- Pairs: ").Append(c.Pairs).Append(" (both valid: ").Append(c.BothValid).Append(")").Append(report.Complete ? string.Empty : " — **incomplete**").Append('\n');
        md.Append("- **Verdict: ").Append(report.Verdict).Append("**\n\n");

        md.Append("## Thresholds\n\n| setting | measure | limit | measured | result |\n| --- | --- | --- | --- | --- |\n");
        foreach (var k in report.Checks)
        {
            md.Append("| `").Append(k.Setting).Append("` | ").Append(k.Measure).Append(" | ")
                .Append(k.Limit is { } l ? k.Operator + " " + F(l) : "—").Append(" | ").Append(F(k.Measured)).Append(" | ")
                .Append(!k.Checked ? "not checked" : k.Passed ? "pass" : "**fail**")
                .Append(k.Note is null || k.Limit is null ? string.Empty : " (" + k.Note + ")").Append(" |\n");
        }

        md.Append("\n## Each side\n\n| figure | primary | candidate |\n| --- | --- | --- |\n");
        Row(md, "calls", c.Primary.Calls, c.Candidate.Calls);
        Row(md, "valid / invalid / failed", $"{c.Primary.Valid} / {c.Primary.Invalid} / {c.Primary.Failed}", $"{c.Candidate.Valid} / {c.Candidate.Invalid} / {c.Candidate.Failed}");
        Row(md, "schema-valid rate", F(c.Primary.SchemaValidRate), F(c.Candidate.SchemaValidRate));
        Row(md, "repair rate", F(c.Primary.RepairRate), F(c.Candidate.RepairRate));
        Row(md, "failure rate", F(c.Primary.FailureRate), F(c.Candidate.FailureRate));
        Row(md, "evidence validity", F(c.Primary.EvidenceValidity), F(c.Candidate.EvidenceValidity));
        Row(md, "held", c.Primary.Held, c.Candidate.Held);
        Row(md, "failure reasons", Reasons(c.Primary.FailureReasons), Reasons(c.Candidate.FailureReasons));
        Row(md, "latency p50 / p95 (ms)", $"{F(c.Primary.LatencyP50Ms)} / {F(c.Primary.LatencyP95Ms)}", $"{F(c.Candidate.LatencyP50Ms)} / {F(c.Candidate.LatencyP95Ms)}");
        Row(md, "tokens", c.Primary.Tokens?.ToString(CultureInfo.InvariantCulture) ?? "not recorded", c.Candidate.Tokens?.ToString(CultureInfo.InvariantCulture) ?? "not recorded");
        Row(md, "cost", c.Primary.Cost?.ToString("0.######", CultureInfo.InvariantCulture) ?? "not recorded", c.Candidate.Cost?.ToString("0.######", CultureInfo.InvariantCulture) ?? "not recorded");

        if (report.Drafting is { } dr)
        {
            md.Append("\n## Drafting checks (pass rates over all replayed drafts)\n\n| figure | primary | candidate |\n| --- | --- | --- |\n");
            Row(md, "target", dr.Primary.Target, dr.Candidate.Target);
            Row(md, "drafts / valid / failed", $"{dr.Primary.Drafts} / {dr.Primary.Valid} / {dr.Primary.Failed}", $"{dr.Candidate.Drafts} / {dr.Candidate.Valid} / {dr.Candidate.Failed}");
            Row(md, "inclusive language passed", $"{dr.Primary.InclusiveLanguagePassed} ({F(dr.Primary.InclusiveLanguagePassRate)})", $"{dr.Candidate.InclusiveLanguagePassed} ({F(dr.Candidate.InclusiveLanguagePassRate)})");
            Row(md, "required sections passed", $"{dr.Primary.RequiredSectionsPassed} ({F(dr.Primary.RequiredSectionsPassRate)})", $"{dr.Candidate.RequiredSectionsPassed} ({F(dr.Candidate.RequiredSectionsPassRate)})");
            Row(md, "both passed", $"{dr.Primary.BothPassed} ({F(dr.Primary.BothPassRate)})", $"{dr.Candidate.BothPassed} ({F(dr.Candidate.BothPassRate)})");
            md.Append("\n- Agreement of the verdicts (drafts both sides produced): inclusive language ").Append(F(dr.InclusiveLanguageAgreement))
                .Append(", required sections ").Append(F(dr.RequiredSectionsAgreement)).Append('\n');
            md.Append("- Not replayed: ").Append(dr.NotFound).Append(" ids no longer stored, ").Append(dr.WithoutRequest).Append(" versions stored without their request\n");
            AppendSwitch(md, report);
            return md.ToString();
        }

        md.Append("\n## Agreement (candidate − primary, both-valid pairs)\n\n| score | pairs | mean difference | mean absolute difference | max absolute difference |\n| --- | --- | --- | --- | --- |\n");
        foreach (var d in new[] { c.Overall }.Concat(c.Criteria))
        {
            md.Append("| ").Append(d.Key).Append(" | ").Append(d.Pairs).Append(" | ").Append(F(d.MeanDifference)).Append(" | ")
                .Append(F(d.MeanAbsoluteDifference)).Append(" | ").Append(F(d.MaxAbsoluteDifference)).Append(" |\n");
        }

        md.Append("\n- Must-have gate agreement: ").Append(F(c.MustHaveAgreement)).Append("; criterion \"met\" agreement: ").Append(F(c.CriterionMetAgreement)).Append('\n');
        md.Append("- Kendall's tau-b: ").Append(F(c.KendallTauB)).Append("; Spearman's rho: ").Append(F(c.Spearman)).Append('\n');
        if (c.Batch is { } b)
        {
            md.Append("- Shortlist: primary ").Append(b.PrimaryShortlist).Append(", candidate ").Append(b.CandidateShortlist).Append(", in both ")
                .Append(b.ShortlistCommon).Append(" (Jaccard ").Append(F(b.ShortlistJaccard)).Append(")\n");
            md.Append("- Held: primary ").Append(b.PrimaryHeld).Append(", candidate ").Append(b.CandidateHeld).Append('\n');
            if (b.ImpactRatios.Count > 0)
            {
                md.Append("\n## NYC LL144 selection impact ratios\n\n| dimension | category | count | primary | candidate | change |\n| --- | --- | --- | --- | --- | --- |\n");
                foreach (var r in b.ImpactRatios)
                {
                    md.Append("| ").Append(r.Dimension).Append(" | ").Append(r.Category).Append(" | ").Append(r.Count).Append(" | ")
                        .Append(F(r.Primary)).Append(" | ").Append(F(r.Candidate)).Append(" | ").Append(F(r.Change)).Append(" |\n");
                }

                md.Append("\nFlagged categories (an impact ratio under 0.8): primary ").Append(b.PrimaryFlagged).Append(", candidate ").Append(b.CandidateFlagged).Append(".\n");
            }
        }

        AppendSwitch(md, report);
        return md.ToString();

        static void AppendSwitch(StringBuilder md, MigrationReport report)
        {
            md.Append("\n## Switch and rollback\n\n");
            foreach (var step in report.Switch)
            {
                md.Append("- ").Append(step).Append('\n');
            }
        }

        static void Row(StringBuilder md, string name, object primary, object candidate) =>
            md.Append("| ").Append(name).Append(" | ").Append(primary).Append(" | ").Append(candidate).Append(" |\n");

        static string Reasons(IReadOnlyDictionary<string, int> reasons) =>
            reasons.Count == 0 ? "none" : string.Join(", ", reasons.Select(r => $"{r.Key} {r.Value}"));
    }

    private static string F(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";
}
