using System.Globalization;
using System.Net;
using BreachNotify.Classification;
using BreachNotify.Incidents;
using BreachNotify.Parties;

namespace BreachNotify.Notices;

/// <summary>
/// Writes every message from its template (<see cref="NoticeTemplates"/>). A customer notice carries what GDPR Art. 33(3)
/// asks of the customer's own report; a sub-processor notice says what is asked of it; commanders' wording
/// (<see cref="IncidentState.NoticeEdits"/>) replaces the generated text. Detection text is untrusted: it never enters a
/// subject, it is stripped of control and bidirectional characters and bounded, and it is encoded in HTML.
/// </summary>
public sealed partial class NoticeComposer(ProcessorDirectory directory, NoticeTemplates templates)
{
    /// <summary>The most characters one value puts into a message.</summary>
    public const int MaxValueLength = NoticeEdits.MaxFieldLength;

    /// <summary>The most characters of a party's name a notice shows.</summary>
    public const int MaxPartyNameLength = 500;

    /// <summary>One recipient's notice, its party's values put in (its link still a tag).</summary>
    public NoticeContent Compose(IncidentState incident, Recipient recipient) => ComposeShared(incident, recipient).With(PartyValues(recipient));

    /// <summary>
    /// The notice every recipient of <paramref name="recipient"/>'s template and language gets, whatever its party: the party's
    /// name and due time are tags (<see cref="NoticeContent"/>), filled per recipient from <see cref="PartyValues"/>.
    /// </summary>
    public NoticeContent ComposeShared(IncidentState incident, Recipient recipient) => Render(TemplateFor(recipient), RecipientValues(incident, recipient));

    /// <summary>A reminder to a recipient who has not acknowledged: the notice's essentials again, with a fresh link.</summary>
    public NoticeContent ComposeReminder(IncidentState incident, Recipient recipient) => ComposeReminderShared(incident, recipient).With(PartyValues(recipient));

    /// <summary>The reminder as <see cref="ComposeShared"/> renders the notice: one rendering for every recipient of the same <see cref="ReminderKey"/>.</summary>
    public NoticeContent ComposeReminderShared(IncidentState incident, Recipient recipient) =>
        Render(templates.For(NoticeTemplates.Reminder, recipient.Locale), RecipientValues(incident, recipient));

    /// <summary>Recipients with the same key share a reminder's rendering: its template, and the notice's (its kind's values, its language).</summary>
    public (MessageTemplate Reminder, MessageTemplate Notice) ReminderKey(Recipient recipient) =>
        (templates.For(NoticeTemplates.Reminder, recipient.Locale), TemplateFor(recipient));

    /// <summary>The template a recipient's notice comes from: recipients with the same one share a rendering (and a request).</summary>
    public MessageTemplate TemplateFor(Recipient recipient) =>
        templates.For(recipient.Kind == PartyKind.Customer ? NoticeTemplates.Customer : NoticeTemplates.Subprocessor, recipient.Locale);

    /// <summary>What differs per party, tag -> value, each value as the template's part needs it (the HTML one encoded).</summary>
    public IReadOnlyDictionary<string, string> PartyValues(Recipient recipient)
    {
        // Bounded so that a personalization's substitutions stay far below SendGrid's 10,000 bytes, even encoded for HTML.
        var name = NoticeContent.Untagged(Bound(Strip(recipient.PartyName), MaxPartyNameLength));
        return new Dictionary<string, string>
        {
            [NoticeContent.PartyNameTag] = name,
            [NoticeContent.PartyNameHtmlTag] = Encode(name),
            [NoticeContent.DueAtTag] = Encode(Time(recipient.DueAt, CultureOf(TemplateFor(recipient)))),
        };
    }

    /// <summary>The request to commanders (sequence above zero: an escalation): ids, counts and times only.</summary>
    public NoticeContent ComposeApprovalRequest(IncidentState incident, int sequence, string incidentUrl, string? locale = null)
    {
        var values = CommanderValues(incident, incidentUrl);
        values["sequence"] = Value(sequence.ToString(CultureInfo.InvariantCulture));
        values["escalation"] = Value(sequence > 0 ? sequence.ToString(CultureInfo.InvariantCulture) : "");
        return Render(templates.For(NoticeTemplates.ApprovalRequest, locale), values);
    }

    /// <summary>Tells commanders that recipients stayed silent after every reminder.</summary>
    public NoticeContent ComposeEscalation(IncidentState incident, int silentCount, int reminderCount, string incidentUrl, string? locale = null)
    {
        var values = CommanderValues(incident, incidentUrl);
        values["silentCount"] = Value(silentCount.ToString(CultureInfo.InvariantCulture));
        values["reminderCount"] = Value(reminderCount.ToString(CultureInfo.InvariantCulture));
        return Render(templates.For(NoticeTemplates.Escalation, locale), values);
    }

