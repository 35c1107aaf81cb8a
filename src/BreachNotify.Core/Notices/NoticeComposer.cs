using System.Globalization;
using System.Net;
using System.Text;
using BreachNotify.Classification;
using BreachNotify.Incidents;
using BreachNotify.Parties;

namespace BreachNotify.Notices;

/// <summary>
/// Writes notices. A customer notice carries what GDPR Art. 33(3) asks of the customer's own report; a sub-processor
/// notice says what is asked of it. Detection text is untrusted: it never enters a subject, and it is encoded in HTML.
/// </summary>
public sealed class NoticeComposer(ProcessorDirectory directory)
{
    public NoticeContent Compose(IncidentState incident, Recipient recipient)
    {
        var german = recipient.Locale.StartsWith("de", StringComparison.OrdinalIgnoreCase);
        var culture = CultureInfo.GetCultureInfo(german ? "de-DE" : "en-GB");
        var c = incident.Classification ?? new Classification.Classification { Verdict = Verdict.NeedsReview };
        var processor = directory.Processor.Name;
        var subject = german
            ? $"Meldung einer Verletzung des Schutzes personenbezogener Daten: {processor}, Vorfall {incident.Id}"
            : $"Personal data breach notice from {processor}, incident {incident.Id}";

        var lines = new List<(string Label, string Value)>();
        if (german)
        {
            lines.Add(("An", recipient.PartyName));
            lines.Add(("Art der Verletzung", BreachTypes(c, german)));
            lines.Add(("Beschreibung", incident.Title));
            lines.Add(("Kenntnis erlangt", Time(incident.AwareAt, culture)));
            lines.Add(("Ihre Frist", Time(recipient.DueAt, culture)));
        }
        else
        {
            lines.Add(("To", recipient.PartyName));
            lines.Add(("Nature of the breach", BreachTypes(c, german)));
            lines.Add(("What was detected", incident.Title));
            lines.Add(("Aware since", Time(incident.AwareAt, culture)));
            lines.Add(("Due to you by", Time(recipient.DueAt, culture)));
        }

        if (recipient.Kind == PartyKind.Customer)
        {
            var categories = c.DataCategories.Count == 0 ? (german ? "noch unbekannt" : "not yet known") : string.Join(", ", c.DataCategories);
            var records = c.ApproxRecords is { } n ? n.ToString("N0", culture) : (german ? "noch unbekannt" : "not yet known");
            lines.Add((german ? "Kategorien personenbezogener Daten" : "Categories of personal data", categories));
            lines.Add((german ? "Ungefähre Zahl der Datensätze" : "Approximate number of records", records));
            lines.Add((german ? "Wahrscheinliche Folgen" : "Likely consequences", Consequences(c, german)));
            lines.Add((german ? "Ergriffene Maßnahmen" : "Measures taken or proposed", german
                ? "Eindämmung und Untersuchung laufen; wir informieren Sie über neue Erkenntnisse."
                : "Containment and investigation are under way; we will update you as we learn more."));
        }
        else
        {
            lines.Add((german ? "Wir bitten Sie" : "What we ask of you", german
                ? $"Eindämmung, Sicherung der Protokolle und Ihre eigenen Erkenntnisse bis {Time(recipient.DueAt, culture)}."
                : $"Contain the incident on your side, preserve logs, and send us your own findings by {Time(recipient.DueAt, culture)}."));
        }

        var contact = directory.Processor.ContactEmail ?? directory.Commanders.FirstOrDefault()?.Email ?? "";
        lines.Add((german ? "Ansprechpartner" : "Contact point", contact));
        var ackLabel = german ? "Bitte bestätigen Sie den Erhalt" : "Please acknowledge receipt";
        lines = [.. lines.Select(l => (l.Label, Plain(l.Value)))];

        var text = new StringBuilder();
        foreach (var (label, value) in lines)
        {
            text.Append(label).Append(": ").AppendLine(value);
        }

        text.AppendLine().Append(ackLabel).Append(": ").AppendLine(NoticeContent.AckUrlTag);

        var html = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">");
        html.Append("<h1 style=\"font-size:1.2em\">").Append(Encode(subject)).Append("</h1><dl>");
        foreach (var (label, value) in lines)
        {
            html.Append("<dt><strong>").Append(Encode(label)).Append("</strong></dt><dd>").Append(Encode(value)).Append("</dd>");
        }

