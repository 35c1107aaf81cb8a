using BreachNotify.Notices;
using BreachNotify.OtherNotices;

namespace BreachNotify.Application.OtherNotices;

/// <summary>
/// What a contact drill found, per customer and contact, read from the drill's notices (the engine records their sending,
/// acknowledgement through the link page and bounces from SendGrid's events): who acknowledged, who bounced, who stayed silent.
/// An acknowledgement outranks a later bounce (the address was read); a bounce outranks silence.
/// </summary>
public sealed record DrillReport(string MatterId, string Status, DateTimeOffset? DecidedAt, DrillCounts Counts, IReadOnlyList<DrillCustomerResult> Customers)
{
    public const string Acknowledged = "acknowledged";
    public const string Bounced = "bounced";
    public const string Silent = "silent";
    public const string NotSent = "not-sent";

    public static DrillReport Of(MatterState state, IEnumerable<NoticeRecord> notices)
    {
        var first = notices.Where(n => n.Sequence == 0).OrderBy(n => n.RowKey, StringComparer.Ordinal).ToList();
        var customers = first
            .GroupBy(n => n.PartyId, StringComparer.Ordinal)
            .Select(g => new DrillCustomerResult(g.Key, g.First().PartyName, [.. g.OrderBy(n => n.ContactIndex).Select(ResultOf)]))
            .ToList();
        var all = customers.SelectMany(c => c.Contacts).ToList();
        var counts = new DrillCounts(
            all.Count, all.Count(c => c.Outcome == Acknowledged), all.Count(c => c.Outcome == Bounced), all.Count(c => c.Outcome == Silent), all.Count(c => c.Outcome == NotSent));
        return new DrillReport(state.Id, state.Status.ToString(), state.DecidedAt, counts, customers);
    }

    private static DrillContactResult ResultOf(NoticeRecord n)
    {
        var outcome = n.AcknowledgedAt is not null ? Acknowledged
            : n.BouncedAt is not null || n.State == NoticeStatus.Bounced ? Bounced
            : n.SentAt is not null ? Silent
            : NotSent;
        return new DrillContactResult(
            n.NoticeId, n.ContactName, n.Email, outcome, n.SentAt, n.AcknowledgedAt, n.AcknowledgedBy, n.BouncedAt, outcome == Bounced ? n.LastError : null);
    }
}
