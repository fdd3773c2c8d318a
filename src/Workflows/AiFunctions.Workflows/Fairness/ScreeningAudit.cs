using AiFunctions.Workflows.Screening.Activities;
using AiFunctions.Workflows.Storage;

namespace AiFunctions.Workflows.Fairness;

/// <summary>The counterfactual name-swap audit of a batch: candidates re-prepared under names from other groups.</summary>
/// <param name="Sampled">Candidates whose resume was re-prepared.</param>
/// <param name="NamesTried">Names per candidate (one per demographic group, plus no name).</param>
/// <param name="Changed">Candidate × name pairs whose provider-bound text differed from the original (must be 0).</param>
public sealed record NameSwapAudit(int Sampled, int NamesTried, int Changed, IReadOnlyList<string> ChangedCandidates);

/// <summary>GET /api/screenings/{id}/audit: the name-swap audit and the LL144 figures of one batch (docs/fairness.md).</summary>
public sealed record ScreeningAuditReport(string BatchId, int Candidates, int Screened, int Held, int Failed, NameSwapAudit NameSwap, BiasAuditFigures Figures, IReadOnlyList<string> Notices);

/// <summary>One tenant's share of a service-wide period audit: its batches and candidates in the pooled sample.</summary>
public sealed record TenantAuditShare(string Tenant, int Batches, int Candidates);

/// <summary>
/// The LL144 figures over a period across batches (<see cref="ScreeningAuditor.AuditPeriodAsync"/>): who and what was
/// audited (scope "tenant" with its tenant, or "service" with every tenant's share; requisition or all, the period of
/// last updates, the batches), the pooled counts, the scorers that ranked them, the figures and notices.
/// </summary>
public sealed record ScreeningPeriodAuditReport(
    string? Tenant,
    string? RequisitionId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyList<string> Batches,
    int Candidates,
    int Screened,
    int Held,
    int Failed,
    IReadOnlyList<string> Scorers,
    BiasAuditFigures Figures,
    IReadOnlyList<string> Notices,
    string Scope = "tenant",
    IReadOnlyList<TenantAuditShare>? Tenants = null);

/// <summary>
/// Builds a batch's bias audit: (a) the counterfactual name-swap audit — up to <see cref="SampleSize"/> candidates
/// (the first by candidate id) re-prepared (<see cref="ScreenCandidateGroupActivity.Prepare"/>) under one name from each
/// of four demographic groups and under no name, each compared byte for byte with the text prepared under the
/// candidate's own name; (b) the NYC Local Law 144 figures (<see cref="BiasAudit"/>) from the shortlist, the scores and
/// the self-identified categories. Reads only the store; makes no AI call.
/// </summary>
public sealed class ScreeningAuditor(IScreeningStore store, ScreenCandidateGroupActivity preparer)
{
    public const int SampleSize = 8;

    /// <summary>Names from the four groups of the Bloomberg sample (W, B, A, H), women and men, for the swap.</summary>
    public static IReadOnlyList<string> SwapNames { get; } = ["Katie Mueller", "Tremayne Washington", "Minh Nguyen", "Guadalupe Hernandez", "May Young", "Jordan Rivers"];

    /// <param name="storeKey">The batch's storage key.</param>
    /// <param name="batchId">The id the caller knows (shown in the report).</param>
    public async Task<ScreeningAuditReport?> AuditAsync(string storeKey, string batchId, CancellationToken cancellationToken = default)
    {
        var batch = await store.GetBatchAsync(storeKey, includeProgress: false, cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return null;
        }

        var (results, subjects) = await SubjectsAsync(batch, cancellationToken).ConfigureAwait(false);

        var sample = results.Select(r => r.CandidateId).Order(StringComparer.Ordinal).Take(SampleSize).ToArray();
        var records = await store.FindCandidatesAsync(storeKey, sample, cancellationToken).ConfigureAwait(false);
        var changed = new List<string>();
        var pairs = 0;
        foreach (var record in records.Values.OrderBy(r => r.CandidateId, StringComparer.Ordinal))
        {
            var resume = await record.ReadResumeAsync(store, cancellationToken).ConfigureAwait(false);
            if (resume is null)
            {
                continue;
            }

            var original = preparer.Prepare(resume, record.DisplayName).Text;
            foreach (var name in SwapNames.Append(null))
            {
                pairs++;
                var swapped = name is null ? resume : SwapName(resume, record.DisplayName, name);
                if (!string.Equals(preparer.Prepare(swapped, name).Text, original, StringComparison.Ordinal))
                {
                    changed.Add(record.CandidateId);
                }
            }
        }

        return new ScreeningAuditReport(
            batchId,
            results.Count,
            results.Count(r => r.Rank is not null),
            results.Count(r => r.Hold is { IsActive: true }),
            results.Count(r => r.Status == CandidateResultStatus.Failed),
            new NameSwapAudit(records.Count, SwapNames.Count + 1, changed.Count, changed.Distinct(StringComparer.Ordinal).ToArray()),
            BiasAudit.Compute(subjects),
            Screening.BatchNotices.Of(results, batch.Shortlist));
    }

