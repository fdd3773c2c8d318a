using System.Diagnostics;
using System.Text.Json;
using AiFunctions.HrFunctions;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Errors;
using AiFunctions.Providers.Local;
using AiFunctions.Providers.Local.Screening;
using Xunit;
using Xunit.Abstractions;

namespace AiFunctions.Providers.Tests.Local;

[Collection(MiniLmCollection.Name)]
public sealed class LocalResumeScorerTests(MiniLmFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Roles = [SampleData.SoftwareEngineer, SampleData.HrSpecialist, SampleData.Retail, SampleData.FinancialAnalyst];
    private static readonly ResumeScreeningFunction Function = new();

    // The sample data is from March 2024; fixing "Present" keeps the expected numbers stable over time.
    private LocalResumeScorer Scorer() => new(fixture.Encoder, new LocalScoringOptions { PresentDate = new DateOnly(2024, 3, 1) });

    [Fact]
    public void A_matching_resume_ranks_above_a_non_matching_one_for_the_same_requisition()
    {
        var scorer = Scorer();
        var engineer = scorer.Score(SampleData.Input(SampleData.SoftwareEngineer, SampleData.WithName(SampleData.Get(SampleData.SoftwareEngineer).Resumes[0], "Candidate A")));
        var storeManager = scorer.Score(SampleData.Input(SampleData.SoftwareEngineer, SampleData.WithName(SampleData.Get(SampleData.Retail).Resumes[0], "Candidate B")));

        Assert.True(engineer.OverallScore > storeManager.OverallScore + 20, $"engineer {engineer.OverallScore}, store manager {storeManager.OverallScore}");
        Assert.True(engineer.MustHavesMet);
        Assert.False(storeManager.MustHavesMet);
        Assert.True(engineer.Criteria.Single(c => c.CriterionId == "languages").Score > storeManager.Criteria.Single(c => c.CriterionId == "languages").Score);
    }

    /// <summary>
    /// Every sample resume against every role's requisition (4 × 32): each role's own resumes score well above the
    /// others on average, and every assessment passes the function's own validation (verbatim evidence included).
    /// Also logs an informal timing (not a benchmark).
    /// </summary>
    [Fact]
    public void On_the_sample_data_each_roles_resumes_rank_above_the_other_roles_and_every_assessment_validates()
    {
        var scorer = Scorer();
        fixture.Encoder.ClearCache(); // so the first pass below measures scoring with every segment still to be encoded
        var firstPass = new List<double>();
        foreach (var requisition in Roles)
        {
            var own = new List<int>();
            var others = new List<int>();
            foreach (var role in Roles)
            {
                foreach (var template in SampleData.Get(role).Resumes)
                {
                    var input = SampleData.Input(requisition, SampleData.WithName(template, "Alex Morgan"));
                    var stopwatch = Stopwatch.StartNew();
                    var assessment = scorer.Score(input);
                    if (requisition == Roles[0])
                    {
                        firstPass.Add(stopwatch.Elapsed.TotalMilliseconds);
                    }

                    Assert.Empty(Function.Validate(input, assessment));
                    (role == requisition ? own : others).Add(assessment.OverallScore);
                }
            }

            output.WriteLine($"{requisition}: own mean {own.Average():0.0} (min {own.Min()}), others mean {others.Average():0.0} (max {others.Max()})");
            Assert.True(own.Average() > others.Average() + 20, $"{requisition}: own {own.Average()}, others {others.Average()}");
        }

        firstPass.Sort();
        output.WriteLine($"Informal timing on this machine (not a benchmark): MiniLM load {fixture.LoadTime.TotalMilliseconds:0} ms; " +
                         $"scoring a resume with no cached vectors median {firstPass[firstPass.Count / 2]:0} ms, max {firstPass[^1]:0} ms over {firstPass.Count} resumes.");
    }

    [Fact]
    public void Evidence_is_copied_verbatim_from_the_resume()
    {
        var resume = SampleData.WithName(SampleData.Get(SampleData.FinancialAnalyst).Resumes[1], "Sam Lee");
        var assessment = Scorer().Score(SampleData.Input(SampleData.FinancialAnalyst, resume));

        var quotes = assessment.Criteria.SelectMany(c => c.Evidence).ToArray();
        Assert.NotEmpty(quotes);
        Assert.All(quotes, q => Assert.Contains(q, resume, StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_input_gives_the_same_output_and_references_do_not_matter()
    {
        var template = SampleData.Get(SampleData.HrSpecialist).Resumes[2];
        var first = Scorer().Score(SampleData.Input(SampleData.HrSpecialist, SampleData.WithName(template, "Jo Doe"), "candidate-1"));
        var again = Scorer().Score(SampleData.Input(SampleData.HrSpecialist, SampleData.WithName(template, "Jo Doe"), "candidate-99") with { RequisitionId = "other-req" });

        Assert.Equal(Json(first), Json(again));
    }

    /// <summary>
    /// Counterfactual fairness on the Bloomberg sample: the same resume under every first+last name of the White,
    /// Black, Asian and Hispanic groups (men's and women's lists, 800 names) gets an identical assessment, for the
    /// first resume of every role; and under six names per group for every resume of every role.
    /// </summary>
    [Fact]
    public void Scores_are_identical_whatever_name_the_resume_carries()
    {
        var scorer = Scorer();
        string[] groups = ["W", "B", "A", "H"];
        var allNames = groups.SelectMany(g => SampleData.MensNames[g].Concat(SampleData.WomensNames[g])).ToArray();
        var someNames = groups.SelectMany(g => SampleData.MensNames[g].Take(3).Concat(SampleData.WomensNames[g].Take(3))).ToArray();
        Assert.Equal(800, allNames.Length);

        foreach (var role in Roles)
        {
            var resumes = SampleData.Get(role).Resumes;
            for (var index = 0; index < resumes.Count; index++)
            {
                var names = index == 0 ? allNames : someNames;
                var distinct = names.Select(n => Json(scorer.Score(SampleData.Input(role, SampleData.WithName(resumes[index], n))))).Distinct().Count();

                Assert.True(distinct == 1, $"{role}, resume {index}: {distinct} different assessments across {names.Length} names.");
            }
        }
    }

    [Fact]
    public void A_years_requirement_is_compared_with_the_dated_roles()
    {
        var criteria = new[] { new Criterion("java", "5+ years of Java development", CriterionKind.MustHave) };
        const string shortCareer = "Software Developer, Acme Corp, January 2022 - December 2023\n- Built Java services and REST APIs in Java and Spring.";
        const string longCareer = "Software Developer, Acme Corp, January 2012 - December 2023\n- Built Java services and REST APIs in Java and Spring.";

        var junior = Scorer().Score(new ScreeningInput("r", "Java developer", "Java developer", criteria, "c", shortCareer));
        var senior = Scorer().Score(new ScreeningInput("r", "Java developer", "Java developer", criteria, "c", longCareer));

        Assert.False(junior.Criteria[0].Met);
        Assert.False(junior.MustHavesMet);
        Assert.Contains(junior.Concerns, c => c.Contains("5+ years", StringComparison.Ordinal) && c.Contains("about 2 ", StringComparison.Ordinal));
        Assert.True(senior.Criteria[0].Met);
        Assert.True(senior.Criteria[0].Score > junior.Criteria[0].Score);
    }

    [Fact]
    public void Education_dates_do_not_count_as_work_experience()
    {
        var criteria = new[] { new Criterion("exp", "3+ years of accounting experience", CriterionKind.MustHave) };
        const string resume = "Accountant, Numbers Ltd, 2022 - 2023\n- Prepared monthly accounts and reconciliations.\n\nEDUCATION\nBSc Accounting, City University, 2010 - 2019";

        var assessment = Scorer().Score(new ScreeningInput("r", "Accountant", "Accountant", criteria, "c", resume));

        Assert.False(assessment.Criteria[0].Met);
        Assert.Contains(assessment.Concerns, c => c.Contains("about 2 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Contact_details_are_never_used_as_evidence()
    {
        var criteria = new[] { new Criterion("email", "Email marketing campaigns", CriterionKind.NiceToHave) };
        const string resume = "Name: Pat Example\nEmail: pat@example.com\nPhone: 555-123-4567\n\nRan email marketing campaigns for retail clients.";

        var assessment = Scorer().Score(new ScreeningInput("r", "Marketer", "Marketing", criteria, "c", resume));

        Assert.Equal(["Ran email marketing campaigns for retail clients."], assessment.Criteria[0].Evidence);
    }

    [Fact]
    public void A_criterion_without_evidence_is_reported_as_a_concern_and_gates_the_overall_score()
    {
        var criteria = new[]
        {
            new Criterion("nursing", "Registered nurse licence and ICU patient care", CriterionKind.MustHave),
            new Criterion("java", "Programming in Java", CriterionKind.NiceToHave),
        };
        var resume = SampleData.WithName(SampleData.Get(SampleData.SoftwareEngineer).Resumes[0], "Chris Park");

        var assessment = Scorer().Score(new ScreeningInput("r", "ICU nurse", "ICU nurse", criteria, "c", resume));

        Assert.False(assessment.MustHavesMet);
        Assert.True(assessment.OverallScore <= 49);
        Assert.Contains(assessment.Concerns, c => c.StartsWith("No evidence found for 'nursing'", StringComparison.Ordinal));
        Assert.Contains("not a generative model", assessment.Summary, StringComparison.Ordinal);
        Assert.Contains("human reviewer", assessment.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resume_without_line_breaks_gives_short_verbatim_evidence()
    {
        static string Flatten(string resume) =>
            string.Join(' ', SampleData.WithName(resume, "Ari Cohen").Split('\n', StringSplitOptions.RemoveEmptyEntries)).Replace(".", string.Empty, StringComparison.Ordinal);
        var input = SampleData.Input(SampleData.SoftwareEngineer, Flatten(SampleData.Get(SampleData.SoftwareEngineer).Resumes[0]));
        var other = SampleData.Input(SampleData.SoftwareEngineer, Flatten(SampleData.Get(SampleData.Retail).Resumes[0]));

        var assessment = Scorer().Score(input);

        Assert.Empty(Function.Validate(input, assessment));
        var quotes = assessment.Criteria.SelectMany(c => c.Evidence).ToArray();
        Assert.NotEmpty(quotes);
        Assert.All(quotes, q => Assert.InRange(q.Length, 1, LocalResumeScorer.MaxEvidenceLength));
        Assert.True(assessment.OverallScore > Scorer().Score(other).OverallScore + 20);
    }

    [Fact]
    public void An_empty_resume_scores_zero_with_a_concern_per_criterion()
    {
        var input = SampleData.Input(SampleData.Retail, "   \n ");

        var assessment = Scorer().Score(input);

        Assert.Empty(Function.Validate(input, assessment));
        Assert.All(assessment.Criteria, c => Assert.Equal(0, c.Score));
        Assert.Equal(0, assessment.OverallScore);
        Assert.Equal(3, assessment.Concerns.Count(c => c.StartsWith("No evidence found", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_criteria_the_overall_score_is_the_similarity_to_the_job_description()
    {
        var engineer = SampleData.Input(SampleData.SoftwareEngineer, SampleData.WithName(SampleData.Get(SampleData.SoftwareEngineer).Resumes[1], "Dana Ray")) with { Criteria = [] };
        var cashier = engineer with { ResumeText = SampleData.WithName(SampleData.Get(SampleData.Retail).Resumes[1], "Dana Ray") };

        var a = Scorer().Score(engineer);
        var b = Scorer().Score(cashier);

        Assert.Empty(a.Criteria);
        Assert.True(a.MustHavesMet);
        Assert.True(a.OverallScore > b.OverallScore, $"engineer {a.OverallScore}, retail {b.OverallScore}");
        Assert.Contains(a.Concerns, c => c.Contains("no criteria", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_calls_give_the_same_results_as_sequential_ones()
    {
        var scorer = Scorer();
        var inputs = SampleData.Get(SampleData.FinancialAnalyst).Resumes
            .Select((r, i) => SampleData.Input(SampleData.FinancialAnalyst, SampleData.WithName(r, $"Person {i}"), $"c{i}"))
            .ToArray();

        var parallel = await Task.WhenAll(inputs.Select(i => Task.Run(() => scorer.InvokeAsync(i, LocalModels.HrRules, CancellationToken.None))));
        var sequential = inputs.Select(i => scorer.Score(i)).ToArray();

        Assert.Equal(sequential.Select(Json), parallel.Select(Json));
    }

    [Fact]
    public async Task The_native_function_serves_only_the_rules_model()
    {
        var scorer = Scorer();
        var input = SampleData.Input(SampleData.Retail, SampleData.WithName(SampleData.Get(SampleData.Retail).Resumes[0], "Kim Lee"));

        var result = await scorer.InvokeAsync(input, LocalModels.HrRules, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ProviderException>(() => scorer.InvokeAsync(input, LocalModels.MiniLM, CancellationToken.None));

        Assert.Equal(HrFunctionNames.ScreenResume, scorer.FunctionName);
        Assert.Equal(Json(scorer.Score(input)), Json(result));
        Assert.Equal(AiFailureReason.NotSupported, error.Reason);
    }

    private static string Json(ScreeningAssessment assessment) => JsonSerializer.Serialize(assessment);
}
