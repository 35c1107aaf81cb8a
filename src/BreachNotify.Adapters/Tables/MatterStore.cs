using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BreachNotify.OtherNotices;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// The table <c>{prefix}matters</c>, through the shared <see cref="MatterTable{TState, TEvent}"/> (state and history rows per
/// matter, owed work). Besides: the list in month partitions (<c>list-yyyyMM</c> of the recording, newest first) and the
/// <c>prohibitions</c> timers (<see cref="MatterTimerIndex"/>: one per matter whose prohibition still holds, due at its end or review date).
/// The list is written after the matter's own transaction (a row a crash left behind is rewritten by the next step); the
/// timer row also before it (<see cref="MatterWorkflow"/>), so a held notice never loses its release to a crash. Each customer concerned also has
/// its register partition (<c>customer|{id}</c>, newest first), so a customer's register is one partition query.
/// </summary>
public sealed class MatterStore(StorageClients clients, TimeProvider time, ILogger<MatterStore> logger)
{
    public const int ListMonths = 24;
    public const string ProhibitionsIndex = "prohibitions";
    private const string ListPartitionPrefix = "list-";

    /// <summary>The list row's column naming the version whose customer register rows were all written.</summary>
    private const string CustomerRowsColumn = "CustomerRowsVersion";

    /// <summary>Customer register rows written at once.</summary>
    private const int Parallelism = 16;

    private const int MaxAttempts = 5;

    public MatterTable<MatterState, MatterEvent> Table { get; } = new(clients.Matters, MatterKind.OtherNotice);

    public async Task<StoredMatter?> LoadAsync(string id, CancellationToken cancellationToken = default) =>
        await Table.LoadAsync(id, cancellationToken) is { } found ? new StoredMatter(found.State, found.ETag) : null;