    /// <summary>
    /// Renders a message of another kind of matter with the same cleaning, bounds and encoding as a notice: <paramref name="values"/>
    /// are plain text; <paramref name="tags"/> name the placeholders that stand for what differs per recipient (placeholder -> tag of
    /// <see cref="NoticeContent"/>), filled per recipient from <see cref="TagValues"/>.
    /// </summary>
    public static NoticeContent RenderWith(MessageTemplate template, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> tags)
    {
        var all = values.ToDictionary(v => v.Key, v => new TemplateValue(v.Value));
        foreach (var (name, tag) in tags)
        {
            all[name] = new TemplateValue(tag, Raw: true, HtmlRaw: tag == NoticeContent.PartyNameTag ? NoticeContent.PartyNameHtmlTag : null);
        }

        return Render(template, all);
    }

    /// <summary>The per-recipient tag values for a party's name and a time (in <see cref="NoticeContent.DueAtTag"/>), as <see cref="PartyValues"/> gives a notice's.</summary>
    public static IReadOnlyDictionary<string, string> TagValues(string partyName, DateTimeOffset at, MessageTemplate template)
    {
        var name = NoticeContent.Untagged(Bound(Strip(partyName), MaxPartyNameLength));
        return new Dictionary<string, string>
        {
            [NoticeContent.PartyNameTag] = name,
            [NoticeContent.PartyNameHtmlTag] = Encode(name),
            [NoticeContent.DueAtTag] = Encode(Time(at, CultureOf(template))),
        };
    }

    /// <summary>A time as the messages of <paramref name="template"/>'s language write it.</summary>
    public static string FormatTime(DateTimeOffset at, MessageTemplate template) => Time(at, CultureOf(template));

    private Dictionary<string, TemplateValue> RecipientValues(IncidentState incident, Recipient recipient)
    {
        var template = TemplateFor(recipient);
        var culture = CultureOf(template);
        var german = culture.Name == "de-DE";
        var c = incident.Classification ?? new Classification.Classification { Verdict = Verdict.NeedsReview };
        var customerEdits = incident.NoticeEdits?.Customer;
        var subprocessorEdits = incident.NoticeEdits?.Subprocessor;
        var unknown = german ? "noch unbekannt" : "not yet known";
        var values = new Dictionary<string, TemplateValue>
        {
            ["processorName"] = Value(directory.Processor.Name),
            ["partyName"] = new TemplateValue(NoticeContent.PartyNameTag, Raw: true, HtmlRaw: NoticeContent.PartyNameHtmlTag),
            ["incidentId"] = Value(incident.Id),
            ["breachTypes"] = Value(BreachTypes(c, german)),
            ["awareAt"] = Value(Time(incident.AwareAt, culture)),
            ["dueAt"] = new TemplateValue(NoticeContent.DueAtTag, Raw: true),
            ["contactPoint"] = Value(directory.Processor.ContactEmail ?? directory.Commanders.FirstOrDefault()?.Email ?? ""),
            ["ackUrl"] = new TemplateValue(NoticeContent.AckUrlTag, Raw: true),
        };

        if (recipient.Kind == PartyKind.Customer)
        {
            values["nature"] = Edited(customerEdits?.Nature, BreachTypes(c, german));
            values["description"] = Edited(customerEdits?.Description, incident.Title);
            values["dataCategories"] = Value(c.DataCategories.Count == 0 ? unknown : string.Join(", ", c.DataCategories));
            values["approxRecords"] = Value(c.ApproxRecords is { } n ? n.ToString("N0", culture) : unknown);
            values["consequences"] = Edited(customerEdits?.Consequences, DefaultConsequences(c, german));
            values["measures"] = Edited(customerEdits?.Measures, DefaultMeasures(german));
            values["message"] = Edited(customerEdits?.Message, "");
            // The customer's controller pack sits behind its own notice's link (the link is a tag, filled per recipient).
            values["packUrl"] = new TemplateValue($"{NoticeContent.AckUrlTag}/controller-pack", Raw: true);
        }
        else
        {
            values["nature"] = Value(BreachTypes(c, german));
            values["description"] = Edited(subprocessorEdits?.Description, incident.Title);
            values["request"] = string.IsNullOrEmpty(subprocessorEdits?.Request)
                ? new TemplateValue(german
                    ? $"Eindämmung, Sicherung der Protokolle und Ihre eigenen Erkenntnisse bis {NoticeContent.DueAtTag}."
                    : $"Contain the incident on your side, preserve logs, and send us your own findings by {NoticeContent.DueAtTag}.", Tagged: true)
                : Edited(subprocessorEdits?.Request, "");
            values["message"] = Edited(subprocessorEdits?.Message, "");
        }

        return values;
    }

