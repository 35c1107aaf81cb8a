using BreachNotify.Notices;
using BreachNotify.Parties;

namespace BreachNotify.OtherNotices;

/// <summary>
/// Writes a matter's notice and reminder from their templates: <see cref="NoticeTemplates.DsrNotice"/> for a data-subject
/// request (the subject by its identifier only, the customer's Art. 12(3) clock, "not answered without your written
/// authorisation"), <see cref="NoticeTemplates.MatterNotice"/> for every other kind. One rendering serves every recipient
/// of one template and language: the customer's name, the link and its due time are tags, filled per recipient.
/// A notice released after a legal prohibition says why it is late.
/// </summary>
public sealed class MatterNoticeComposer(ProcessorDirectory directory, NoticeTemplates templates)
{
    private static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        ["partyName"] = NoticeContent.PartyNameTag,
        ["ackUrl"] = NoticeContent.AckUrlTag,
        ["dueAt"] = NoticeContent.DueAtTag,
    };

    public static string NoticeKindOf(MatterState state) => state.Matter!.Kind switch
    {
        OtherNoticeKind.DataSubjectRequest => NoticeTemplates.DsrNotice,
        OtherNoticeKind.ContactDrill => NoticeTemplates.DrillNotice,
        _ => NoticeTemplates.MatterNotice,
    };

    public MessageTemplate TemplateFor(string kind, string? locale) => templates.For(kind, locale);

    public NoticeContent ComposeShared(string kind, MatterState state, string? locale)
    {
        var template = templates.For(kind, locale);
        var german = template.Locale.StartsWith("de", StringComparison.Ordinal);
        var m = state.Matter!;
        string Time(DateTimeOffset? at) => at is { } t ? NoticeComposer.FormatTime(t, template) : "";
        var values = new Dictionary<string, string>
        {
            ["processorName"] = directory.Processor.Name,
            ["matterId"] = state.Id,
            ["kindTitle"] = Title(m.Kind, german),
            ["summary"] = m.Summary,
            ["authority"] = m.Authority ?? "",
            ["disclosure"] = m.Disclosure ?? "",
            ["clause"] = m.Clause ?? "",
            ["respondBy"] = Time(m.RespondBy),
            ["receivedAt"] = Time(m.ReceivedAt),
            ["late"] = Late(state, m, template, german),
            ["subjectIdentifier"] = m.SubjectIdentifier ?? "",
            ["subjectRequestedAt"] = Time(m.SubjectRequestedAt ?? m.ReceivedAt),
            ["subjectAnswerDue"] = Time(MatterClock.SubjectAnswerDue(m)),
            ["subjectAnswerDueExtended"] = Time(MatterClock.SubjectAnswerDueExtended(m)),
            ["contactPoint"] = directory.Processor.ContactEmail ?? directory.Commanders.FirstOrDefault()?.Email ?? "",
        };
        return NoticeComposer.RenderWith(template, values, Tags);
    }

    /// <summary>What differs per recipient: its customer's name and that customer's due time.</summary>
    public IReadOnlyDictionary<string, string> RecipientValues(string kind, MatterState state, string customerId, string customerName, string? locale) =>
        NoticeComposer.TagValues(customerName, state.Customer(customerId)?.DueAt ?? state.RecordedAt, templates.For(kind, locale));

    public static string Title(OtherNoticeKind kind, bool german) => (kind, german) switch
    {
        (OtherNoticeKind.LawEnforcementRequest, false) => "Law-enforcement request for your data",
        (OtherNoticeKind.SupervisoryInquiry, false) => "Supervisory authority inquiry concerning your data",
        (OtherNoticeKind.DataSubjectRequest, false) => "Data subject request received directly",
        (OtherNoticeKind.CannotComply, false) => "We cannot comply with the data processing agreement",
        (OtherNoticeKind.InstructionInfringes, false) => "Your instruction may infringe data protection law",
        (OtherNoticeKind.RequiredProcessing, false) => "Processing required by law",
        (OtherNoticeKind.LawEnforcementRequest, true) => "Anfrage einer Strafverfolgungsbehörde zu Ihren Daten",
        (OtherNoticeKind.SupervisoryInquiry, true) => "Anfrage einer Aufsichtsbehörde zu Ihren Daten",
        (OtherNoticeKind.DataSubjectRequest, true) => "Direkt eingegangene Betroffenenanfrage",
        (OtherNoticeKind.CannotComply, true) => "Wir können den Auftragsverarbeitungsvertrag nicht einhalten",
        (OtherNoticeKind.ContactDrill, false) => "DRILL: test of your notice contacts",
        (OtherNoticeKind.InstructionInfringes, true) => "Ihre Weisung verstößt möglicherweise gegen Datenschutzrecht",
        (OtherNoticeKind.ContactDrill, true) => "ÜBUNG (DRILL): Test Ihrer Meldekontakte",
        _ => "Gesetzlich vorgeschriebene Verarbeitung",
    };

    private static string Late(MatterState state, OtherMatter m, MessageTemplate template, bool german)
    {
        if (state.ProhibitionLiftedAt is not { } lifted || m.Prohibition is not { } p)
        {
            return "";
        }

        var at = NoticeComposer.FormatTime(lifted, template);
        return german
            ? $"Ein gesetzliches Verbot untersagte uns, Sie zu unterrichten ({p.Basis}); es endete am {at}."
            : $"A legal prohibition forbade us to tell you ({p.Basis}); it ended on {at}.";
    }
}