    public async Task<bool> CommitAsync(StoredMatter? current, MatterState next, IReadOnlyList<MatterEvent> events, CancellationToken cancellationToken = default)
    {
        var columns = new Dictionary<string, object?>
        {
            ["Status"] = next.Status.ToString(),
            ["Kind"] = next.Matter?.Kind.ToString(),
            ["Version"] = next.Version,
            ["UpdatedAt"] = time.GetUtcNow(),
        };
        if (!await Table.CommitAsync(next.Id, current?.ETag, current?.State.Version ?? 0, next, events, columns, cancellationToken))
        {
            return false;
        }

        try
        {
            await RefreshRowsAsync(next, current?.State, created: current is null, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            // The matter is committed: failing the request now would invite a retry.
            logger.MatterRowsNotWritten(next.Id, e.Status);
        }

        return true;
    }

    public Task<IReadOnlyList<MatterEvent>> HistoryAsync(string id, CancellationToken cancellationToken = default) => Table.HistoryAsync(id, cancellationToken);

    /// <summary>The matters recorded in the last <see cref="ListMonths"/> months, newest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<MatterListEntry>> ListAsync(int max, CancellationToken cancellationToken = default)
    {
        var entries = new List<MatterListEntry>();
        var month = time.GetUtcNow();
        for (var i = 0; i < ListMonths && entries.Count < max; i++, month = month.AddMonths(-1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ListPartition(month)}");
            await foreach (var row in Table.Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                entries.Add(JsonColumns.Read<MatterListEntry>(row));
                if (entries.Count >= max)
                {
                    break;
                }
            }
        }

        return entries;
    }

    /// <summary>The list row, the customers' register rows and the prohibition timer row, from the state (every customer's row, as no earlier state is known).</summary>
    public Task RefreshRowsAsync(MatterState state, CancellationToken cancellationToken = default) => RefreshRowsAsync(state, previous: null, created: false, cancellationToken);

    /// <summary>
    /// The rows of a step from <paramref name="previous"/> to <paramref name="state"/>. Only the customer rows whose content
    /// the step changed are written, at most <see cref="Parallelism"/> at once (each its own partition, so no transaction);
    /// that is safe only when every row already holds the previous state's content: the list row, written after the
    /// customer rows, says which version last had all of them written (<see cref="CustomerRowsColumn"/>), and any other
    /// case (a crash or a failed write between a step and its rows, a caller without the previous state) writes them all.
    /// No row goes back: each carries the version it was written from and a write of an older one is dropped.
    /// </summary>
    private async Task RefreshRowsAsync(MatterState state, MatterState? previous, bool created, CancellationToken cancellationToken)
    {
        if (state.Matter is not { } matter)
        {
            return;
        }

        var newestFirst = (DateTimeOffset.MaxValue.UtcTicks - state.RecordedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        var row = new TableEntity(ListPartition(state.RecordedAt), $"{newestFirst}|{state.Id}")
        {
            ["Status"] = state.Status.ToString(), ["Version"] = state.Version, [CustomerRowsColumn] = state.Version,
        };
        JsonColumns.Write(row, new MatterListEntry(
            state.Id, Kebab.Of(matter.Kind), state.Status.ToString(), [.. state.Customers.Select(c => c.CustomerId)], matter.ReceivedAt, state.RecordedAt,
            state.Customers.Select(c => (DateTimeOffset?)c.DueAt).Min(), state.ProhibitionInForce));
        var stored = created ? null : await Table.Table.GetEntityIfExistsAsync<TableEntity>(
            row.PartitionKey, row.RowKey, select: ["Version", CustomerRowsColumn], cancellationToken: cancellationToken);
        var listed = stored is { HasValue: true } ? stored.Value : null;
        if ((listed?.GetInt32("Version") ?? -1) > state.Version)
        {
            // A later step's rows are written already (this is a slow writer of an older step).
            return;
        }

        if ((listed?.GetInt32(CustomerRowsColumn) ?? -1) < state.Version)
        {
            var written = listed?.GetInt32(CustomerRowsColumn);
            var changed = previous is not null && written == previous.Version ? Changed(previous, state, matter) : Entries(state, matter);
            await Parallel.ForEachAsync(changed, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (change, ct) =>
            {
                var entry = new TableEntity(CustomerPartition(change.Entry.CustomerId), $"{newestFirst}|{state.Id}") { ["Version"] = state.Version };
                JsonColumns.Write(entry, change.Entry);
                await WriteVersionedAsync(entry, state.Version, assumeAbsent: created || change.New, stored: null, ct);
            });
        }

        if (matter.Prohibition is not null)
        {
            await Table.SetTimerAsync(ProhibitionsIndex, state.Id, MatterDecider.NextCheckAt(state), cancellationToken);
        }

        await WriteVersionedAsync(row, state.Version, assumeAbsent: created || listed is null, listed, cancellationToken);
    }

    /// <summary>Every customer's register entry of <paramref name="state"/>.</summary>
    private static IEnumerable<(MatterRegisterEntry Entry, bool New)> Entries(MatterState state, OtherMatter matter)
    {
        var answers = Answers(state);
        return state.Customers.Select(c => (Entry(state, matter, c, answers), false));
    }

    /// <summary>The entries of <paramref name="state"/> that differ from <paramref name="previous"/>'s (or are new in it).</summary>
    private static List<(MatterRegisterEntry Entry, bool New)> Changed(MatterState previous, MatterState state, OtherMatter matter)
    {
        var before = new Dictionary<string, MatterRegisterEntry>(StringComparer.Ordinal);
        if (previous.Matter is { } was)
        {
            var answered = Answers(previous);
            foreach (var c in previous.Customers)
            {
                before.TryAdd(c.CustomerId, Entry(previous, was, c, answered));
            }
        }

        var answers = Answers(state);
        var changed = new List<(MatterRegisterEntry, bool)>();
        foreach (var c in state.Customers)
        {
            var entry = Entry(state, matter, c, answers);
            var known = before.TryGetValue(c.CustomerId, out var old);
            if (!known || old != entry)
            {
                changed.Add((entry, !known));
            }
        }

        return changed;
    }

    /// <summary>Each customer's answer: the first recorded stands (as <see cref="MatterState.AcknowledgementOf"/>), found once rather than per customer.</summary>
    private static Dictionary<string, MatterAcknowledgement> Answers(MatterState state)
    {
        var answers = new Dictionary<string, MatterAcknowledgement>(StringComparer.Ordinal);
        foreach (var a in state.Acknowledgements)
        {
            answers.TryAdd(a.CustomerId, a);
        }

        return answers;
    }

    private static MatterRegisterEntry Entry(MatterState state, OtherMatter matter, MatterCustomer customer, Dictionary<string, MatterAcknowledgement> answers)
    {
        var answer = answers.GetValueOrDefault(customer.CustomerId);
        return new MatterRegisterEntry(
            customer.CustomerId, state.Id, Kebab.Of(matter.Kind), state.Status.ToString(), matter.ReceivedAt, customer.DueAt, state.ProhibitionInForce, state.Sending,
            answer is null ? null : Kebab.Of(answer.Basis), answer?.At);
    }

    /// <summary>
    /// Writes <paramref name="row"/> unless the stored row holds <paramref name="version"/> or a newer one (read, compare,
    /// write under its ETag, as <see cref="IncidentRegister"/> does). <paramref name="stored"/>: the row as just read, if it was.
    /// </summary>
    private async Task WriteVersionedAsync(TableEntity row, int version, bool assumeAbsent, TableEntity? stored, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            try
            {
                if (assumeAbsent && attempt == 0)
                {
                    await Table.Table.AddEntityAsync(row, cancellationToken);
                    return;
                }

                var current = attempt == 0 && stored is not null
                    ? stored
                    : await Table.Table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, select: ["Version"], cancellationToken: cancellationToken) is { HasValue: true } found ? found.Value : null;
                if (current is null)
                {
                    await Table.Table.AddEntityAsync(row, cancellationToken);
                    return;
                }

                if ((current.GetInt32("Version") ?? -1) >= version)
                {
                    return;
                }

                await Table.Table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another writer of the same row got there first: read again and compare versions.
            }
        }
    }

    /// <summary>One customer's register of matters, newest first (one partition), at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<MatterRegisterEntry>> RegisterAsync(string customerId, int max, CancellationToken cancellationToken = default)
    {
        var entries = new List<MatterRegisterEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CustomerPartition(customerId)}");
        await foreach (var row in Table.Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(JsonColumns.Read<MatterRegisterEntry>(row));
            if (entries.Count >= max)
            {
                break;
            }
        }

        return entries;
    }

    /// <summary>A customer's register partition; the id escaped (a partition key may not hold <c>/ \ # ?</c>).</summary>
    private static string CustomerPartition(string customerId) => "customer|" + Uri.EscapeDataString(customerId);

    private static string ListPartition(DateTimeOffset at) => ListPartitionPrefix + at.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);
}
