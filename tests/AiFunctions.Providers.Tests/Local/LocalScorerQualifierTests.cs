using AiFunctions.HrFunctions.Screening;
using AiFunctions.Providers.Local;
using AiFunctions.Providers.Local.Screening;
using Xunit;

namespace AiFunctions.Providers.Tests.Local;

/// <summary>
/// The local scorer's qualifiers: a must-have that names a country, jurisdiction, language, certification or technology
/// is met only when the resume names it too — near-miss pairs (same topic, different qualifier) across every kind —
/// and its rationale and concerns never contradict its evidence.
/// </summary>
[Collection(MiniLmCollection.Name)]
public sealed class LocalScorerQualifierTests(MiniLmFixture fixture)
{
    /// <summary>Criterion, the qualifier it names, a resume line that has it, and a near miss with another qualifier.</summary>
    public static TheoryData<string, string, string, string> NearMisses => new()
    {
        // Countries and jurisdictions
        { "German employment law", "Germany", "Advised employers on German employment law, works councils and dismissals.", "Advised employers on UK employment law, tribunals and dismissals." },
        { "California employment law compliance", "California", "Ran California employment law compliance for 3,000 staff.", "Ran Texas employment law compliance for 3,000 staff." },
        { "Payroll for Canadian employees", "Canada", "Processed payroll for Canadian employees across four provinces.", "Processed payroll for Australian employees across four states." },
        { "EU data protection compliance", "EU", "Led EU data protection compliance and GDPR audits.", "Led Brazilian data protection compliance and LGPD audits." },
        { "US tax filings for subsidiaries", "US", "Prepared US tax filings for subsidiaries in twelve states.", "Prepared Indian tax filings for subsidiaries in twelve states." },
        // Languages
        { "Fluent Mandarin", "China", "Languages: fluent Mandarin, English.", "Languages: fluent Japanese, English." },
        { "Native-level French for client calls", "France", "Native-level French; ran client calls with Paris offices.", "Native-level Spanish; ran client calls with Madrid offices." },
        { "Business German (C1)", "Germany", "Languages: business German (C1), English (native).", "Languages: business Dutch (C1), English (native)." },
        // Certifications
        { "SHRM-SCP certification", "SHRM-SCP", "Certifications: SHRM-SCP (2021).", "Certifications: SHRM-CP (2021)." },
        { "PMP certification", "PMP", "Certifications: PMP, Agile practitioner.", "Certifications: PRINCE2, Agile practitioner." },
        { "CPA licence", "CPA", "Licensed CPA, audit and assurance.", "CFA charterholder, audit and assurance." },
        { "CISSP certified security engineer", "CISSP", "CISSP certified security engineer since 2019.", "CISM certified security engineer since 2019." },
        // Technologies
        { "Java backend development", "Java", "Five years of Java backend development with microservices.", "Five years of JavaScript backend development with microservices." },
        { "PostgreSQL database administration", "PostgreSQL", "PostgreSQL database administration, replication and tuning.", "SQL Server database administration, replication and tuning." },
        { "Kubernetes cluster operations", "Kubernetes", "Kubernetes cluster operations for 40 production services.", "Docker Swarm cluster operations for 40 production services." },
        { "React front-end development", "React", "React front-end development of customer dashboards.", "Angular front-end development of customer dashboards." },
        { "AWS cloud infrastructure", "AWS", "Built AWS cloud infrastructure with infrastructure as code.", "Built Azure cloud infrastructure with infrastructure as code." },
        { "Tableau dashboards for finance", "Tableau", "Built Tableau dashboards for finance leadership.", "Built Power BI dashboards for finance leadership." },
        // Qualifiers joined to another word by a hyphen ("Spanish-speaking", "US-based", "AWS-certified", "New York-based")
        { "Spanish-speaking customer support", "Spain", "Spanish-speaking customer support lead for the Madrid office.", "Portuguese-speaking customer support lead for the Lisbon office." },
        { "US-based payroll administration", "US", "US-based payroll administration for 2,000 employees.", "UK-based payroll administration for 2,000 employees." },
        { "AWS-certified solutions architect", "AWS", "AWS-certified solutions architect for migration programmes.", "Azure-certified solutions architect for migration programmes." },
        { "New York-based employment law counsel", "New York", "New York-based employment law counsel to retailers.", "California-based employment law counsel to retailers." },
        { "PMP-certified programme manager", "PMP", "PMP-certified programme manager for ERP roll-outs.", "PRINCE2-certified programme manager for ERP roll-outs." },
        // Plain pairs of the same kinds
        { "California employment law advice", "California", "Gave California employment law advice to store managers.", "Gave New York employment law advice to store managers." },
        { "Fluent Spanish for candidate interviews", "Spain", "Fluent Spanish; ran candidate interviews across Latin America.", "Fluent Portuguese; ran candidate interviews across Latin America." },
    };