    /// <summary>
    /// The LL144 figures over a period across batches (docs/fairness.md, "audit over a period"): every batch the
    /// <paramref name="query"/> lists (one tenant, optionally one requisition, last updated in [UpdatedFrom, UpdatedTo)),
    /// up to <see cref="MaxPeriodBatches"/>, that has been ranked; their candidates pooled into one sample and
    /// computed with the same formulas as one batch (<see cref="BiasAudit.Compute"/>: selection at each batch's
    /// shortlist, scoring rate against the pooled median). No name-swap audit (it is per batch).
    /// </summary>
    /// <param name="query">The batches: <see cref="RecordQuery.Tenant"/> one tenant's, or null for every tenant's (a service-wide audit).</param>
    /// <param name="displayId">The caller's id of a batch from its storage key, or null when the caller may not see that batch (it is then left out).</param>
    public async Task<ScreeningPeriodAuditReport> AuditPeriodAsync(RecordQuery query, Func<string, string?> displayId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(displayId);
        var batches = new List<ScreeningBatchRecord>();
        var truncated = false;
        var page = query with { PageSize = RecordQuery.MaxPageSize, ContinuationToken = null };
        do
        {
            var listed = await store.ListBatchesAsync(page, cancellationToken).ConfigureAwait(false);
            batches.AddRange(listed.Items.Where(b => b.Shortlist is not null && displayId(b.BatchId) is not null));
            page = page with { ContinuationToken = listed.ContinuationToken };
            truncated = batches.Count > MaxPeriodBatches || (batches.Count == MaxPeriodBatches && listed.ContinuationToken is not null);
        }
        while (page.ContinuationToken is not null && batches.Count < MaxPeriodBatches);

        var audited = batches.OrderBy(b => b.BatchId, StringComparer.Ordinal).Take(MaxPeriodBatches).ToArray();
        var subjects = new List<AuditSubject>();
        int candidates = 0, screened = 0, held = 0, failed = 0;
        var scorers = new SortedSet<string>(StringComparer.Ordinal);
        var shares = new SortedDictionary<string, (int Batches, int Candidates)>(StringComparer.Ordinal);
        foreach (var batch in audited)
        {
            var (results, batchSubjects) = await SubjectsAsync(batch, cancellationToken).ConfigureAwait(false);
            subjects.AddRange(batchSubjects);
            var share = shares.GetValueOrDefault(batch.Tenant);
            shares[batch.Tenant] = (share.Batches + 1, share.Candidates + results.Count);
            candidates += results.Count;
            screened += results.Count(r => r.Rank is not null);
            held += results.Count(r => r.Hold is { IsActive: true });
            failed += results.Count(r => r.Status == CandidateResultStatus.Failed);
            scorers.UnionWith(results.Where(r => r.Rank is not null).Select(r => r.Scorer!));
        }

        var notices = new List<string>();
        if (truncated)
        {
            notices.Add($"More than {MaxPeriodBatches} batches match: the audit covers the first {MaxPeriodBatches} by batch id; narrow the period or name a requisition.");
        }

        if (scorers.Count > 1)
        {
            notices.Add($"The batches were ranked by {scorers.Count} scorers ({string.Join(", ", scorers)}): the pooled scoring rate compares scores on different scales; audit one requisition or one period per scorer for the scoring figures.");
        }

        return new ScreeningPeriodAuditReport(
            query.Tenant, query.RequisitionId, query.UpdatedFrom, query.UpdatedTo,
            audited.Select(b => displayId(b.BatchId)!).ToArray(), candidates, screened, held, failed, [.. scorers],
            BiasAudit.Compute(subjects), notices,
            query.Tenant is null ? "service" : "tenant",
            query.Tenant is null ? shares.Select(s => new TenantAuditShare(s.Key, s.Value.Batches, s.Value.Candidates)).ToArray() : null);
    }

    /// <summary>Batches one period audit reads at most.</summary>
    public const int MaxPeriodBatches = 1000;

    /// <summary>A batch's results and its audit subjects: selected = on its shortlist, score when rankable, the self-identified categories.</summary>
    private async Task<(IReadOnlyList<CandidateResult> Results, AuditSubject[] Subjects)> SubjectsAsync(ScreeningBatchRecord batch, CancellationToken cancellationToken)
    {
        var results = await store.GetResultsAsync(batch.BatchId, cancellationToken).ConfigureAwait(false);
        var categories = await store.GetSelfIdentifiedAsync(batch.BatchId, cancellationToken).ConfigureAwait(false);
        var shortlisted = (batch.Shortlist ?? []).Select(s => s.CandidateId).ToHashSet(StringComparer.Ordinal);
        var subjects = results
            .Select(r => new AuditSubject(shortlisted.Contains(r.CandidateId), r.IsRankable ? r.Assessment!.OverallScore : null, categories.GetValueOrDefault(r.CandidateId)))
            .ToArray();
        return (results, subjects);
    }

    /// <summary>The resume with the candidate's name (full, and each part where it occurs with the full name's case) replaced by another.</summary>
    private static string SwapName(string resume, string displayName, string name)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return resume;
        }

        var result = resume.Replace(displayName, name, StringComparison.OrdinalIgnoreCase);
        var from = displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var to = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (from.Length >= 2 && to.Length >= 2)
        {
            result = result.Replace($"{from[^1]}, {from[0]}", $"{to[^1]}, {to[0]}", StringComparison.OrdinalIgnoreCase);
        }

        return result;
    }
}
