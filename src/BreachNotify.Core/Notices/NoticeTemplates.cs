using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;

namespace BreachNotify.Notices;

/// <summary>One template file, as read at the edge: its name (<c>{kind}.{locale}.txt</c> or <c>.html</c>), its text, and where it came from (for problems).</summary>
public sealed record TemplateFile(string Name, string Content, string Source);

/// <summary>
/// One kind of message in one language. <see cref="Subject"/> and <see cref="Text"/> come from the <c>.txt</c> file
/// (its first line is <c>Subject: ...</c>, then a blank line, then the body); <see cref="Html"/> from the <c>.html</c>
/// file, or null when there is none (the composer then renders the text as HTML).
/// </summary>
public sealed record MessageTemplate(string Kind, string Locale, string Subject, string Text, string? Html);

/// <summary>
/// The templates of every kind of message, per locale: data, not code, so a deployment adds or overrides them without
/// rebuilding. Placeholders are <c>{{name}}</c>; <c>{{#name}}...{{/name}}</c> keeps its content only when the value is
/// not empty, <c>{{^name}}...{{/name}}</c> only when it is. Every kind needs an English template, the fallback.
/// </summary>
public sealed partial class NoticeTemplates
{
    public const string Customer = "customer";
    public const string Subprocessor = "subprocessor";
    public const string Reminder = "reminder";
    public const string Escalation = "escalation";
    public const string ApprovalRequest = "approval-request";
    public const string ChangeNotice = "change-notice";
    public const string ChangeReminder = "change-reminder";
    public const string ChangeWithdrawal = "change-withdrawal";
    public const string ChangeObjectionReceipt = "change-objection-receipt";
    public const string FollowUp = "follow-up";
    public const string Closing = "closing";
    public const string FollowUpReminder = "follow-up-reminder";
    public const string MatterNotice = "matter-notice";
    public const string DsrNotice = "dsr-notice";
    public const string MatterReminder = "matter-reminder";
    public const string DrillNotice = "drill-notice";
    public const string FallbackLocale = "en";

    /// <summary>What a notice to a party (and its reminder) may show.</summary>
    public static IReadOnlyList<string> RecipientPlaceholders { get; } =
    [
        "processorName", "partyName", "incidentId", "breachTypes", "nature", "description", "awareAt", "dueAt", "dataCategories",
        "approxRecords", "consequences", "measures", "request", "message", "contactPoint", "ackUrl", "packUrl",
    ];

    /// <summary>
    /// What a later phase's notice to a party told before (a follow-up, the closing) and its reminder may show: a notice's
    /// values, the phase's sequence, the notice it follows, what changed, whether the party is affected no longer, the final report.
    /// </summary>
    public static IReadOnlyList<string> PhasePlaceholders { get; } =
    [
        .. RecipientPlaceholders, "sequence", "originalSequence", "originalSentAt", "changes", "noLongerAffected", "rootCause", "measuresTaken",
        "dataRecovered",
    ];

    /// <summary>What a message to the commanders may show: ids, counts and times only.</summary>
    public static IReadOnlyList<string> CommanderPlaceholders { get; } =
    [
        "processorName", "incidentId", "verdict", "confidence", "customerCount", "subprocessorCount", "recipientCount", "earliestDueAt",
        "incidentUrl", "sequence", "escalation", "silentCount", "reminderCount",
    ];

    /// <summary>Subjects never carry detection text: only these.</summary>
    public static IReadOnlyList<string> SubjectPlaceholders { get; } = ["processorName", "incidentId", "sequence", "escalation", "silentCount"];

    /// <summary>What a sub-processor change's messages to a customer may show: the change as announced, never another customer's data.</summary>
    public static IReadOnlyList<string> ChangePlaceholders { get; } =
    [
        "processorName", "partyName", "changeId", "changeKind", "subprocessorName", "subprocessorEntity", "subprocessorPurpose",
        "subprocessorLocation", "replaces", "services", "regions", "effectiveAt", "objectByAt", "contactPoint", "ackUrl", "reason", "objectedAt",
    ];

    /// <summary>A change message's subject: the processor, the change and the sub-processor's name only.</summary>
    public static IReadOnlyList<string> ChangeSubjectPlaceholders { get; } = ["processorName", "changeId", "subprocessorName"];

    /// <summary>
    /// What the other notices (issue 18) may show: the matter as recorded, the subject of a data-subject request by its
    /// identifier only, never another customer's data.
    /// </summary>
    public static IReadOnlyList<string> MatterPlaceholders { get; } =
    [
        "processorName", "partyName", "matterId", "kindTitle", "summary", "authority", "disclosure", "clause", "respondBy", "receivedAt",
        "dueAt", "late", "subjectIdentifier", "subjectRequestedAt", "subjectAnswerDue", "subjectAnswerDueExtended", "contactPoint", "ackUrl",
    ];

