using System.Globalization;
using System.Net;
using BreachNotify.Notices;
using BreachNotify.Parties;

namespace BreachNotify.Application.Delivery;

/// <summary>
/// Tells the commanders (every commander of the directory, as for unacknowledged notices) that a notice bounced or
/// was dropped: which party and notice, and how many of that party's other contacts can still be reached. The
/// bounced address itself is not in the mail; the incident view shows it to commanders.
/// </summary>
public sealed class BounceAlerter(NoticeStore notices, ProcessorDirectory directory, IMailSender mail, PublicLinks links)
{
    public async Task<bool> AlertAsync(NoticeRecord bounced, CancellationToken cancellationToken)
    {
        var commanders = directory.Commanders;
        if (commanders.Count == 0)
        {
            return true; // The directory validator requires commanders; nothing to tell otherwise.
        }

        var party = await notices.OfPartyAsync(bounced.IncidentId, bounced.PartyKind, bounced.PartyId, cancellationToken);
        var others = party.Where(r => r.NoticeId != bounced.NoticeId).ToList();
        var reachable = others.Count(r => r.State is not (NoticeStatus.Bounced or NoticeStatus.Failed));
        // A change notice is worded for its change and links the change's console page.
        // So is an other notice's (a law-enforcement request, a drill, ...): its matter's console page.
        var change = ChangeId.IsWellFormed(bounced.IncidentId);
        var matter = MatterId.IsWellFormed(bounced.IncidentId);
        var url = change ? ChangeNoticeSource.UrlOf(links, bounced.IncidentId)
            : matter ? $"{links.BaseUrl.ToString().TrimEnd('/')}/console/matters/{Uri.EscapeDataString(bounced.IncidentId)}"
            : links.Incident(bounced.IncidentId);
        var content = Compose(bounced, others.Count, reachable, url, change ? "sub-processor change" : matter ? "matter" : "incident");
        var outcome = await mail.SendAsync(new OutgoingMail(content, [.. commanders.Select(c => new MailRecipient(c.Email, c.Name, null, null))]), cancellationToken);
        return outcome.Accepted;
    }

    internal static NoticeContent Compose(NoticeRecord bounced, int otherContacts, int reachable, string incidentUrl, string matter = "incident")
    {
        var heading = matter == "incident" ? "Incident" : "Change";
        var kind = bounced.PartyKind.ToLowerInvariant();
        var what = bounced.LastError?.StartsWith("dropped", StringComparison.Ordinal) == true ? "dropped by SendGrid" : "bounced";
        var due = bounced.DueAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            $"Notice {bounced.NoticeId} of {matter} {bounced.IncidentId} to {kind} {bounced.PartyName} ({bounced.PartyId}), contact {bounced.ContactName}, {what}: it did not reach them.",
            reachable > 0
                ? $"{reachable} of {bounced.PartyName}'s {otherContacts} other contact(s) can still be reached (their notices have neither bounced nor failed)."
                : $"No other contact of {bounced.PartyName} can be reached by email ({otherContacts} other contact(s) in the directory): tell them another way before {due}.",
            $"The notice is due by {due}. {heading}: {incidentUrl}",
        };
        var subject = $"Notice not delivered: {bounced.PartyName} ({bounced.PartyId}), {matter} {bounced.IncidentId}";
        var html = "<!doctype html>" + string.Concat(lines.Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>"));
        return new NoticeContent(subject, string.Join('\n', lines) + "\n", html);
    }
}
