using System.Text;
using System.Text.RegularExpressions;

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

    /// <summary>Renders a template part: <paramref name="value"/> gives each placeholder's value already encoded for the output.</summary>
    public static string Render(string template, Func<string, string> value, Func<string, bool> present)
    {
        var output = new StringBuilder(template.Length * 2);
        var emitting = new Stack<bool>();
        var on = true;
        var at = 0;
        foreach (Match m in Tag().Matches(template))
        {
            if (on)
            {
                output.Append(template, at, m.Index - at);
            }

            at = m.Index + m.Length;
            var name = m.Groups["name"].Value;
            switch (m.Groups["op"].Value)
            {
                case "#":
                case "^":
                    emitting.Push(on);
                    on = on && (present(name) == (m.Groups["op"].Value == "#"));
                    break;
                case "/":
                    on = emitting.Count > 0 ? emitting.Pop() : on;
                    break;
                default:
                    if (on)
                    {
                        output.Append(value(name));
                    }

                    break;
            }
        }

        if (on)
        {
            output.Append(template, at, template.Length - at);
        }

        return output.ToString();
    }

    private static IEnumerable<string> Check(string template, IReadOnlyList<string> allowed, string part, string source)
    {
        var open = new Stack<string>();
        foreach (Match m in Tag().Matches(template))
        {
            var name = m.Groups["name"].Value;
            if (!allowed.Contains(name))
            {
                yield return $"{source}: unknown placeholder {{{{{name}}}}} in the {part}; known: {string.Join(", ", allowed)}";
            }

            if (m.Groups["op"].Value is "#" or "^")
            {
                open.Push(name);
            }
            else if (m.Groups["op"].Value == "/")
            {
                if (open.Count == 0 || open.Pop() != name)
                {
                    yield return $"{source}: {{{{/{name}}}}} closes no open {{{{#{name}}}}} in the {part}";
                }
            }
        }

        if (open.Count > 0)
        {
            yield return $"{source}: {{{{#{open.Peek()}}}}} is never closed in the {part}";
        }

        if (Tag().Replace(template, "").Contains("{{", StringComparison.Ordinal))
        {
            yield return $"{source}: a '{{{{' that is not a placeholder in the {part} (placeholders are {{{{name}}}})";
        }
    }

    /// <summary>A line holding only a section tag disappears with its line break, so sections leave no blank lines.</summary>
    private static string Standalone(string text) => StandaloneTag().Replace(text, "$1");

    [GeneratedRegex(@"^(?<kind>[A-Za-z-]+)\.(?<locale>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)\.(?<ext>txt|html)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    [GeneratedRegex(@"\{\{\s*(?<op>[#^/]?)\s*(?<name>[A-Za-z][A-Za-z0-9]*)\s*\}\}")]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?m)^[ \t]*(\{\{\s*[#^/]\s*[A-Za-z][A-Za-z0-9]*\s*\}\})[ \t]*\n")]
    private static partial Regex StandaloneTag();
}
