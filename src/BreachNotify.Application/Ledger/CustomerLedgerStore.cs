using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BreachNotify.Notices;
using BreachNotify.OtherNotices;
using BreachNotify.Parties;

namespace BreachNotify.Application.Ledger;

/// <summary>
/// Every customer's register across every kind of matter, in the matters table: one partition per customer
/// (<c>ledger|{id}</c>), one row per (matter, phase) it was told of (<c>{matterId}|{phase}</c>). The notice engine writes it
/// where a fan-out has its recipients (<see cref="NoticeFanOut"/>), inserting only: a retried fan-out finds the row
/// and keeps its first time. Reading a customer's register is one partition query; the notices' progress is read from each
/// matter's own partition, filtered by the customer (<see cref="NoticeStore.OfPartyAsync"/>).
/// </summary>
public sealed class CustomerLedgerStore(StorageClients clients, NoticeStore notices, TimeProvider time)
{
    public const int MaxEntries = 1000;
    private const int Parallelism = 8;

    /// <summary>Recipients read at once while recording a fan-out (a send item's worth).</summary>
    private const int Slice = 1000;

    /// <summary>The kinds a register entry can have, as the API spells them.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        ["incident", "subprocessor-change", .. Enum.GetValues<OtherNoticeKind>().Select(k => Kebab.Of(k))];

    /// <summary>Records, for each customer among the matter's recipients, that it was told of this matter (and phase). Idempotent.</summary>
    public async Task RecordAsync(MatterKind kind, INoticeMatter matter, int phase, CancellationToken cancellationToken = default)
    {
        // Read a slice at a time and kept per customer: a fan-out of 100,000 recipients never holds them all here either.
        var toldAt = time.GetUtcNow();
        var customers = new Dictionary<string, (string Name, DateTimeOffset DueAt, int Contacts)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var from = 0; from < matter.RecipientCount; from += Slice)
        {
            foreach (var r in (await matter.RecipientsAsync(from, Math.Min(from + Slice, matter.RecipientCount), cancellationToken)).Where(r => r.Kind == PartyKind.Customer))
            {
                if (customers.TryGetValue(r.PartyId, out var seen))
                {
                    customers[r.PartyId] = (seen.Name, r.DueAt < seen.DueAt ? r.DueAt : seen.DueAt, seen.Contacts + 1);
                }
                else
                {
                    customers[r.PartyId] = (r.PartyName, r.DueAt, 1);
                    order.Add(r.PartyId);
                }
            }
        }

        var entries = order.Select(id => new CustomerLedgerEntry(
            id, customers[id].Name, matter.KindName ?? Kebab.Of(kind), matter.Id, phase, toldAt, customers[id].DueAt, customers[id].Contacts));
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (entry, ct) =>
        {
            try
            {
                await clients.Matters.AddEntityAsync(Row(entry), ct);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Recorded by an earlier run of the same fan-out: its time stands.
            }
        });
    }

    /// <summary>A customer's register entries, newest first, at most <see cref="MaxEntries"/>.</summary>
    public async Task<IReadOnlyList<CustomerLedgerEntry>> EntriesAsync(string customerId, LedgerFilter filter, CancellationToken cancellationToken = default)
    {
        var entries = new List<CustomerLedgerEntry>();
        var query = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(customerId)}");
        await foreach (var row in clients.Matters.QueryAsync<TableEntity>(query, cancellationToken: cancellationToken))
        {
            entries.Add(Entry(row));
            if (entries.Count >= MaxEntries)
            {
                break;
            }
        }

        return [.. entries.Where(filter.Matches).OrderByDescending(e => e.ToldAt).ThenBy(e => e.MatterId, StringComparer.Ordinal).ThenByDescending(e => e.Phase)];
    }

    /// <summary>The entries with each one's notices to this customer (one partition-scoped query per matter).</summary>
    public async Task<IReadOnlyList<LedgerItem>> LedgerAsync(string customerId, LedgerFilter filter, CancellationToken cancellationToken = default)
    {
        var entries = await EntriesAsync(customerId, filter, cancellationToken);
        var byMatter = new Dictionary<string, IReadOnlyList<NoticeRecord>>(StringComparer.Ordinal);
        foreach (var id in entries.Select(e => e.MatterId).Distinct(StringComparer.Ordinal))
        {
            byMatter[id] = await notices.OfPartyAsync(id, nameof(PartyKind.Customer), customerId, cancellationToken);
        }

        return [.. entries.Select(e => new LedgerItem(
            e.Kind, e.MatterId, e.Phase, e.ToldAt, e.DueAt, e.Contacts, ConsolePath(e.Kind, e.MatterId),
            [.. byMatter[e.MatterId].Where(n => n.Sequence == e.Phase).OrderBy(n => NoticeId.IndexOf(n.NoticeId)).Select(n => new LedgerNotice(
                n.NoticeId, n.ContactName, n.Email, n.Status, n.SentAt, n.DeliveredAt, n.BouncedAt, n.AcknowledgedAt, n.AcknowledgedBy))]))];
    }

    /// <summary>The console page of a matter of <paramref name="kind"/>.</summary>
    public static string ConsolePath(string kind, string matterId) => kind switch
    {
        "incident" => "/console/incidents/",
        "subprocessor-change" => "/console/changes/",
        _ => "/console/matters/",
    } + Uri.EscapeDataString(matterId);

    /// <summary>A customer's partition; the id escaped (a partition key may not hold <c>/ \ # ?</c>).</summary>
    private static string Partition(string customerId) => "ledger|" + Uri.EscapeDataString(customerId);

    private static TableEntity Row(CustomerLedgerEntry e) => new(Partition(e.CustomerId), $"{e.MatterId}|{e.Phase.ToString("D3", CultureInfo.InvariantCulture)}")
    {
        ["CustomerId"] = e.CustomerId,
        ["CustomerName"] = e.CustomerName,
        ["Kind"] = e.Kind,
        ["MatterId"] = e.MatterId,
        ["Phase"] = e.Phase,
        ["ToldAt"] = e.ToldAt,
        ["DueAt"] = e.DueAt,
        ["Contacts"] = e.Contacts,
    };

    private static CustomerLedgerEntry Entry(TableEntity row) => new(
        row.GetString("CustomerId") ?? "", row.GetString("CustomerName") ?? "", row.GetString("Kind") ?? "", row.GetString("MatterId") ?? "",
        row.GetInt32("Phase") ?? 0, row.GetDateTimeOffset("ToldAt") ?? default, row.GetDateTimeOffset("DueAt"), row.GetInt32("Contacts") ?? 0);
}
