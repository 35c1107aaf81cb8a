namespace BreachNotify.Notices;

/// <summary>The notices an approved incident sends, cut into batches that no transaction or message outgrows.</summary>
public sealed record NoticePlan(IReadOnlyList<PlannedNotice> Notices, int BatchSize)
{
    /// <summary>Table Storage's entity-group transactions hold at most 100 entities.</summary>
    public const int MaxBatchSize = 100;

    public int BatchCount => (Notices.Count + BatchSize - 1) / BatchSize;

    public static NoticePlan For(IReadOnlyList<Recipient> recipients, int batchSize)
    {
        var size = Math.Clamp(batchSize, 1, MaxBatchSize);
        return new NoticePlan([.. recipients.Select((r, i) => new PlannedNotice(NoticeId.For(i), i / size, r))], size);
    }

    public IEnumerable<PlannedNotice> Batch(int batch) => Notices.Skip(batch * BatchSize).Take(BatchSize);
}
