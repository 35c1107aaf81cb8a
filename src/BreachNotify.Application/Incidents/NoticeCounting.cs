using BreachNotify.Notices;

namespace BreachNotify.Application.Incidents;

/// <summary>
/// A matter's <see cref="NoticeCounts"/>, of any kind: from its count rows (<see cref="NoticeCountRows"/>, one range query), else,
/// for a matter whose rows predate them, by streaming its rows; or from rows already read (a page that holds every notice counts
/// those rows, so that its counts and its list are of one moment).
/// </summary>
public static class NoticeCounting
{
    public static async Task<NoticeCounts> ReadAsync(NoticeStore notices, string matterId, CancellationToken cancellationToken = default) =>
        await notices.CountByFlagsAsync(matterId, cancellationToken) is { } byFlags
            ? Of(byFlags)
            : await OfAsync(notices.ProgressAsync(matterId, cancellationToken), cancellationToken);

    public static NoticeCounts Of(IReadOnlyDictionary<NoticeCountFlags, int> byFlags)
    {
        int Having(NoticeCountFlags flag) => byFlags.Where(f => f.Key.HasFlag(flag)).Sum(f => f.Value);
        return new(
            byFlags.Values.Sum(), Having(NoticeCountFlags.Pending), Having(NoticeCountFlags.Sent), Having(NoticeCountFlags.Failed),
            Having(NoticeCountFlags.Acknowledged), Having(NoticeCountFlags.Delivered), Having(NoticeCountFlags.Bounced));
    }

    /// <summary>The counts of rows' status columns (the same tests as <see cref="NoticeCountRows.Of"/>).</summary>
    public static NoticeCounts Of(IEnumerable<NoticeRecord> records)
    {
        var tally = new Tally();
        foreach (var r in records)
        {
            tally.Add(r);
        }

        return tally.Counts;
    }

    public static async Task<NoticeCounts> OfAsync(IAsyncEnumerable<NoticeRecord> records, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        await foreach (var r in records.WithCancellation(cancellationToken))
        {
            tally.Add(r);
        }

        return tally.Counts;
    }

    private sealed class Tally
    {
        private int total, pending, sent, failed, acknowledged, delivered, bounced;

        public NoticeCounts Counts => new(total, pending, sent, failed, acknowledged, delivered, bounced);

        public void Add(NoticeRecord r)
        {
            total++;
            pending += r.State is NoticeStatus.Pending or NoticeStatus.Sending ? 1 : 0;
            sent += r.SentAt is not null ? 1 : 0;
            failed += r.State is NoticeStatus.Failed or NoticeStatus.Bounced ? 1 : 0;
            acknowledged += r.AcknowledgedAt is not null ? 1 : 0;
            delivered += r.DeliveredAt is not null ? 1 : 0;
            bounced += r.State is NoticeStatus.Bounced ? 1 : 0;
        }
    }
}
