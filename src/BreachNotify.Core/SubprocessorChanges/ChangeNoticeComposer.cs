using BreachNotify.Notices;
using BreachNotify.Parties;

namespace BreachNotify.SubprocessorChanges;

/// <summary>
/// Writes a sub-processor change's messages to customers (notice, reminder, withdrawal, objection receipt) from their
/// templates. One rendering serves every recipient of one template and language: the customer's name, the link and the
/// customer's own objection deadline are tags (<see cref="NoticeContent"/>), filled per recipient from <see cref="RecipientValues"/>.
/// </summary>
public sealed class ChangeNoticeComposer(ProcessorDirectory directory, NoticeTemplates templates)
{
    private static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        ["partyName"] = NoticeContent.PartyNameTag,
        ["ackUrl"] = NoticeContent.AckUrlTag,
        ["objectByAt"] = NoticeContent.DueAtTag,
    };

    public MessageTemplate TemplateFor(string kind, string? locale) => templates.For(kind, locale);

    /// <summary>One of the change kinds' messages (<see cref="NoticeTemplates.ChangeNotice"/> and the others) in <paramref name="locale"/>.</summary>
    public NoticeContent ComposeShared(string kind, SubprocessorChangeState change, string? locale, string? reason = null, DateTimeOffset? objectedAt = null)
    {
        var template = templates.For(kind, locale);
        var german = template.Locale.StartsWith("de", StringComparison.Ordinal);
        var c = change.Change!;
        var s = c.Subprocessor;
        var values = new Dictionary<string, string>
        {
            ["processorName"] = directory.Processor.Name,
            ["changeId"] = change.Id,
            ["changeKind"] = KindText(c.Kind, german),
            ["subprocessorName"] = s.Name,
            ["subprocessorEntity"] = s.Entity ?? "",
            ["subprocessorPurpose"] = s.Purpose ?? "",
            ["subprocessorLocation"] = s.Location ?? "",
            ["replaces"] = c.Replaces is { } replaced ? directory.Subprocessor(replaced)?.Name ?? replaced : "",
            ["services"] = string.Join(", ", c.Services.Select(id => directory.Services.FirstOrDefault(sv => sv.Id == id)?.Name ?? id)),
            ["regions"] = string.Join(", ", c.Regions),
            ["effectiveAt"] = NoticeComposer.FormatTime(c.EffectiveAt, template),
            ["contactPoint"] = directory.Processor.ContactEmail ?? directory.Commanders.FirstOrDefault()?.Email ?? "",
            ["reason"] = reason ?? "",
            ["objectedAt"] = objectedAt is { } at ? NoticeComposer.FormatTime(at, template) : "",
        };
        return NoticeComposer.RenderWith(template, values, Tags);
    }

    /// <summary>What differs per recipient: its customer's name and that customer's objection deadline.</summary>
    public IReadOnlyDictionary<string, string> RecipientValues(string kind, SubprocessorChangeState change, string customerId, string customerName, string? locale) =>
        NoticeComposer.TagValues(customerName, change.Window(customerId)?.ObjectByAt ?? change.Change!.EffectiveAt, templates.For(kind, locale));

    private static string KindText(ChangeKind kind, bool german) => (kind, german) switch
    {
        (ChangeKind.Add, false) => "a new sub-processor is added",
        (ChangeKind.Replace, false) => "a sub-processor is replaced",
        (ChangeKind.Remove, false) => "a sub-processor is removed",
        (ChangeKind.Add, true) => "ein neuer Unterauftragsverarbeiter kommt hinzu",
        (ChangeKind.Replace, true) => "ein Unterauftragsverarbeiter wird ersetzt",
        _ => "ein Unterauftragsverarbeiter entfällt",
    };
}