    /// <summary>An other notice's subject: the processor, the matter's id and its kind only.</summary>
    public static IReadOnlyList<string> MatterSubjectPlaceholders { get; } = ["processorName", "matterId", "kindTitle"];

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Kinds { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [Customer] = RecipientPlaceholders,
        [Subprocessor] = RecipientPlaceholders,
        [Reminder] = RecipientPlaceholders,
        [Escalation] = CommanderPlaceholders,
        [ApprovalRequest] = CommanderPlaceholders,
        [ChangeNotice] = ChangePlaceholders,
        [ChangeReminder] = ChangePlaceholders,
        [ChangeWithdrawal] = ChangePlaceholders,
        [ChangeObjectionReceipt] = ChangePlaceholders,
        [FollowUp] = PhasePlaceholders,
        [Closing] = PhasePlaceholders,
        [FollowUpReminder] = PhasePlaceholders,
        [MatterNotice] = MatterPlaceholders,
        [DsrNotice] = MatterPlaceholders,
        [MatterReminder] = MatterPlaceholders,
        [DrillNotice] = MatterPlaceholders,
    };

    /// <summary>The placeholders a kind's subject may use.</summary>
    public static IReadOnlyList<string> SubjectPlaceholdersOf(string kind) => Kinds[kind] == ChangePlaceholders ? ChangeSubjectPlaceholders
        : Kinds[kind] == MatterPlaceholders ? MatterSubjectPlaceholders
        : SubjectPlaceholders;

    private readonly Dictionary<(string Kind, string Locale), MessageTemplate> _templates;

    private NoticeTemplates(Dictionary<(string Kind, string Locale), MessageTemplate> templates) => _templates = templates;

    public IEnumerable<MessageTemplate> All => _templates.Values;

    /// <summary>
    /// Reads template files in order: a later file with the same name replaces an earlier one (a deployment's folder after
    /// the built-in one). Each problem is one line starting with the file's <see cref="TemplateFile.Source"/>.
    /// </summary>
    public static (NoticeTemplates? Templates, IReadOnlyList<string> Problems) Parse(IEnumerable<TemplateFile> files, string missingSource)
    {
        var problems = new List<string>();
        var byName = new Dictionary<string, TemplateFile>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            byName[file.Name] = file;
        }

        var parts = new Dictionary<(string Kind, string Locale), (TemplateFile? Text, TemplateFile? Html)>();
        byName.Remove(LayoutName, out var layout);
        foreach (var file in byName.Values)
        {
            var match = FileName().Match(file.Name);
            if (!match.Success)
            {
                problems.Add($"{file.Source}: not a template name: expected {{kind}}.{{locale}}.txt or .html, kind one of {string.Join(", ", Kinds.Keys)}");
                continue;
            }

            var kind = Kinds.Keys.FirstOrDefault(k => k.Equals(match.Groups["kind"].Value, StringComparison.OrdinalIgnoreCase));
            if (kind is null)
            {
                problems.Add($"{file.Source}: unknown kind '{match.Groups["kind"].Value}', one of {string.Join(", ", Kinds.Keys)}");
                continue;
            }

            var key = (kind, match.Groups["locale"].Value.Replace('_', '-').ToLowerInvariant());
            parts.TryGetValue(key, out var pair);
            parts[key] = match.Groups["ext"].Value.Equals("txt", StringComparison.OrdinalIgnoreCase) ? pair with { Text = file } : pair with { Html = file };
        }

        var layoutParts = layout is null ? null : LayoutParts(layout, problems);
        var templates = new Dictionary<(string Kind, string Locale), MessageTemplate>();
        foreach (var ((kind, locale), (textFile, htmlFile)) in parts)
        {
            if (textFile is null)
            {
                problems.Add($"{htmlFile!.Source}: no {kind}.{locale}.txt beside it (the subject and the plain text come from it)");
                continue;
            }

            var before = problems.Count;
            var content = textFile.Content.Replace("\r\n", "\n", StringComparison.Ordinal);
            var firstLine = content.Split('\n', 2);
            if (!firstLine[0].StartsWith("Subject:", StringComparison.Ordinal) || firstLine[0].Length <= "Subject:".Length)
            {
                problems.Add($"{textFile.Source}: the first line must be 'Subject: ...'");
                continue;
            }

            var subject = firstLine[0]["Subject:".Length..].Trim();
            var text = Standalone((firstLine.Length > 1 ? firstLine[1] : "").TrimStart('\n'));
            problems.AddRange(Check(subject, SubjectPlaceholdersOf(kind), "subject", textFile.Source));
            problems.AddRange(Check(text, Kinds[kind], "text", textFile.Source));
            string? html = null;
            if (htmlFile is not null)
            {
                // Line breaks are not kept: HTML does not need them, and a rendered notice carries no control characters.
                html = string.Join(' ', htmlFile.Content.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
                problems.AddRange(Check(html, Kinds[kind], "html", htmlFile.Source));
                if (layoutParts is { } lp)
                {
                    // The one layout wraps every .html: each template holds its body only. The layout may read the locale.
                    html = $"{lp.Before.Replace(LayoutLocale, locale, StringComparison.Ordinal)} {html} {lp.After}".Trim();
                }
                else if (layout is null)
                {
                    problems.Add($"{htmlFile.Source}: no {LayoutName} to wrap it (the one HTML layout every .html template shares)");
                }
            }

            if (problems.Count == before)
            {
                templates[(kind, locale)] = new MessageTemplate(kind, locale, subject, text, html);
            }
        }

        foreach (var kind in Kinds.Keys.Where(k => !parts.ContainsKey((k, FallbackLocale))))
        {
            problems.Add($"{missingSource}: no English template {kind}.{FallbackLocale}.txt (English is the fallback of every kind)");
        }

        return problems.Count > 0 ? (null, problems) : (new NoticeTemplates(templates), problems);
    }

