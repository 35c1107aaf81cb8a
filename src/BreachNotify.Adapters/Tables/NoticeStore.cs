using Azure;
using Azure.Data.Tables;
using BreachNotify.Notices;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// Notice rows: created (already claimed) in batches of up to 100 per transaction, moved on by the domain's transitions
/// (<see cref="Notice"/>) under their ETags, one at a time (<see cref="UpdateAsync"/>) or a storage batch at a time
/// (<see cref="TryUpdateAsync"/>). Every write that creates a notice or changes what it counts as merges its
/// <see cref="NoticeCountFlags"/> into its slice's count row in the same transaction (<see cref="NoticeCountRows"/>), so
/// <see cref="CountByFlagsAsync"/> reads a row per 100 notices instead of every notice.
/// </summary>
public sealed class NoticeStore(StorageClients clients)
{
    /// <summary>How often <see cref="UpdateAsync"/> reads a notice again after a conflict before it gives up.</summary>
    public const int MaxUpdateAttempts = 20;

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
    /// Marks the matter's notices as counted by their count rows (<see cref="NoticeCountRows"/>) when it has no notice row
    /// yet; called by each send item before it creates rows. False for a matter whose rows were created before count
    /// rows existed (they have no columns there): its counts are read from its rows.
    /// </summary>
    public async Task<bool> MarkCountedAsync(string partition, CancellationToken cancellationToken = default)
    {
        var marker = NoticeCountRows.Marker(partition);
        if ((await Table.GetEntityIfExistsAsync<TableEntity>(partition, marker, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue)
        {
            return true;
        }

        await foreach (var _ in Table.QueryAsync<TableEntity>(RowKeys.KindFilter(partition, RowKeys.NoticeKind), maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return false;
        }

        try
        {
            await Table.AddEntityAsync(new TableEntity(partition, marker), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another send item of the matter marked it first.
        }

        return true;
    }

    /// <summary>
    /// How many of the matter's notices have each combination of <see cref="NoticeCountFlags"/>, read from its count rows
    /// (one range query, a row per 100 notices); null when the matter is not marked counted (<see cref="MarkCountedAsync"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<NoticeCountFlags, int>?> CountByFlagsAsync(string partition, CancellationToken cancellationToken = default)
    {
        if (!(await Table.GetEntityIfExistsAsync<TableEntity>(partition, NoticeCountRows.Marker(partition), select: ["RowKey"], cancellationToken: cancellationToken)).HasValue)
        {
            return null;
        }

        var counts = new Dictionary<NoticeCountFlags, int>();
        await foreach (var row in Table.QueryAsync<TableEntity>(RowKeys.KindFilter(partition, NoticeCountRows.CountKind), cancellationToken: cancellationToken))
        {
            foreach (var (column, value) in row)
            {
                if (NoticeCountRows.IsColumn(column) && value is int flags)
                {
                    counts[(NoticeCountFlags)flags] = counts.GetValueOrDefault((NoticeCountFlags)flags) + 1;
                }
            }
        }

        return counts;
    }

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
    /// <remarks>
    /// With their count row, 100 records make 101 actions: they go as two transactions (99, then 1). Only a worker that
    /// read the batch between the two and created its last row as missing can make the second fail: the first stands
    /// (false all the same), and its claimed rows are taken over when their lease ends, as after a crash.
    /// </remarks>
    public async Task<bool> TryAddAsync(IReadOnlyList<NoticeRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return true;
        }

        var writes = records.Select(r => new NoticeWrite(r, new TableTransactionAction(TableTransactionActionType.Add, r), NoticeCountRows.Of(r.Lifecycle))).ToList();
        return await SubmitAsync(writes, status => status == 409, cancellationToken) == writes.Count;
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

    /// <summary>
    /// Moves one notice on by <paramref name="transition"/> under its row's ETag: reads the row, applies the transition
    /// to its lifecycle, writes the new state when it differs, and when somebody wrote the row meanwhile (412) reads it
    /// again and applies the transition again, up to <see cref="MaxUpdateAttempts"/> times. The only such loop: every
    /// single-notice transition goes through it. Null when there is no such notice.
    /// </summary>
    public async Task<NoticeUpdate?> UpdateAsync(string partition, string noticeId, Func<Notice, NoticeTransition> transition, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            if (await FindAsync(partition, noticeId, cancellationToken) is not { } row)
            {
                return null;
            }

            var step = transition(row.Lifecycle);
            if (!step.Writes)
            {
                return new NoticeUpdate(row, step);
            }

            var counted = NoticeCountRows.Changed(row.Lifecycle, step.Next);
            row.Lifecycle = step.Next;
            try
            {
                if (counted is { } flags)
                {
                    // Its count row's column in the same transaction (merged, no ETag: only this notice's column).
                    var response = await Table.SubmitTransactionAsync(
                        [new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag), .. NoticeCountRows.Merges(partition, [(noticeId, flags)])],
                        cancellationToken);
                    row.ETag = response.Value[0].Headers.ETag ?? row.ETag;
                }
                else
                {
                    var response = await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                    row.ETag = response.Headers.ETag ?? row.ETag;
                }

                return new NoticeUpdate(row, step);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Written by somebody else since it was read: decided again on what is there now.
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        }

        throw new InvalidOperationException($"The notice {partition}/{noticeId} kept changing while it was being moved on.");
    }

    /// <summary>
    /// The lifecycle's columns (<see cref="NoticeRecord.Lifecycle"/>): all a transition can change. <see cref="Write"/> sends
    /// only those that changed.
    /// </summary>
    private static readonly (string Column, Func<Notice, object?> Value)[] LifecycleColumns =
    [
        (nameof(NoticeRecord.Status), n => n.Status.ToString()),
        (nameof(Notice.Attempts), n => n.Attempts),
        (nameof(Notice.FirstAttemptAt), n => n.FirstAttemptAt),
        (nameof(Notice.SendingSince), n => n.SendingSince),
        (nameof(Notice.SentAt), n => n.SentAt),
        (nameof(Notice.DeliveredAt), n => n.DeliveredAt),
        (nameof(Notice.BouncedAt), n => n.BouncedAt),
        (nameof(Notice.BounceAlertClaimedAt), n => n.BounceAlertClaimedAt),
        (nameof(Notice.BounceAlertedAt), n => n.BounceAlertedAt),
        (nameof(Notice.LastError), n => n.LastError),
        (nameof(Notice.TokenHashes), n => n.TokenHashes),
        (nameof(Notice.TokenExpiresAt), n => n.TokenExpiresAt),
        (nameof(Notice.AcknowledgedAt), n => n.AcknowledgedAt),
        (nameof(Notice.AcknowledgedBy), n => n.AcknowledgedBy),
        (nameof(Notice.AcknowledgementComment), n => n.AcknowledgementComment),
        (nameof(Notice.AcknowledgedFrom), n => n.AcknowledgedFrom),
        (nameof(Notice.ReminderCount), n => n.ReminderCount),
        (nameof(Notice.ObjectedAt), n => n.ObjectedAt),
        (nameof(Notice.ObjectedBy), n => n.ObjectedBy),
        (nameof(Notice.ObjectionReason), n => n.ObjectionReason),
        (nameof(Notice.ObjectionReceiptSentAt), n => n.ObjectionReceiptSentAt),
        (nameof(Notice.WithdrawalSentAt), n => n.WithdrawalSentAt),
    ];

    /// <summary>
    /// The write of one row moved on from <paramref name="before"/> (the state its ETag was read or written with), under that
    /// ETag: a merge of the columns that changed (Azurite takes it in about half the time of the whole row, bench/RESULTS.md),
    /// the row as it stands afterwards being the same as after a replace. A column cleared (null) cannot be merged away: such a
    /// row is replaced whole.
    /// </summary>
    private static TableTransactionAction Write(NoticeRecord row, Notice before)
    {
        var after = row.Lifecycle;
        var changes = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (column, value) in LifecycleColumns)
        {
            var now = value(after);
            if (Equals(now, value(before)))
            {
                continue;
            }

            if (now is null)
            {
                return new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag);
            }

            changes[column] = now;
        }

        return new TableTransactionAction(TableTransactionActionType.UpdateMerge, changes, row.ETag);
    }

    /// <summary>
    /// Moves notices read together (one partition, at most 100: one entity-group transaction) on by
    /// <paramref name="transition"/>, each guarded by the ETag it was read with, all or none; rows the transition leaves as
    /// they are stay out of it. False when any of them changed since it was read: nothing is written and every row keeps
    /// the state it was read with. Not retried here: the caller decides (hand them back, retry its work item, or move
    /// each on by <see cref="UpdateAsync"/>), because of two workers racing for a batch exactly one is to win.
    /// </summary>
    /// <remarks>
    /// A step that changes what its notices count as carries their count row too; when that would make more than 100
    /// actions (100 notices sent or failed at once) it goes as two transactions, one after the other, each all or none:
    /// if the second fails, the first stands (its rows keep what was written, with their new ETags), as if another
    /// writer had moved them. Steps that do not change the counts (claims, lease renewals, reminders) are never split.
    /// </remarks>
    public async Task<bool> TryUpdateAsync(IReadOnlyList<NoticeRecord> rows, Func<NoticeRecord, NoticeTransition> transition, CancellationToken cancellationToken = default)
    {
        if (rows.Count > NoticePlan.MaxBatchSize)
        {
            throw new ArgumentException($"A transaction holds at most {NoticePlan.MaxBatchSize} notices; got {rows.Count}.", nameof(rows));
        }

        var changed = new List<(NoticeRecord Row, Notice Before)>();
        foreach (var row in rows)
        {
            var step = transition(row);
            if (step.Writes)
            {
                changed.Add((row, row.Lifecycle));
                row.Lifecycle = step.Next;
            }
        }

        if (changed.Count == 0)
        {
            return true;
        }

        var writes = changed.Select(c => new NoticeWrite(c.Row, Write(c.Row, c.Before), NoticeCountRows.Changed(c.Before, c.Row.Lifecycle))).ToList();
        var committed = await SubmitAsync(writes, status => status is 412 or 404, cancellationToken);
        if (committed == writes.Count)
        {
            return true;
        }

        foreach (var (row, before) in changed.Skip(committed))
        {
            row.Lifecycle = before;
        }

        return false;
    }

    /// <summary>One notice row's write, and its new count flags when it creates the notice or changes them.</summary>
    private sealed record NoticeWrite(NoticeRecord Row, TableTransactionAction Action, NoticeCountFlags? Counted);

    /// <summary>
    /// Submits the writes (one partition) with the merges of their count flags: one transaction while that is at most
    /// <see cref="NoticeCountRows.MaxActions"/> actions, else consecutive parts that each are. Returns how many writes
    /// are committed: all, or those of the parts before the first that failed with a status <paramref name="conflict"/>
    /// accepts (others are thrown).
    /// </summary>
    private async Task<int> SubmitAsync(List<NoticeWrite> writes, Func<int, bool> conflict, CancellationToken cancellationToken)
    {
        var partition = writes[0].Row.PartitionKey;
        var committed = 0;
        foreach (var part in Parts(partition, writes))
        {
            var actions = part.Select(w => w.Action)
                .Concat(NoticeCountRows.Merges(partition, part.Where(w => w.Counted is not null).Select(w => (w.Row.NoticeId, w.Counted!.Value))))
                .ToList();
            try
            {
                var response = await Table.SubmitTransactionAsync(actions, cancellationToken);
                for (var i = 0; i < part.Count; i++)
                {
                    part[i].Row.ETag = response.Value[i].Headers.ETag ?? part[i].Row.ETag;
                }
            }
            catch (TableTransactionFailedException e) when (conflict(e.Status))
            {
                return committed;
            }

            committed += part.Count;
        }

        return committed;
    }

    /// <summary>The writes in order, cut so that each part's notices and count rows make at most one transaction.</summary>
    private static IEnumerable<List<NoticeWrite>> Parts(string partition, List<NoticeWrite> writes)
    {
        var part = new List<NoticeWrite>();
        var countRows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            var countRow = write.Counted is null ? null : NoticeCountRows.RowKey(partition, write.Row.NoticeId);
            var added = countRow is not null && !countRows.Contains(countRow) ? 1 : 0;
            if (part.Count + countRows.Count + 1 + added > NoticeCountRows.MaxActions)
            {
                yield return part;
                part = [];
                countRows.Clear();
            }

            part.Add(write);
            if (countRow is not null)
            {
                countRows.Add(countRow);
            }
        }

        if (part.Count > 0)
        {
            yield return part;
        }
    }
}
