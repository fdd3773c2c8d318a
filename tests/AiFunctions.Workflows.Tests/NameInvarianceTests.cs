using System.Globalization;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Workflows.Sanitizing;
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
/// Counterfactual invariance as a property (issue 10 item 1, docs/fairness.md): for the same resume, the text that
/// leaves the service for a provider (<see cref="ScreenCandidateGroupActivity.Prepare"/>) is byte-identical whatever
/// the candidate's name, and identical to the text prepared without a name. Over every resume of data/bloomberg-hiring
/// × every name of the four groups (men and women), plus names that are also months, places and everyday words.
/// </summary>
public sealed class NameInvarianceTests : IAsyncLifetime
{
    /// <summary>First names that are also months, places or everyday words.</summary>
    public static readonly string[] WordFirstNames =
        ["May", "June", "April", "August", "Summer", "Grant", "Hunter", "Will", "Rose", "Jordan", "Georgia", "Chase", "Austin", "Dallas", "Virginia",
         "Madison", "Francisco", "Antonio", "Paris", "Sydney", "Carolina", "Dakota", "Brooklyn", "Unique", "Precious", "Morgan", "Best", "Ruby"];

    /// <summary>Surnames that are also places, colours, organisations or words of these resumes.</summary>
    public static readonly string[] WordSurnames =
        ["Washington", "King", "Young", "Black", "White", "Brown", "Rivers", "Park", "Chase", "Francisco", "Georgia", "May", "Johnson", "Morgan",
         "Stanley", "Wells", "Macy", "Best", "Target", "Goldman", "Sachs", "Google", "Microsoft", "Accenture", "Berkeley", "Stanford", "Python",
         "Excel", "Austin", "Antonio", "York", "Angeles", "Mountain", "View", "Present", "Summer"];

    private ServiceProvider _services = null!;
    private ScreenCandidateGroupActivity _activity = null!;

    public static IEnumerable<string> AllNames()
    {
        foreach (var group in BloombergSamples.MenNames.Concat(BloombergSamples.WomenNames))
        {
            foreach (var name in group.Value)
            {
                yield return Titled(name);
            }
        }

        // Every second pair of the grid (CI time): each first name and each surname still occurs many times.
        for (var i = 0; i < WordFirstNames.Length * WordSurnames.Length; i += 2)
        {
            yield return $"{WordFirstNames[i % WordFirstNames.Length]} {WordSurnames[i / WordFirstNames.Length]}";
        }
    }

