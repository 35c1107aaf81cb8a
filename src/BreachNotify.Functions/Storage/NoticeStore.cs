using Azure;
using Azure.Data.Tables;
using BreachNotify.Notices;

namespace BreachNotify.Functions.Storage;

/// <summary>Notice rows: created (already claimed) in batches of up to 100 per transaction, moved on with ETag-guarded transactions.</summary>
public sealed class NoticeStore(StorageClients clients)
{
    private TableClient Table => clients.Incidents;

    public async Task<IReadOnlyList<NoticeRecord>> AllAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var records = new List<NoticeRecord>();
        await foreach (var record in Table.QueryAsync<NoticeRecord>(RowKeys.KindFilter(incidentId, RowKeys.NoticeKind), cancellationToken: cancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>
    /// Each notice of the incident with only its status and times read (the columns the progress counts need),
    /// streamed: the console's queue counts many incidents' notices on every view.
    /// </summary>
    public IAsyncEnumerable<NoticeRecord> ProgressAsync(string incidentId, CancellationToken cancellationToken = default) =>
        Table.QueryAsync<NoticeRecord>(
            RowKeys.KindFilter(incidentId, RowKeys.NoticeKind),
            select: [nameof(NoticeRecord.Status), nameof(NoticeRecord.SentAt), nameof(NoticeRecord.DeliveredAt), nameof(NoticeRecord.AcknowledgedAt)],
            cancellationToken: cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> notices in row-key order after the notice <paramref name="afterNoticeId"/> (from the
    /// first when null), and the id to continue after when more follow: a read of one incident never holds all its rows.
    /// </summary>
    public async Task<(List<NoticeRecord> Records, string? Next)> PageAsync(
        string incidentId, string? afterNoticeId, int limit, CancellationToken cancellationToken = default)
    {
        var prefix = RowKeys.Prefix(RowKeys.NoticeKind, incidentId);
        var filter = afterNoticeId is null
            ? RowKeys.KindFilter(incidentId, RowKeys.NoticeKind)
            : RowKeys.RangeFilterAfter(incidentId, RowKeys.Notice(incidentId, afterNoticeId), RowKeys.Successor(prefix));
        var records = new List<NoticeRecord>(Math.Min(limit, 1000));
        await foreach (var record in Table.QueryAsync<NoticeRecord>(filter, maxPerPage: Math.Min(limit + 1, 1000), cancellationToken: cancellationToken))
        {
            if (records.Count == limit)
            {
                return (records, records[^1].NoticeId);
            }

            records.Add(record);
        }

        return (records, null);
    }

    /// <summary>The notices with indexes from <paramref name="fromIndex"/> (inclusive) to <paramref name="toIndex"/> (exclusive).</summary>
    public async Task<List<NoticeRecord>> RangeAsync(string incidentId, int fromIndex, int toIndex, CancellationToken cancellationToken = default)
    {
        var records = new List<NoticeRecord>();
        var filter = RowKeys.RangeFilter(incidentId, RowKeys.Notice(incidentId, NoticeId.For(fromIndex)), RowKeys.Notice(incidentId, NoticeId.For(toIndex)));
        await foreach (var record in Table.QueryAsync<NoticeRecord>(filter, cancellationToken: cancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>The notices of phase <paramref name="phase"/> (0 the first) with indexes from <paramref name="fromIndex"/> (inclusive) to <paramref name="toIndex"/> (exclusive).</summary>
    public async Task<List<NoticeRecord>> RangeAsync(string incidentId, int fromIndex, int toIndex, int phase, CancellationToken cancellationToken = default)
    {
        if (phase == 0)
        {
            return await RangeAsync(incidentId, fromIndex, toIndex, cancellationToken);
        }

        var records = new List<NoticeRecord>();
        var filter = RowKeys.RangeFilter(incidentId, RowKeys.Notice(incidentId, NoticeId.For(fromIndex, phase)), RowKeys.Notice(incidentId, NoticeId.For(toIndex, phase)));
        await foreach (var record in Table.QueryAsync<NoticeRecord>(filter, cancellationToken: cancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>The notices of one storage batch of phase <paramref name="phase"/>.</summary>
    public async Task<IReadOnlyList<NoticeRecord>> BatchAsync(string incidentId, int batchSize, int batch, int phase, CancellationToken cancellationToken = default) =>
        await RangeAsync(incidentId, batch * batchSize, (batch + 1) * batchSize, phase, cancellationToken);

    /// <summary>
    /// Records that phase <paramref name="phase"/>'s notice rows are all created (<paramref name="count"/> of them): its recipients are
    /// frozen. Written after the rows, so its presence means the whole phase is there.
    /// </summary>
    public async Task MarkPhaseFrozenAsync(string incidentId, int phase, int count, CancellationToken cancellationToken = default) =>
        await Table.UpsertEntityAsync(
            new TableEntity(incidentId, RowKeys.Phase(incidentId, phase)) { ["RecipientCount"] = count }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>How many notices phase <paramref name="phase"/> has once its recipients are frozen, else null.</summary>
    public async Task<int?> FrozenPhaseCountAsync(string incidentId, int phase, CancellationToken cancellationToken = default)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(incidentId, RowKeys.Phase(incidentId, phase), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.GetInt32("RecipientCount") : null;
    }

    /// <summary>The notices of one storage batch (<paramref name="batchSize"/> notices from <paramref name="batch"/> x <paramref name="batchSize"/>).</summary>
    public async Task<IReadOnlyList<NoticeRecord>> BatchAsync(string incidentId, int batchSize, int batch, CancellationToken cancellationToken = default) =>
        await RangeAsync(incidentId, batch * batchSize, (batch + 1) * batchSize, cancellationToken);

    /// <summary>
    /// Creates the records in one transaction (at most 100, one partition), all or none: false if any of them is there
    /// already, so of two workers creating the same rows exactly one succeeds.
    /// </summary>
    public async Task<bool> TryAddAsync(IReadOnlyList<NoticeRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return true;
        }

        try
        {
            var response = await Table.SubmitTransactionAsync(records.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
            for (var i = 0; i < records.Count; i++)
            {
                records[i].ETag = response.Value[i].Headers.ETag ?? records[i].ETag;
            }

            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The notices of one party (all its contacts) in an incident.</summary>
    public async Task<IReadOnlyList<NoticeRecord>> OfPartyAsync(string incidentId, string partyKind, string partyId, CancellationToken cancellationToken = default)
    {
        var filter = $"{RowKeys.KindFilter(incidentId, RowKeys.NoticeKind)} and {TableClient.CreateQueryFilter($"PartyKind eq {partyKind} and PartyId eq {partyId}")}";
        var records = new List<NoticeRecord>();
        await foreach (var record in Table.QueryAsync<NoticeRecord>(filter, cancellationToken: cancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>The status of each notice of one party (any kind) in an incident, streamed, reading only the status column.</summary>
    public async IAsyncEnumerable<NoticeStatus> StatusesOfPartyAsync(
        string incidentId, string partyId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = $"{RowKeys.KindFilter(incidentId, RowKeys.NoticeKind)} and {TableClient.CreateQueryFilter($"PartyId eq {partyId}")}";
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: [nameof(NoticeRecord.Status)], cancellationToken: cancellationToken))
        {
            yield return Enum.Parse<NoticeStatus>(row.GetString(nameof(NoticeRecord.Status)) ?? nameof(NoticeStatus.Pending));
        }
    }

    public async Task<NoticeRecord?> FindAsync(string incidentId, string noticeId, CancellationToken cancellationToken = default)
    {
        var response = await Table.GetEntityIfExistsAsync<NoticeRecord>(incidentId, RowKeys.Notice(incidentId, noticeId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Replaces the records, each guarded by its ETag, in one transaction; false if any changed meanwhile.</summary>
    public async Task<bool> TryReplaceAsync(IReadOnlyList<NoticeRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return true;
        }

        if (records.Count > NoticePlan.MaxBatchSize)
        {
            // A transaction holds at most 100 entities: larger sets go chunk by chunk (each chunk all or nothing).
            var all = true;
            foreach (var chunk in records.Chunk(NoticePlan.MaxBatchSize))
            {
                all &= await TryReplaceAsync(chunk, cancellationToken);
            }

            return all;
        }

        try
        {
            var response = await Table.SubmitTransactionAsync(
                records.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateReplace, r, r.ETag)), cancellationToken);
            for (var i = 0; i < records.Count; i++)
            {
                records[i].ETag = response.Value[i].Headers.ETag ?? records[i].ETag;
            }

            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task<bool> TryReplaceAsync(NoticeRecord record, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, cancellationToken);
            record.ETag = response.Headers.ETag ?? record.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }
}
