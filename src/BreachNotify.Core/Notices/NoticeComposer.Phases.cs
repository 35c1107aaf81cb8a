using System.Globalization;
using BreachNotify.Incidents;

namespace BreachNotify.Notices;

/// <summary>The notices of later phases (GDPR Art. 33(4)): a follow-up saying what changed, the closing with the final report.</summary>
public sealed partial class NoticeComposer
{
    /// <summary>The template a phase's notice comes from: a first notice's own, else the follow-up's or the closing's.</summary>
    public MessageTemplate TemplateFor(Recipient recipient, PhaseNotice notice) => notice.Kind switch
    {
        PhaseKind.FollowUp => templates.For(NoticeTemplates.FollowUp, recipient.Locale),
        PhaseKind.Closing => templates.For(NoticeTemplates.Closing, recipient.Locale),
        _ => TemplateFor(recipient),
    };

    /// <summary>As <see cref="ComposeShared(IncidentState, Recipient)"/>, for a notice of any phase.</summary>
    public NoticeContent ComposeShared(IncidentState incident, Recipient recipient, PhaseNotice notice) =>
        notice.Kind == PhaseKind.Initial ? ComposeShared(incident, recipient) : Render(TemplateFor(recipient, notice), PhaseValues(incident, recipient, notice));

    public NoticeContent Compose(IncidentState incident, Recipient recipient, PhaseNotice notice) =>
        ComposeShared(incident, recipient, notice).With(PartyValues(recipient));

    /// <summary>The reminder of a phase's notice: a follow-up's or closing's reminder names that notice and its content, never the first notice's.</summary>
    public NoticeContent ComposeReminderShared(IncidentState incident, Recipient recipient, PhaseNotice notice) =>
        notice.Kind == PhaseKind.Initial
            ? ComposeReminderShared(incident, recipient)
            : Render(templates.For(NoticeTemplates.FollowUpReminder, recipient.Locale), PhaseValues(incident, recipient, notice));

    public NoticeContent ComposeReminder(IncidentState incident, Recipient recipient, PhaseNotice notice) =>
        ComposeReminderShared(incident, recipient, notice).With(PartyValues(recipient));

    private Dictionary<string, TemplateValue> PhaseValues(IncidentState incident, Recipient recipient, PhaseNotice notice)
    {
        var values = RecipientValues(incident, recipient);
        var culture = CultureOf(TemplateFor(recipient));
        var german = culture.Name == "de-DE";
        var original = incident.Phases.FirstOrDefault(p => p.Sequence == notice.OriginalPhase);
        values["sequence"] = Value(notice.Phase.ToString(CultureInfo.InvariantCulture));
        values["originalSequence"] = Value(notice.OriginalPhase.ToString(CultureInfo.InvariantCulture));
        values["originalSentAt"] = Value(original is null ? "" : Time(original.ApprovedAt, culture));
        if (notice.Kind == PhaseKind.FollowUp)
        {
            var changes = incident.Phases.FirstOrDefault(p => p.Sequence == notice.Phase)?.Changes ?? new IncidentChanges();
            values["changes"] = new TemplateValue(ChangesText(changes, notice.NoLongerAffected, german), Multiline: true);
            values["noLongerAffected"] = Value(!notice.NoLongerAffected ? ""
                : german ? "Nach unserer weiteren Untersuchung sind die Daten, die wir für Sie verarbeiten, von diesem Vorfall nicht betroffen."
                : "Our further investigation found that the data we process for you is not affected by this incident.");
        }

        if (notice.Kind == PhaseKind.Closing && incident.FinalReport is { } report)
        {
            values["rootCause"] = new TemplateValue(report.RootCause, Multiline: true);
            values["measuresTaken"] = new TemplateValue(report.MeasuresTaken, Multiline: true);
            values["dataRecovered"] = Value(report.DataRecovered switch
            {
                true => german ? "ja" : "yes",
                false => german ? "nein" : "no",
                null => german ? "nicht bekannt" : "not known",
            });
        }

        return values;
    }

    /// <summary>
    /// Each changed field, before and after; other parties only as counts (one customer never learns another's name).
    /// </summary>
    private static string ChangesText(IncidentChanges changes, bool noLongerAffected, bool german)
    {
        var lines = changes.Fields.Select(f => $"{FieldLabel(f.Field, german)}: {Shown(f.Before, german)} → {Shown(f.After, german)}").ToList();
        var added = changes.Parties.Count(p => p.Change == PartyChangeKind.NewlyAffected);
        var removed = changes.Parties.Count(p => p.Change == PartyChangeKind.NoLongerAffected) - (noLongerAffected ? 1 : 0);
        if (noLongerAffected)
        {
            lines.Add(german ? "Ihre Organisation: nicht mehr betroffen" : "Your organisation: no longer affected");
        }

        if (added > 0)
        {
            lines.Add(german ? $"Weitere betroffene Parteien: {added}" : $"Parties newly affected: {added}");
        }

        if (removed > 0)
        {
            lines.Add(german ? $"Nicht mehr betroffene Parteien: {removed}" : $"Parties no longer affected: {removed}");
        }

        return lines.Count == 0 ? (german ? "keine Änderung der gemeldeten Angaben" : "no change to what we told you") : string.Join('\n', lines);
    }

    private static string FieldLabel(string field, bool german) => (field, german) switch
    {
        ("verdict", false) => "Assessment",
        ("verdict", true) => "Bewertung",
        ("breachTypes", false) => "Breach types",
        ("breachTypes", true) => "Art der Verletzung",
        ("dataCategories", false) => "Categories of personal data",
        ("dataCategories", true) => "Kategorien personenbezogener Daten",
        ("approxRecords", false) => "Approximate number of records",
        ("approxRecords", true) => "Ungefähre Zahl der Datensätze",
        _ => field,
    };

    private static string Shown(string value, bool german) => value.Length > 0 ? value : german ? "keine Angabe" : "none";
}