    private Dictionary<string, TemplateValue> CommanderValues(IncidentState incident, string incidentUrl)
    {
        var c = incident.Classification;
        return new Dictionary<string, TemplateValue>
        {
            ["processorName"] = Value(directory.Processor.Name),
            ["incidentId"] = Value(incident.Id),
            ["verdict"] = Value(c?.Verdict.ToString() ?? ""),
            ["confidence"] = Value(c?.Confidence.ToString() ?? ""),
            ["customerCount"] = Value((c?.AffectedCustomers.Count ?? 0).ToString(CultureInfo.InvariantCulture)),
            ["subprocessorCount"] = Value((c?.AffectedSubprocessors.Count ?? 0).ToString(CultureInfo.InvariantCulture)),
            ["recipientCount"] = Value(incident.RecipientCount.ToString(CultureInfo.InvariantCulture)),
            ["earliestDueAt"] = Value(incident.EarliestDueAt?.ToString("u", CultureInfo.InvariantCulture) ?? "none"),
            ["incidentUrl"] = Value(incidentUrl),
        };
    }

    private static NoticeContent Render(MessageTemplate template, Dictionary<string, TemplateValue> values)
    {
        bool Present(string name) => values.TryGetValue(name, out var v) && v.Text.Length > 0;
        string Get(string name, Func<TemplateValue, string> encode, bool html = false) =>
            values.TryGetValue(name, out var v) ? (v.Raw ? (html ? v.HtmlRaw ?? v.Text : v.Text) : encode(v.Tagged ? v : v with { Text = NoticeContent.Untagged(v.Text) })) : "";

        var subject = Bound(Strip(NoticeTemplates.Render(template.Subject, n => Get(n, v => Strip(v.Text)), Present), keepLines: false), 200);
        var text = NoticeTemplates.Render(template.Text, n => Get(n, v => Bound(Strip(v.Text, v.Multiline), MaxValueLength)), Present);
        var html = template.Html is { } markup
            ? NoticeTemplates.RenderHtml(markup, n => Get(n, v => Encode(Bound(Strip(v.Text, v.Multiline), MaxValueLength)).Replace("\n", "<br>", StringComparison.Ordinal), html: true), Present)
            : TextAsHtml(subject, text);
        return new NoticeContent(subject, text, html);
    }

    /// <summary>For a locale with a text template only: the rendered text, encoded, its links made links.</summary>
    private static string TextAsHtml(string subject, string text)
    {
        var body = Encode(text).Replace(NoticeContent.PartyNameTag, NoticeContent.PartyNameHtmlTag, StringComparison.Ordinal).Replace(NoticeContent.AckUrlTag, $"<a href=\"{NoticeContent.AckUrlTag}\">{NoticeContent.AckUrlTag}</a>", StringComparison.Ordinal)
            .Replace("\n", "<br>", StringComparison.Ordinal);
        return $"<!doctype html><html><body style=\"font-family:sans-serif\"><h1 style=\"font-size:1.2em\">{Encode(subject)}</h1><p>{body}</p></body></html>";
    }

    private static TemplateValue Value(string text) => new(text);

    /// <summary>The commander's wording when there is one (its line breaks kept), else the generated text.</summary>
    private static TemplateValue Edited(string? edited, string generated) =>
        string.IsNullOrEmpty(edited) ? new TemplateValue(generated) : new TemplateValue(edited, Multiline: true);

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

    /// <summary>The measures a customer notice names until a commander words them.</summary>
    public static string DefaultMeasures(bool german) => german
        ? "Eindämmung und Untersuchung laufen; wir informieren Sie über neue Erkenntnisse."
        : "Containment and investigation are under way; we will update you as we learn more.";

    /// <summary>The likely consequences a customer notice names until a commander words them.</summary>
    public static string DefaultConsequences(Classification.Classification c, bool german)
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

    private static CultureInfo CultureOf(MessageTemplate template) =>
        CultureInfo.GetCultureInfo(template.Locale.StartsWith("de", StringComparison.Ordinal) ? "de-DE" : "en-GB");

    private static string Time(DateTimeOffset at, CultureInfo culture) =>
        at.ToUniversalTime().ToString(culture.Name == "de-DE" ? "dd.MM.yyyy HH:mm 'UTC'" : "d MMM yyyy HH:mm 'UTC'", culture);

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    private static string Bound(string value, int max) => value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");

    /// <summary>Drops what HTML encoding leaves in untrusted text (<see cref="ReadableText"/>); a commander's multi-line wording keeps its line breaks.</summary>
    private static string Strip(string value, bool keepLines = false) => ReadableText.Clean(value, keepLines);

    /// <summary>
    /// A placeholder's value. <see cref="Raw"/>: put in as it is (a tag; <see cref="HtmlRaw"/> in the HTML when it differs);
    /// <see cref="Tagged"/>: generated text holding a tag on purpose (any other value has tags removed).
    /// </summary>
    private sealed record TemplateValue(string Text, bool Multiline = false, bool Raw = false, string? HtmlRaw = null, bool Tagged = false);
}
