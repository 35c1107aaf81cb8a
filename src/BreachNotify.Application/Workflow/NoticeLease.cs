using BreachNotify.Notices;

namespace BreachNotify.Application.Workflow;

/// <summary>
/// A work item's claim on its notices, kept while it sends them request by request. A request may only start while the
/// claim outlasts one whole send, so nobody takes the notices over while it may be in flight. When the claim runs short
/// (a slow store, many items at once), it is renewed on the notices of the next request (one ETag-guarded write per
/// storage batch, so a notice somebody else has written since stays out of the request) instead of handing them back to
/// be claimed and read again later: the same one write per notice, without the second claim and the wait.
/// </summary>
/// <param name="claimedAt">When the claim's writes were done: the lease is counted from then (as it is from a renewal's end).</param>
public sealed class NoticeLease(NoticeStore notices, TimeProvider time, TimeSpan lease, TimeSpan oneSend, DateTimeOffset claimedAt)
{
    private readonly Dictionary<string, DateTimeOffset> _renewedAt = [];

    /// <summary>The notices of <paramref name="records"/> this worker may send now; the others are to be handed back untried.</summary>
    public async Task<List<NoticeRecord>> HoldForSendAsync(List<NoticeRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0 || OutlastsSend(records))
        {
            return records;
        }

        var renewedAt = time.GetUtcNow();
        var held = new List<NoticeRecord>();
        // A notice written by someone else meanwhile fails its chunk's write: left as it was, for whoever records it untried.
        var chunks = await Task.WhenAll(records.Chunk(NoticePlan.MaxBatchSize).Select(async chunk =>
            await notices.TryUpdateAsync(chunk, r => r.Lifecycle.RenewLease(renewedAt), cancellationToken) ? chunk : []));
        var done = time.GetUtcNow();
        foreach (var chunk in chunks)
        {
            held.AddRange(chunk);
            foreach (var record in chunk)
            {
                _renewedAt[record.NoticeId] = done;
            }
        }

        // A renewal that itself took too long leaves nothing to send now.
        return held.Count > 0 && OutlastsSend(held) ? held : [];
    }

    private bool OutlastsSend(List<NoticeRecord> records) =>
        records.Min(r => _renewedAt.TryGetValue(r.NoticeId, out var at) ? at : claimedAt) + lease - time.GetUtcNow() > oneSend;
}