        html.Append("</dl><p><a href=\"").Append(NoticeContent.AckUrlTag).Append("\">").Append(Encode(ackLabel)).Append("</a></p></body></html>");
        return new NoticeContent(subject, text.ToString(), html.ToString());
    }

    /// <summary>The request to commanders: ids and counts only, never detection text in the subject.</summary>
    public NoticeContent ComposeApprovalRequest(IncidentState incident, int sequence, string incidentUrl)
    {
        var subject = sequence == 0
            ? $"Decision needed: incident {incident.Id}"
            : $"ESCALATION {sequence}: incident {incident.Id} still awaits a decision";
        var c = incident.Classification;
        var body = $"Incident {incident.Id} ({c?.Verdict}, {c?.Confidence} confidence) awaits approval.\n" +
                   $"Affected customers: {c?.AffectedCustomers.Count ?? 0}; sub-processors: {c?.AffectedSubprocessors.Count ?? 0}; recipients: {incident.RecipientCount}.\n" +
                   $"Earliest due time: {incident.EarliestDueAt?.ToString("u", CultureInfo.InvariantCulture) ?? "none"}.\n" +
                   $"Review and decide: {incidentUrl}\n";
        var html = $"<!doctype html><html><body><pre>{Encode(body)}</pre><p><a href=\"{Encode(incidentUrl)}\">Open the incident</a></p></body></html>";
        return new NoticeContent(subject, body, html);
    }

    private static string BreachTypes(Classification.Classification c, bool german) =>
        c.BreachTypes.Count == 0 ? (german ? "wird noch bewertet" : "under assessment")
        : string.Join(", ", c.BreachTypes.Select(t => (t, german) switch
        {
            (BreachType.Confidentiality, false) => "confidentiality (unauthorised disclosure or access)",
            (BreachType.Integrity, false) => "integrity (unauthorised alteration)",
            (BreachType.Availability, false) => "availability (loss of access or destruction)",
            (BreachType.Confidentiality, true) => "Vertraulichkeit (unbefugte Offenlegung oder Zugriff)",
            (BreachType.Integrity, true) => "Integrität (unbefugte Veränderung)",
            _ => "Verfügbarkeit (Verlust des Zugangs oder Vernichtung)",
        }));

    private static string Consequences(Classification.Classification c, bool german)
    {
        var confidentiality = c.BreachTypes.Contains(BreachType.Confidentiality);
        return (confidentiality, german) switch
        {
            (true, false) => "Data subjects may be exposed to phishing, identity misuse or disclosure of sensitive employment information.",
            (false, false) => "Data subjects' records may be unavailable or altered until restored from backup.",
            (true, true) => "Betroffene könnten Phishing, Identitätsmissbrauch oder der Offenlegung sensibler Beschäftigtendaten ausgesetzt sein.",
            (false, true) => "Datensätze der Betroffenen könnten bis zur Wiederherstellung nicht verfügbar oder verändert sein.",
        };
    }

    private static string Time(DateTimeOffset at, CultureInfo culture) =>
        at.ToUniversalTime().ToString(culture.Name == "de-DE" ? "dd.MM.yyyy HH:mm 'UTC'" : "d MMM yyyy HH:mm 'UTC'", culture);

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    /// <summary>
    /// Drops what HTML encoding leaves in untrusted text: control characters and the bidirectional embeddings,
    /// overrides and isolates (U+202A..U+202E, U+2066..U+2069) that make a line read differently from what it says.
    /// </summary>
    private static string Plain(string value) =>
        value.Any(IsHidden) ? string.Concat(value.Where(c => !IsHidden(c))) : value;

    private static bool IsHidden(char c) => char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
