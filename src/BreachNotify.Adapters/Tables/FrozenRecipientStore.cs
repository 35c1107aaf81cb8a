using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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
/// contacts there are, and freezing 10,000 recipients writes 20 rows, not 10,000.
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

    /// <summary>Pages per transaction: well below a transaction's 4 MiB even for pages stored as text.</summary>
    private const int PagesPerTransaction = 8;
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
        var chunks = recipients.Chunk(PageSize).Select((page, i) => Page(matterId, phase, freeze.Version, i, page)).Chunk(PagesPerTransaction);
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
        await foreach (var row in Table.QueryAsync<TableEntity>(pages, cancellationToken: cancellationToken))
        {
            anyPage = true;
            var first = PageOf(row) * PageSize;
            var page = JsonColumns.Read<List<Recipient>>(row);
            recipients.AddRange(page.Skip(Math.Max(0, from - first)).Take(Math.Max(0, to - Math.Max(from, first))));
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

    private static string PageKey(string matterId, int phase, string version, int page) =>
        $"{PageKind}|{matterId}|{phase:D4}|{version}|{page.ToString("D10", CultureInfo.InvariantCulture)}";

    private static int PageOf(TableEntity row) => int.Parse(row.RowKey.AsSpan(row.RowKey.LastIndexOf('|') + 1), CultureInfo.InvariantCulture);

    /// <summary>
    /// One page: each recipient as the old per-recipient rows kept it (no phase notice, which the fan-out sets itself; the
    /// due time in UTC, as the table service gives it back), so a list reads back the same whichever way it was written.
    /// </summary>
    private static TableEntity Page(string matterId, int phase, string version, int page, Recipient[] recipients)
    {
        var row = new TableEntity(matterId, PageKey(matterId, phase, version, page));
        JsonColumns.Write(row, recipients.Select(r => r with { Notice = null, DueAt = r.DueAt.ToUniversalTime() }).ToList());
        return row;
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
