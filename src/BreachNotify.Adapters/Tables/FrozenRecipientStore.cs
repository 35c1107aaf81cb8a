using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BreachNotify.Notices;
using BreachNotify.Parties;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// The recipients a matter froze, in rows of their own in the matter's partition of the notice table (every kind's):
/// <c>rp|{matter}|{phase}|{version}|{page}</c>, one row per <see cref="PageSize"/> recipients in the order of their notice
/// ids (a JSON array, gzipped when large), written in entity-group transactions of a few pages and read a slice at a time
/// (one range query), so that a state row holds only the count and version (<see cref="RecipientFreeze"/>) however many
/// contacts there are, and freezing 10,000 recipients writes 20 rows, not 10,000. A page whose JSON would outgrow an
/// entity (very long names) is cut into part rows, <c>{page}|{part:D4}</c>, read in key order after it.
/// </summary>
/// <remarks>
/// Idempotent without a lock: the version is a hash of the list, and a row's key holds it, so writing the same list again
/// overwrites each row with itself, and a different list (the directory changed before a retried approval committed) lands
/// beside it, never mixed into it. What commits a freeze is the record of its count and version: the approval's event for
/// a sub-processor change or another matter, a marker row (<see cref="MarkAsync"/>, first writer wins) for a breach incident's
/// first notices. Rows of a list that never committed stay unread. Freezes written before pages have a row per recipient
/// (<c>r|{matter}|{phase}|{version}|{index}</c>): a slice with no page rows reads those.
/// </remarks>
public sealed class FrozenRecipientStore(StorageClients clients)
{
    /// <summary>Recipients per page row: about 100 KB of JSON at most of a directory's usual contacts, a fraction gzipped, far below an entity's 1 MiB.</summary>
    public const int PageSize = 500;

    private const string RowKind = "r";
    private const string PageKind = "rp";
    private const string MarkKind = "frozen";

    /// <summary>
    /// Most UTF-8 bytes of JSON one row holds: a page above it (long names) is cut into part rows, so that no row can
    /// outgrow an entity's 1 MiB (gzip never makes it much larger).
    /// </summary>
    private const int MaxRowJsonBytes = 600_000;

    /// <summary>Most JSON bytes of the rows in one transaction, below a transaction's 4 MiB; at most 100 rows besides.</summary>
    private const int MaxTransactionJsonBytes = 2_400_000;
    private const int Parallelism = 4;

    private TableClient Table => clients.Incidents;

