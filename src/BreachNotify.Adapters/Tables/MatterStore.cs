using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BreachNotify.OtherNotices;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// The table <c>{prefix}matters</c>, through the shared <see cref="MatterTable{TState, TEvent}"/> (state and history rows per
/// matter, owed work). Besides: the list in month partitions (<c>list-yyyyMM</c> of the recording, newest first) and the
/// <c>prohibitions</c> timer partition (a row per matter whose prohibition still holds, due at its end or review date).
/// The list is written after the matter's own transaction (a row a crash left behind is rewritten by the next step); the
/// timer row also before it (<see cref="MatterWorkflow"/>), so a held notice never loses its release to a crash. Each customer concerned also has
/// its register partition (<c>customer|{id}</c>, newest first), so a customer's register is one partition query.
/// </summary>
public sealed class MatterStore(StorageClients clients, TimeProvider time, ILogger<MatterStore> logger)
{
    public const int ListMonths = 24;
    public const string ProhibitionsPartition = "prohibitions";
    private const string ListPartitionPrefix = "list-";

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
            await RefreshRowsAsync(next, cancellationToken);
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

    /// <summary>The list row and the prohibition timer row, from the state.</summary>
    public async Task RefreshRowsAsync(MatterState state, CancellationToken cancellationToken = default)
    {
        if (state.Matter is not { } matter)
        {
            return;
        }

        var newestFirst = (DateTimeOffset.MaxValue.UtcTicks - state.RecordedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        var row = new TableEntity(ListPartition(state.RecordedAt), $"{newestFirst}|{state.Id}") { ["Status"] = state.Status.ToString(), ["Version"] = state.Version };
        JsonColumns.Write(row, new MatterListEntry(
            state.Id, Kebab.Of(matter.Kind), state.Status.ToString(), [.. state.Customers.Select(c => c.CustomerId)], matter.ReceivedAt, state.RecordedAt,
            state.Customers.Select(c => (DateTimeOffset?)c.DueAt).Min(), state.ProhibitionInForce));
        await Table.Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        foreach (var customer in state.Customers)
        {
            var answer = state.AcknowledgementOf(customer.CustomerId);
            var entry = new TableEntity(CustomerPartition(customer.CustomerId), $"{newestFirst}|{state.Id}");
            JsonColumns.Write(entry, new MatterRegisterEntry(
                customer.CustomerId, state.Id, Kebab.Of(matter.Kind), state.Status.ToString(), matter.ReceivedAt, customer.DueAt, state.ProhibitionInForce, state.Sending,
                answer is null ? null : Kebab.Of(answer.Basis), answer?.At));
            await Table.Table.UpsertEntityAsync(entry, TableUpdateMode.Replace, cancellationToken);
        }

        if (matter.Prohibition is not null)
        {
            await Table.SetTimerAsync(ProhibitionsPartition, state.Id, MatterDecider.NextCheckAt(state), cancellationToken);
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