    private LocalResumeScorer Scorer() => new(fixture.Encoder, new LocalScoringOptions { PresentDate = new DateOnly(2024, 3, 1) });

    private static ScreeningInput Input(string criterion, string line) => new(
        "req-1", "Specialist", "Specialist role.", [new Criterion("must", criterion, CriterionKind.MustHave)], "c-1",
        $"Experience\nSpecialist, Example Corp (2016 - 2024)\n{line}\nEducation\nBachelor of Arts, 2015");

    [Theory]
    [MemberData(nameof(NearMisses))]
    public void A_near_miss_on_the_qualifier_does_not_meet_the_must_have_and_says_why(string criterion, string qualifier, string match, string nearMiss)
    {
        var scorer = Scorer();
        var good = scorer.Score(Input(criterion, match));
        var miss = scorer.Score(Input(criterion, nearMiss));
        var missed = Assert.Single(miss.Criteria);

        Assert.False(missed.Met, $"'{nearMiss}' met '{criterion}' (score {missed.Score}).");
        Assert.False(miss.MustHavesMet);
        Assert.True(missed.Score <= LocalResumeScorer.QualifierMissCap, $"score {missed.Score}");
        Assert.Contains($"requires {qualifier}", missed.Rationale, StringComparison.Ordinal);
        Assert.Contains(miss.Concerns, c => c.Contains($"requires {qualifier}", StringComparison.Ordinal));

        var kept = Assert.Single(good.Criteria);
        Assert.DoesNotContain("requires ", kept.Rationale, StringComparison.Ordinal);
        Assert.True(kept.Score > missed.Score, $"match {kept.Score} vs near miss {missed.Score}");
    }

    [Fact]
    public void The_matching_side_of_every_pair_meets_the_must_have_when_the_line_says_it_plainly()
    {
        var scorer = Scorer();
        var unmet = NearMisses.Select(row => (Criterion: (string)row[0], Match: (string)row[2]))
            .Select(p => (p.Criterion, Assessment: Assert.Single(scorer.Score(Input(p.Criterion, p.Match)).Criteria)))
            .Where(p => !p.Assessment.Met)
            .Select(p => $"{p.Criterion}: {p.Assessment.Score} ({p.Assessment.Rationale})")
            .ToList();

        Assert.True(unmet.Count == 0, "Plain matches not met:\n" + string.Join("\n", unmet));
    }

    [Fact]
    public void The_near_miss_names_what_the_resume_shows_instead()
    {
        var assessment = Scorer().Score(Input("German employment law", "Advised employers on UK employment law, tribunals and dismissals."));

        Assert.Contains("the resume names UK instead", Assert.Single(assessment.Criteria).Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Alternatives_are_met_by_any_one_of_them()
    {
        var scorer = Scorer();
        var one = Assert.Single(scorer.Score(Input("Backend development in Java or Kotlin", "Backend development in Kotlin for payment services.")).Criteria);
        var none = Assert.Single(scorer.Score(Input("Backend development in Java or Kotlin", "Backend development in Python for payment services.")).Criteria);

        Assert.DoesNotContain("requires ", one.Rationale, StringComparison.Ordinal);
        Assert.False(none.Met);
        Assert.Contains("requires Java, Kotlin", none.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certification_found_verbatim_is_met_and_never_reported_as_without_evidence()
    {
        var assessment = Scorer().Score(Input("SHRM-CP certification", "Certifications: SHRM-CP"));
        var cert = Assert.Single(assessment.Criteria);

        Assert.True(cert.Met, cert.Rationale);
        Assert.Contains(cert.Evidence, e => e.Contains("SHRM-CP", StringComparison.Ordinal));
        Assert.DoesNotContain(assessment.Concerns, c => c.Contains("No evidence", StringComparison.Ordinal));
    }

    /// <summary>On the whole sample (4 requisitions × 32 resumes): "no evidence" is said only of criteria with no evidence.</summary>
    [Fact]
    public void Concerns_never_say_no_evidence_for_a_criterion_that_quotes_evidence()
    {
        var scorer = Scorer();
        foreach (var role in new[] { SampleData.SoftwareEngineer, SampleData.HrSpecialist, SampleData.Retail, SampleData.FinancialAnalyst })
        {
            foreach (var template in SampleData.Get(role).Resumes)
            {
                var assessment = scorer.Score(SampleData.Input(role, SampleData.WithName(template, "Alex Morgan")));
                foreach (var criterion in assessment.Criteria.Where(c => c.Evidence.Count > 0))
                {
                    Assert.DoesNotContain(assessment.Concerns, c => c.StartsWith($"No evidence found for '{criterion.CriterionId}'", StringComparison.Ordinal));
                }
            }
        }
    }
}