    /// <summary>The version of a list: a hash of every field of every recipient, in order.</summary>
    public static string VersionOf(IReadOnlyList<Recipient> recipients)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var r in recipients)
        {
            var line = string.Join('\u001f', r.Kind, r.PartyId, r.PartyName, r.ContactIndex.ToString(CultureInfo.InvariantCulture), r.ContactName, r.Email, r.Locale,
                r.DueAt.UtcTicks.ToString(CultureInfo.InvariantCulture), r.Channel) + '\u001e';
            hash.AppendData(Encoding.UTF8.GetBytes(line));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>Writes the rows of <paramref name="recipients"/> (a repeat rewrites the same rows) and returns what a state records of them.</summary>
    public async Task<RecipientFreeze> WriteAsync(
        string matterId, int phase, IReadOnlyList<Recipient> recipients, string? directoryVersion, CancellationToken cancellationToken = default)
    {
        var freeze = new RecipientFreeze(recipients.Count, VersionOf(recipients), directoryVersion);
        var rows = recipients.Chunk(PageSize).SelectMany((page, i) => Parts(page).Select((part, k) => Row(matterId, phase, freeze.Version, i, k, part)));
        var chunks = Transactions(rows);
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (chunk, ct) =>
            await Table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), ct));
        return freeze;
    }

    /// <summary>
    /// A step's events with each approval's recipients written as rows of their own first (a lost race or a crash leaves
    /// rows no state names, which nothing reads; a retry rewrites the same rows): the approval keeps only their count and
    /// versions. <paramref name="unfrozen"/> gives an event's inline recipients (null for any other event),
    /// <paramref name="frozenAs"/> the event that records the freeze instead.
    /// </summary>
    public async Task<IReadOnlyList<TEvent>> FreezeApprovalsAsync<TEvent>(
        string matterId, IReadOnlyList<TEvent> events, Func<TEvent, IReadOnlyList<Recipient>?> unfrozen, Func<TEvent, RecipientFreeze, TEvent> frozenAs,
        string? directoryVersion, CancellationToken cancellationToken = default)
    {
        var frozenEvents = new List<TEvent>(events.Count);
        foreach (var e in events)
        {
            frozenEvents.Add(unfrozen(e) is { } recipients ? frozenAs(e, await WriteAsync(matterId, 0, recipients, directoryVersion, cancellationToken)) : e);
        }

        return frozenEvents;
    }

    /// <summary>
    /// Records <paramref name="freeze"/> as phase <paramref name="phase"/>'s, unless one is recorded already: returns the one that
    /// stands. Written after the rows, so a marker always names a complete list.
    /// </summary>
    public async Task<RecipientFreeze> MarkAsync(string matterId, int phase, RecipientFreeze freeze, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.AddEntityAsync(
                new TableEntity(matterId, MarkKey(matterId, phase))
                {
                    ["Count"] = freeze.Count,
                    ["Version"] = freeze.Version,
                    ["DirectoryVersion"] = freeze.DirectoryVersion,
                },
                cancellationToken);
            return freeze;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await MarkOfAsync(matterId, phase, cancellationToken) ?? freeze;
        }
    }

    /// <summary>Phase <paramref name="phase"/>'s recorded freeze (a point read), or null when its recipients are not frozen by a marker.</summary>
    public async Task<RecipientFreeze?> MarkOfAsync(string matterId, int phase, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(matterId, MarkKey(matterId, phase), cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetInt32("Count") is { } count && row.Value.GetString("Version") is { } version
            ? new RecipientFreeze(count, version, row.Value.GetString("DirectoryVersion"))
            : null;
    }

    /// <summary>The frozen recipients at positions <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), clamped to the list: one range query.</summary>
    public async Task<IReadOnlyList<Recipient>> SliceAsync(
        string matterId, int phase, RecipientFreeze freeze, int from, int to, CancellationToken cancellationToken = default)
    {
        from = Math.Max(0, from);
        to = Math.Min(freeze.Count, to);
        if (from >= to)
        {
            return [];
        }

        var recipients = new List<Recipient>(to - from);
        var pages = TableClient.CreateQueryFilter(
            $"PartitionKey eq {matterId} and RowKey ge {PageKey(matterId, phase, freeze.Version, from / PageSize)} and RowKey lt {PageKey(matterId, phase, freeze.Version, ((to - 1) / PageSize) + 1)}");
        var anyPage = false;
        var (currentPage, first) = (-1, 0);
        var pagePrefix = PagePrefix(matterId, phase, freeze.Version);
        await foreach (var row in Table.QueryAsync<TableEntity>(pages, cancellationToken: cancellationToken))
        {
            anyPage = true;
            // Rows come in key order: a page's first part, then its further parts (if it was cut), then the next page.
            var page = int.Parse(row.RowKey.AsSpan(pagePrefix.Length, 10), CultureInfo.InvariantCulture);
            (currentPage, first) = page == currentPage ? (currentPage, first) : (page, page * PageSize);
            var part = JsonColumns.Read<List<Recipient>>(row);
            recipients.AddRange(part.Skip(Math.Max(0, from - first)).Take(Math.Max(0, to - Math.Max(from, first))));
            first += part.Count;
        }

        if (!anyPage)
        {
            // A freeze written before pages: a row per recipient.
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {matterId} and RowKey ge {RowKey(matterId, phase, freeze.Version, from)} and RowKey lt {RowKey(matterId, phase, freeze.Version, to)}");
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1000, to - from), cancellationToken: cancellationToken))
            {
                recipients.Add(RecipientOf(row));
            }
        }

        if (recipients.Count != to - from)
        {
            // A committed freeze names a complete list: fewer rows means storage lost some, and sending on would skip people.
            throw new InvalidDataException($"Matter {matterId}: {recipients.Count} of the {to - from} frozen recipients {from}..{to} (version {freeze.Version}) are stored.");
        }

        return recipients;
    }

    /// <summary>Every frozen recipient (a view, the ledger): slices of a thousand.</summary>
    public async Task<IReadOnlyList<Recipient>> AllAsync(string matterId, int phase, RecipientFreeze freeze, CancellationToken cancellationToken = default)
    {
        var all = new List<Recipient>(freeze.Count);
        for (var from = 0; from < freeze.Count; from += 1000)
        {
            all.AddRange(await SliceAsync(matterId, phase, freeze, from, from + 1000, cancellationToken));
        }

        return all;
    }

    private static string RowKey(string matterId, int phase, string version, int index) =>
        $"{RowKind}|{matterId}|{phase:D4}|{version}|{index.ToString("D10", CultureInfo.InvariantCulture)}";

    private static string PagePrefix(string matterId, int phase, string version) => $"{PageKind}|{matterId}|{phase:D4}|{version}|";

    /// <summary>A page's first row; its further parts (a page cut for size) follow it as <c>{page}|{part:D4}</c>.</summary>
    private static string PageKey(string matterId, int phase, string version, int page) =>
        PagePrefix(matterId, phase, version) + page.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>
    /// A page's recipients as the old per-recipient rows kept them (no phase notice, which the fan-out sets itself; the due
    /// time in UTC, as the table service gives it back), so a list reads back the same whichever way it was written, cut
    /// into parts of at most <see cref="MaxRowJsonBytes"/> of JSON, each with its size.
    /// </summary>
    private static IEnumerable<(List<Recipient> Recipients, int Bytes)> Parts(Recipient[] page)
    {
        var part = new List<Recipient>();
        var bytes = 2;
        foreach (var r in page.Select(r => r with { Notice = null, DueAt = r.DueAt.ToUniversalTime() }))
        {
            var size = JsonSerializer.SerializeToUtf8Bytes(r, BreachNotify.DomainJson.Options).Length + 1;
            if (part.Count > 0 && bytes + size > MaxRowJsonBytes)
            {
                yield return (part, bytes);
                (part, bytes) = ([], 2);
            }

            part.Add(r);
            bytes += size;
        }

        if (part.Count > 0)
        {
            yield return (part, bytes);
        }
    }

    private static (TableEntity Row, int Bytes) Row(string matterId, int phase, string version, int page, int part, (List<Recipient> Recipients, int Bytes) content)
    {
        var key = PageKey(matterId, phase, version, page) + (part == 0 ? "" : $"|{part.ToString("D4", CultureInfo.InvariantCulture)}");
        var row = new TableEntity(matterId, key);
        JsonColumns.Write(row, content.Recipients);
        return (row, content.Bytes);
    }

    /// <summary>The rows cut into transactions of at most 100 rows and <see cref="MaxTransactionJsonBytes"/> of JSON.</summary>
    private static IEnumerable<List<TableEntity>> Transactions(IEnumerable<(TableEntity Row, int Bytes)> rows)
    {
        var transaction = new List<TableEntity>();
        var bytes = 0;
        foreach (var (row, size) in rows)
        {
            if (transaction.Count > 0 && (transaction.Count == 100 || bytes + size > MaxTransactionJsonBytes))
            {
                yield return transaction;
                (transaction, bytes) = ([], 0);
            }

            transaction.Add(row);
            bytes += size;
        }

        if (transaction.Count > 0)
        {
            yield return transaction;
        }
    }

    private static string MarkKey(string matterId, int phase) => $"{MarkKind}|{matterId}|{phase:D4}";

    private static Recipient RecipientOf(TableEntity row) => new(
        Enum.Parse<PartyKind>(row.GetString("PartyKind")!),
        row.GetString("PartyId")!,
        row.GetString("PartyName") ?? "",
        row.GetInt32("ContactIndex") ?? 0,
        row.GetString("ContactName") ?? "",
        row.GetString("Email")!,
        row.GetString("Locale") ?? "en",
        row.GetDateTimeOffset("DueAt") ?? DateTimeOffset.MinValue,
        Enum.TryParse<RecipientChannel>(row.GetString("Channel"), out var channel) ? channel : RecipientChannel.Email);
}