    public Task InitializeAsync()
    {
        _services = new ServiceCollection().AddLocalKernelAndWorkflows().BuildServiceProvider();
        _activity = _services.GetRequiredService<ScreenCandidateGroupActivity>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public void Every_resume_under_every_name_leaves_as_the_same_text_as_with_no_name()
    {
        var names = AllNames().ToArray();
        Assert.True(names.Length >= 800 + (28 * 36 / 2), $"{names.Length} names");
        var checkedPairs = 0;
        var excluded = 0;
        foreach (var (role, index, template) in Templates())
        {
            var withoutName = _activity.Prepare(template.Replace(BloombergSamples.NamePlaceholder, "Adam Erickson", StringComparison.Ordinal), null).Text;
            foreach (var name in names)
            {
                // A name that is itself written in the resume (a candidate named "Morgan Stanley" who worked at Morgan
                // Stanley) cannot be told from the organisation: the one documented exception (docs/fairness.md).
                if (template.Contains(name, StringComparison.OrdinalIgnoreCase))
                {
                    excluded++;
                    continue;
                }

                var prepared = _activity.Prepare(Fill(template, name), name).Text;
                if (!string.Equals(prepared, withoutName, StringComparison.Ordinal))
                {
                    Assert.Fail($"{role} #{index} under \"{name}\" differs from the no-name text:\n{FirstDifference(withoutName, prepared)}");
                }

                checkedPairs++;
            }
        }

        Assert.Equal(32 * names.Length, checkedPairs + excluded);
        Assert.True(excluded < 10, $"{excluded} name/resume pairs excluded");
    }

    [Fact]
    public void Upper_case_names_and_names_with_particles_hyphens_and_apostrophes_leave_the_same_text()
    {
        string[] names = ["ADAM ERICKSON", "Maria de la Cruz", "Jean-Luc O'Neil", "Nguyễn Thị Minh Khai", "Mary-Kate Van der Berg", "José Ángel Núñez", "Li Na", "Ng Wei"];
        foreach (var (role, index, template) in Templates())
        {
            var reference = _activity.Prepare(Fill(template, "Adam Erickson"), "Adam Erickson").Text;
            foreach (var name in names)
            {
                var prepared = _activity.Prepare(Fill(template, name), name).Text;
                Assert.True(reference == prepared, $"{role} #{index} under \"{name}\":\n{FirstDifference(reference, prepared)}");
            }
        }
    }

    /// <summary>Names a newcomer tries: diacritics, apostrophes, hyphens, particles, initials, short and word-like parts.</summary>
    public static readonly string[] HardNames =
    [
        "Mary-Jane O'Neil", "D'Angelo Washington", "Seán Ó Briain", "José Núñez", "J. Smith", "A Lee", "Zoë Saldaña", "Björn Ångström",
        "Nguyễn Văn An", "Maria del Carmen García López", "Jean-Baptiste Le Rond", "Bo Li", "Al Green", "Ed Young", "Jo Park", "Kim Lee",
        "Will Grant", "May June", "Georgia King", "Washington Irving", "Chase Brown", "Rose White", "Jordan Black", "Summer Park",
        "Grant Young", "April May", "Paris Hilton", "Dallas Austin", "Brooklyn Rivers", "Shaniqua O'Brien", "Lakisha Washington", "DeShawn Jackson",
        "Xiaoming Wang", "Priya Patel", "Jamal Brown", "Hunter Chase", "Virginia Black", "Madison Young", "Carter Rose", "Mohammed Al-Farsi",
        "Siobhan MacNeil", "Ngozi Okonjo-Iweala", "Kwame Mensah", "Sun Park", "Joy Smith", "Christian Hope", "Sky King", "Java Python",
        "Dakota Brown", "Drew Carey", "John O’Connor", "Anne-Marie Smith-Jones", "Renée Zellweger", "François Müller", "Chloé Lefèvre", "Łukasz Żółw",
    ];

    /// <summary>
    /// The name written the ways resumes write it: upper case, lower case without accents or apostrophes (as in
    /// addresses), "Last, First", an initial with its period, "Resume of …", "Candidate: …", after a dash signature,
    /// in e-mail local parts, personal domains and handles. Each name also given to the service with its letters
    /// decomposed (NFD), in other case and with extra spaces: the provider-bound text never changes.
    /// </summary>
    [Fact]
    public void Hard_names_written_in_every_form_leave_the_same_text_whatever_the_form_of_the_display_name()
    {
        string[] templates =
        [
            "{First} {Last}\nEmail: {first}.{last}@example.com | {first}_{last}@mail.io | {f}{last}@corp.org\nWeb: https://{first}{last}.com | www.{first}-{last}.net | {first}{last}.dev/cv\n\nSummary\nExperienced cashier.\n\nExperience\nCashier, Corner Grocery, Springfield - 2019 - Present\n- Handled the register.\n\n--\n{First} {Last}\n",
            "{FIRST} {LAST}\n{first} {last} | tel 555 010 0999\n\nExperience\nCashier, Corner Grocery - June 2010 - May 2015, Washington, DC\n- Worked in Georgia and Virginia; Python, Java, Excel.\n\nThanks,\n{First}\n",
            "**{Last}, {First}**\nProfile: github.com/{first}{last} ; @{first}{last}\n\nExperience\nCashier at Park Avenue Market (2019 - Present)\n\nKind regards,\n{F}. {Last}\n",
            "Resume of {First} {Last}\nCandidate: {First} {Last}\n\nExperience\nCashier, King's Market, Grant Park, Chicago - 2019 - Present\n\n{First} {Last} — {first}.{last}@example.com",
        ];
        var pairs = 0;
        var differences = new List<string>();
        foreach (var template in templates)
        {
            var reference = _activity.Prepare(FillForms(template, "Adam Erickson"), "Adam Erickson").Text;
            Assert.DoesNotContain("Erickson", reference, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Cashier", reference, StringComparison.Ordinal);
            foreach (var name in HardNames)
            {
                foreach (var (form, display, resume) in new[]
                {
                    ("as given", name, FillForms(template, name)),
                    ("resume NFD", name, FillForms(template, name.Normalize(System.Text.NormalizationForm.FormD))),
                    ("display NFD", name.Normalize(System.Text.NormalizationForm.FormD), FillForms(template, name)),
                    ("display lower", name.ToLowerInvariant(), FillForms(template, name)),
                    ("display upper", name.ToUpperInvariant(), FillForms(template, name)),
                    ("display spaced", " " + name.Replace(" ", "  ", StringComparison.Ordinal) + " ", FillForms(template, name)),
                })
                {
                    pairs++;
                    var prepared = _activity.Prepare(resume, display).Text;
                    if (prepared != reference)
                    {
                        differences.Add($"[{form}] {name}: {FirstDifference(reference, prepared)}");
                    }
                }
            }
        }

        Assert.Equal(4 * HardNames.Length * 6, pairs);
        Assert.True(differences.Count == 0, $"{differences.Count} of {pairs} differ:\n" + string.Join("\n", differences.Take(20)));
    }

    [Fact]
    public void The_shadow_sampling_key_is_the_same_under_every_name_and_every_candidate_reference()
    {
        // Shadow sampling (docs/migration.md) decides on hash(route, function, CallKey(input)): the same resume must get
        // the same key, so the same decision, whatever the candidate's name and whichever batch or reference it came in.
        var function = _services.GetRequiredService<AiFunctions.HrFunctions.Screening.ResumeScreeningFunction>();
        var criteria = new[] { new AiFunctions.HrFunctions.Screening.Criterion("python", "Python", AiFunctions.HrFunctions.Screening.CriterionKind.MustHave, 3) };
        var names = AllNames().Take(60).ToArray();
        foreach (var (role, index, template) in Templates())
        {
            string Key(string name, string reference) => function.CallKey(new AiFunctions.HrFunctions.Screening.ScreeningInput(
                "req-1", "Engineer", "Build services.", criteria, reference, _activity.Prepare(Fill(template, name), name).Text));
            var reference = Key("Adam Erickson", "cand-0");
            for (var i = 0; i < names.Length; i++)
            {
                Assert.True(reference == Key(names[i], $"cand-{i + 1}"), $"{role} #{index}: the sampling key differs under \"{names[i]}\"");
            }
        }
    }

    [Fact]
    public void Months_places_organisations_and_skills_that_equal_a_name_part_are_kept()
    {
        var template = Fill(BloombergSamples.Roles["software engineer"].Resumes[1], "{name}");
        foreach (var name in new[] { "May Washington", "Francisco May", "Chase Georgia", "Austin Chase", "Antonio Francisco", "Ruby Python" })
        {
            var prepared = _activity.Prepare(template.Replace("{name}", name, StringComparison.Ordinal), name).Text;
            Assert.Contains("Redmond, Washington, USA", prepared, StringComparison.Ordinal);
            Assert.Contains("June 2010 - May 2015", prepared, StringComparison.Ordinal);
            Assert.DoesNotContain(name, prepared, StringComparison.OrdinalIgnoreCase);
        }

        var finance = _activity.Prepare(Fill(BloombergSamples.Roles["financial analyst"].Resumes[0], "Chase Francisco"), "Chase Francisco").Text;
        Assert.Contains("JPMorgan Chase", finance, StringComparison.Ordinal);
        Assert.DoesNotContain("Chase Francisco", finance, StringComparison.Ordinal);
    }

    /// <summary>
    /// The name where a resume uses it as one: heading, label, contact line, e-mail local part, profile URLs, the full
    /// name and the surname in running text, a title + surname, the signature. Same text for every name.
    /// </summary>
    [Fact]
    public void The_name_is_removed_wherever_it_is_used_as_a_name_and_the_text_stays_the_same_across_names()
    {
        const string template = """
            {first} {last}
            Email: {lfirst}.{llast}@example.com | Tel 5550100999 | linkedin.com/in/{lfirst}-{llast} | github.com/{lfirst}{llast} | https://{lfirst}{llast}.dev/about
            Contact: {first} {last}, Seattle, Washington

            Summary
            My name is {first} {last} and I build payment systems.

            Experience
            Senior Software Engineer, Google, Mountain View, CA - January 2016 - Present
            - Led a team of 8 engineers; the ledger {last} designed still runs.
            - Ms. {last} was promoted twice according to the 2019 review by {last, first}.

            References
            "{first} {last} is the best engineer I have managed." Dr. {last}'s former manager.

            Sincerely,
            {first} {last}
            """;
        var reference = default(string);
        // Names with a part that is also a month, place or everyday word keep that part where it stands alone (see
        // the next test); every other name must give the same text.
        foreach (var name in AllNames().Where((n, i) => i % 5 == 0 && !n.Split(' ').Any(CandidateNameBlinder.IsAmbiguousNamePart)))
        {
            var parts = name.Split(' ');
            var text = template
                .Replace("{last, first}", $"{parts[1]}, {parts[0]}", StringComparison.Ordinal)
                .Replace("{first}", parts[0], StringComparison.Ordinal).Replace("{last}", parts[1], StringComparison.Ordinal)
                .Replace("{lfirst}", parts[0].ToLowerInvariant(), StringComparison.Ordinal).Replace("{llast}", parts[1].ToLowerInvariant(), StringComparison.Ordinal);
            var prepared = _activity.Prepare(text, name).Text;
            reference ??= prepared;
            Assert.True(reference == prepared, $"under \"{name}\":\n{FirstDifference(reference, prepared)}");
            foreach (var part in parts.Where(p => !template.Contains(p, StringComparison.OrdinalIgnoreCase)))
            {
                Assert.DoesNotContain(part, prepared, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.NotNull(reference);
        Assert.Contains("[EMAIL_1]", reference, StringComparison.Ordinal);
        Assert.Contains("[PHONE_1]", reference, StringComparison.Ordinal);
        Assert.Contains("[PROFILE_URL_1]", reference, StringComparison.Ordinal);
        Assert.Contains(CandidateNameBlinder.UrlPlaceholder, reference, StringComparison.Ordinal);
        Assert.Contains("Seattle, Washington", reference, StringComparison.Ordinal);
        Assert.Contains("Sincerely,\n[CANDIDATE]", reference, StringComparison.Ordinal);
        Assert.DoesNotContain("Ms.", reference, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_part_that_is_also_a_word_alone_stays_but_the_full_name_and_title_forms_go()
    {
        const string text = "May Washington\nExperience\nJune 2010 - May 2015, Redmond, Washington. Ms. Washington led the team; may washington also mentored. Washington rose to lead.";

        var (blinded, _) = CandidateNameBlinder.Blind(text, "May Washington");

        Assert.Equal("[CANDIDATE]\nExperience\nJune 2010 - May 2015, Redmond, Washington. [CANDIDATE] led the team; [CANDIDATE] also mentored. Washington rose to lead.", blinded);
    }

    [Fact]
    public void Structural_positions_are_found_without_the_name()
    {
        const string resume = "**Resume**\n\n**Name:** Adam Erickson\nEmail: adam.erickson@example.com\n\nExperience\nLed the team.\n\nBest regards,\nAdam Erickson";

        var (text, count) = CandidateNameBlinder.Blind(resume, null);

        Assert.Equal("**Resume**\n\n**Name:** [CANDIDATE]\nEmail: adam.erickson@example.com\n\nExperience\nLed the team.\n\nBest regards,\n[CANDIDATE]", text);
        Assert.Equal(2, count);
    }

    /// <summary>The "years of experience" regression: the same resume gets the same experience years and must-have result under every name.</summary>
    [Fact]
    public async Task Same_resume_same_experience_years_and_must_have_under_every_name()
    {
        var store = _services.GetRequiredService<IScreeningStore>();
        var context = new Mock<TaskActivityContext>().Object;
        Criterion[] criteria = [new("years", "12+ years of professional software development experience", CriterionKind.MustHave), new("python", "Python", CriterionKind.NiceToHave)];
        var role = BloombergSamples.Roles["software engineer"];
        string[] names = ["May Washington", "June King", "Adam Erickson", "Francisco May", "August Young", "Summer Rivers", "Will Park", "Rose Black", "Jordan White", "Georgia Brown", "Chase Hunter", "Grant Washington"];
        for (var r = 0; r < role.Resumes.Count; r++)
        {
            var batchId = $"years-{r}";
            var candidates = names.Select((n, i) => new CandidateSubmission($"c-{i:D2}", n, Fill(role.Resumes[r], n))).ToArray();
            var request = new ScreeningBatchRequest(batchId, "contoso", new RequisitionSpec("req-se", role.Name, role.JobDescription, criteria), candidates);
            await new PersistBatchActivity(store).RunAsync(context, new PersistBatchInput(request, DateTimeOffset.UnixEpoch));
            var outcome = await _activity.RunAsync(context, new ScreenCandidateGroupInput(batchId, "contoso", candidates.Select(c => c.CandidateId).ToArray(), batchId, DateTimeOffset.UnixEpoch));
            Assert.Empty(outcome.Retry);

            var results = await store.GetResultsAsync(batchId);
            var reference = results[0].Assessment!;
            var years = reference.Criteria.Single(c => c.CriterionId == "years");
            foreach (var result in results)
            {
                var a = result.Assessment!;
                var y = a.Criteria.Single(c => c.CriterionId == "years");
                Assert.True(
                    (years.Score, years.Met, years.Rationale, reference.MustHavesMet, reference.OverallScore) == (y.Score, y.Met, y.Rationale, a.MustHavesMet, a.OverallScore),
                    $"resume {r}: {result.DisplayName}: {y.Rationale} ({y.Score}, met {y.Met}) vs {years.Rationale} ({years.Score}, met {years.Met})");
            }
        }
    }

    private static IEnumerable<(string Role, int Index, string Template)> Templates()
    {
        foreach (var role in BloombergSamples.Roles.Values)
        {
            for (var i = 0; i < role.Resumes.Count; i++)
            {
                yield return (role.Name, i, role.Resumes[i]);
            }
        }
    }

    /// <summary>{First} {Last} as written; {FIRST} upper case; {first} as in addresses (lower case, letters only); {F} the initial.</summary>
    private static string FillForms(string template, string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (first, last) = (parts[0], parts[^1]);
        return template
            .Replace("{First} {Last}", name, StringComparison.Ordinal)
            .Replace("{First}", first, StringComparison.Ordinal).Replace("{Last}", last, StringComparison.Ordinal)
            .Replace("{FIRST}", first.ToUpperInvariant(), StringComparison.Ordinal).Replace("{LAST}", last.ToUpperInvariant(), StringComparison.Ordinal)
            .Replace("{first}", AsInAddress(first), StringComparison.Ordinal).Replace("{last}", AsInAddress(last), StringComparison.Ordinal)
            .Replace("{f}", AsInAddress(first)[..1], StringComparison.Ordinal).Replace("{F}", first[..1], StringComparison.Ordinal);

        static string AsInAddress(string s) => new(s.Replace('Ł', 'L').Replace('ł', 'l').Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => c < 128 && (char.IsLetter(c) || c == '-')).Select(char.ToLowerInvariant).ToArray());
    }

    private static string Fill(string template, string name) => template.Replace(BloombergSamples.NamePlaceholder, name, StringComparison.Ordinal);

    private static string Titled(string name) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.ToLowerInvariant());

    private static string FirstDifference(string expected, string actual)
    {
        var i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i])
        {
            i++;
        }

        var from = Math.Max(0, i - 60);
        return $"expected …{expected[from..Math.Min(expected.Length, i + 60)]}…\nactual   …{actual[from..Math.Min(actual.Length, i + 60)]}…";
    }
}
