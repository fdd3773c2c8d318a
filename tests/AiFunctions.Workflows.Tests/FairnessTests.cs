using AiFunctions.HrFunctions.Screening;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Screening.Activities;
using AiFunctions.Workflows.Storage;
using AiFunctions.Workflows.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Xunit;

namespace AiFunctions.Workflows.Tests;

/// <summary>
/// Counterfactual fairness on data/bloomberg-hiring: the same resume under names from different demographic groups
/// (White, Black, Asian, Hispanic; men and women) must get identical assessments through the whole activity path
/// (sanitise → name-blind → redact → kernel → Local provider → stored result).
/// </summary>
public sealed class FairnessTests
{
    private static readonly Dictionary<string, Criterion[]> CriteriaByRole = new()
    {
        ["software engineer"] = [new("dev", "Professional software development experience", CriterionKind.MustHave), new("python", "Python", CriterionKind.NiceToHave), new("lead", "Leading a team of engineers", CriterionKind.NiceToHave)],
        ["HR specialist"] = [new("hr", "Human resources experience", CriterionKind.MustHave), new("recruit", "Recruiting and onboarding", CriterionKind.NiceToHave), new("relations", "Employee relations", CriterionKind.NiceToHave)],
        ["retail"] = [new("service", "Customer service experience", CriterionKind.MustHave), new("inventory", "Inventory management", CriterionKind.NiceToHave), new("sales", "Sales targets", CriterionKind.NiceToHave)],
        ["financial analyst"] = [new("analysis", "Financial analysis and modeling", CriterionKind.MustHave), new("excel", "Excel", CriterionKind.NiceToHave), new("forecast", "Forecasting and budgeting", CriterionKind.NiceToHave)],
    };

    [Fact]
    public async Task The_same_resume_under_names_from_different_groups_gets_identical_assessments()
    {
        await using var services = new ServiceCollection().AddLocalKernelAndWorkflows().BuildServiceProvider();
        var store = services.GetRequiredService<IScreeningStore>();
        var activity = services.GetRequiredService<ScreenCandidateGroupActivity>();
        var context = new Mock<TaskActivityContext>().Object;
        Assert.Equal(4, BloombergSamples.Roles.Count);

        var checkedVariants = 0;
        foreach (var role in BloombergSamples.Roles.Values)
        {
            for (var resumeIndex = 0; resumeIndex < 3; resumeIndex++)
            {
                var template = role.Resumes[resumeIndex];
                Assert.Contains(BloombergSamples.NamePlaceholder, template, StringComparison.Ordinal);
                var names = BloombergSamples.NamesAcrossGroups(resumeIndex);
                var batchId = $"fair-{role.Name.Replace(' ', '-')}-{resumeIndex}";
                var candidates = names.Select((n, i) => new CandidateSubmission($"c-{i}", Titled(n.Name), template.Replace(BloombergSamples.NamePlaceholder, Titled(n.Name), StringComparison.Ordinal))).ToArray();
                var requisition = new RequisitionSpec($"req-{role.Name}", role.Name, role.JobDescription, CriteriaByRole[role.Name]);
                var request = new ScreeningBatchRequest(batchId, "contoso", requisition, candidates);
                await new PersistBatchActivity(store).RunAsync(context, new PersistBatchInput(request, DateTimeOffset.UnixEpoch));

                var prepared = candidates.Select(c => activity.Prepare(c.ResumeText!, c.DisplayName).Text).Distinct().ToArray();
                Assert.Single(prepared);

                // All eight name variants in one group: their calls run concurrently in one activity.
                var screening = await activity.RunAsync(context, new ScreenCandidateGroupInput(batchId, "contoso", candidates.Select(c => c.CandidateId).ToArray(), batchId, DateTimeOffset.UnixEpoch));
                Assert.Empty(screening.Retry);

                var results = await store.GetResultsAsync(batchId);
                Assert.Equal(names.Count, results.Count);
                var reference = results[0].Assessment!;
                foreach (var result in results)
                {
                    var group = names[int.Parse(result.CandidateId[2..], System.Globalization.CultureInfo.InvariantCulture)].Group;
                    Assert.True(result.Status == CandidateResultStatus.Screened, $"{batchId} {group}: {result.Error}");
                    Assert.True(reference.OverallScore == result.Assessment!.OverallScore, $"{batchId}: {group} scored {result.Assessment.OverallScore}, expected {reference.OverallScore}");
                    Assert.Equal(reference.MustHavesMet, result.Assessment.MustHavesMet);
                    Assert.Equal(
                        reference.Criteria.Select(c => (c.CriterionId, c.Score, c.Met, string.Join("|", c.Evidence))),
                        result.Assessment.Criteria.Select(c => (c.CriterionId, c.Score, c.Met, string.Join("|", c.Evidence))));
                    Assert.Equal(("local", "hr-rules-v1"), (result.Provenance!.Plugin, result.Provenance.Model));
                    checkedVariants++;
                }
            }
        }

        Assert.Equal(4 * 3 * 8, checkedVariants);
    }

    /// <summary>"ADAM ERICKSON" → "Adam Erickson", as a resume would print it.</summary>
    private static string Titled(string name) =>
        System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.ToLowerInvariant());
}