    /// <summary>The one HTML layout: its <c>{{ content }}</c> is where each .html template's body goes.</summary>
    public const string LayoutName = "_layout.html";

    private const string LayoutLocale = "{{ locale }}";

    /// <summary>
    /// The layout split at its <c>{{ content }}</c>, each side on one line; it may read <c>{{ locale }}</c> (the template's,
    /// filled in when composed) and nothing else, since it is shared by kinds that show different values.
    /// </summary>
    private static (string Before, string After)? LayoutParts(TemplateFile layout, List<string> problems)
    {
        var joined = string.Join(' ', layout.Content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        var slots = ContentSlot().Matches(joined);
        if (slots.Count != 1)
        {
            problems.Add($"{layout.Source}: the layout must hold {{{{ content }}}} exactly once (where each template's body goes)");
            return null;
        }

        var before = LocaleSlot().Replace(joined[..slots[0].Index].Trim(), LayoutLocale);
        var after = joined[(slots[0].Index + slots[0].Length)..].Trim();
        var count = problems.Count;
        problems.AddRange(Check($"{before}{after}", ["locale"], "layout", layout.Source));
        return problems.Count == count ? (before, after) : null;
    }

    /// <summary>The template for a contact's locale: exact (de-DE), then its language (de), then English.</summary>
    public MessageTemplate For(string kind, string? locale)
    {
        var wanted = (locale ?? "").Trim().Replace('_', '-').ToLowerInvariant();
        var language = wanted.Split('-')[0];
        foreach (var candidate in new[] { wanted, language, FallbackLocale })
        {
            if (candidate.Length > 0 && _templates.TryGetValue((kind, candidate), out var template))
            {
                return template;
            }
        }

        throw new KeyNotFoundException($"No {kind} template, not even English.");
    }

    /// <summary>
    /// Renders a template part (Liquid): <paramref name="value"/> gives each placeholder's value already encoded for the
    /// output, <paramref name="present"/> whether it has one (an absent value is nil: <c>{% if name %}</c> drops its content).
    /// </summary>
    public static string Render(string template, Func<string, string> value, Func<string, bool> present) =>
        LiquidTemplate.Render(template, value, present, NullEncoder.Default);

    /// <summary>Renders an HTML part: as <see cref="Render"/>, with anything that is not a value (a filter's output) HTML-encoded.</summary>
    public static string RenderHtml(string template, Func<string, string> value, Func<string, bool> present) =>
        LiquidTemplate.Render(template, value, present, HtmlEncoder.Default);

    private static IEnumerable<string> Check(string template, IReadOnlyList<string> allowed, string part, string source)
    {
        var (parsed, error) = LiquidTemplate.TryParse(template);
        if (parsed is null)
        {
            yield return $"{source}: the {part} is not valid Liquid: {error}";
            yield break;
        }

        foreach (var name in LiquidTemplate.Names(parsed).Where(n => !allowed.Contains(n)))
        {
            yield return $"{source}: unknown placeholder {{{{{name}}}}} in the {part}; known: {string.Join(", ", allowed)}";
        }
    }

    /// <summary>A line holding only a tag (<c>{% if %}</c>, <c>{% endif %}</c>...) disappears with its line break, so sections leave no blank lines.</summary>
    private static string Standalone(string text) => StandaloneTag().Replace(text, "$1");

    [GeneratedRegex(@"^(?<kind>[A-Za-z-]+)\.(?<locale>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)\.(?<ext>txt|html)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    [GeneratedRegex(@"(?m)^[ \t]*(\{%[^%\n]*%\})[ \t]*\n")]
    private static partial Regex StandaloneTag();

    [GeneratedRegex(@"\{\{-?\s*content\s*-?\}\}")]
    private static partial Regex ContentSlot();

    [GeneratedRegex(@"\{\{-?\s*locale\s*-?\}\}")]
    private static partial Regex LocaleSlot();
}
