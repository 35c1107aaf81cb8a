using System.Globalization;
using System.Text;
using BreachNotify.Functions.Incidents;
using BreachNotify.Functions.Pages;
using BreachNotify.Functions.Storage;
using BreachNotify.Incidents;
using BreachNotify.Notices;
using static BreachNotify.Functions.CommanderConsole.ConsolePage;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>The console's pages: server-rendered, every value encoded, readable without script and on a phone.</summary>
internal static class ConsolePages
{
    public static HtmlPage SignIn(ConsolePage page, string returnUrl, string? error, bool easyAuth) =>
        HtmlPage.Of<SignInPage>(200, new()
        {
            [nameof(SignInPage.Page)] = page,
            [nameof(SignInPage.ReturnUrl)] = returnUrl,
            [nameof(SignInPage.Error)] = error,
            [nameof(SignInPage.EasyAuth)] = easyAuth,
        });

    /// <summary>
    /// The console's error page as text, for the pages not yet on components (OtherNotices' matter pages, whose helper
    /// moves them onto <see cref="ConsoleProblemPage"/>); delete it with their last caller.
    /// </summary>
    public static string Problem(ConsolePage page, string title, string message) =>
        page.Layout(title, $"<h1>{E(title)}</h1><p>{E(message)}</p><p><a href=\"/console\">Back to the queue</a></p>");

    public static HtmlPage ProblemPage(ConsolePage page, string title, string message) =>
        HtmlPage.Of<ConsoleProblemPage>(200, new()
        {
            [nameof(ConsoleProblemPage.Page)] = page,
            [nameof(ConsoleProblemPage.Title)] = title,
            [nameof(ConsoleProblemPage.Message)] = message,
        });

    public static string Queue(ConsolePage page, IReadOnlyList<IncidentSummary> incidents, IReadOnlyDictionary<string, NoticeCounts> progress)
    {
        // Pending updates first: the parties already told are waiting for the follow-up (the list comes in that order).
        var waiting = incidents.Where(i => i.Status is nameof(IncidentStatus.UpdatePending) or nameof(IncidentStatus.AwaitingDecision)).ToList();
        var others = incidents.Where(i => i.Status is not (nameof(IncidentStatus.UpdatePending) or nameof(IncidentStatus.AwaitingDecision))).ToList();
        var body = new StringBuilder("<h1>Incident queue</h1>");
        body.Append("<p class=\"note\">Times in ").Append(E(page.Zone.Id)).Append("; remaining time as of ").Append(page.Time(page.Now)).Append(".</p>");
        body.Append("<section aria-labelledby=\"waiting\"><h2 id=\"waiting\">Needs a decision (").Append(waiting.Count).Append(")</h2>");
        body.Append(waiting.Count == 0 ? "<p>Nothing waits for a decision.</p>" : IncidentTable(page, waiting, progress, "queue-waiting"));
        body.Append("</section><section aria-labelledby=\"others\"><h2 id=\"others\">Other incidents (").Append(others.Count).Append(")</h2>");
        body.Append(others.Count == 0 ? "<p>None.</p>" : IncidentTable(page, others, progress, "queue-others"));
        body.Append("</section>");
        return page.Layout("Queue", body.ToString(), "/console");
    }

    private static string IncidentTable(ConsolePage page, IReadOnlyList<IncidentSummary> incidents, IReadOnlyDictionary<string, NoticeCounts> progress, string id)
    {
        var t = new StringBuilder($"<div class=\"scroll\"><table id=\"{id}\"><thead><tr><th scope=\"col\">Incident</th><th scope=\"col\">Classification</th>")
            .Append("<th scope=\"col\">Aware</th><th scope=\"col\">Earliest due</th><th scope=\"col\">Remaining</th><th scope=\"col\">Customers</th><th scope=\"col\">Sub-processors</th>")
            .Append("<th scope=\"col\">Notices</th><th scope=\"col\">Status</th></tr></thead><tbody>");
        foreach (var i in incidents)
        {
            var closed = i.Status is nameof(IncidentStatus.Rejected) or nameof(IncidentStatus.NoBreach) or nameof(IncidentStatus.Closed);
            var update = i.Status == nameof(IncidentStatus.UpdatePending);
            var counts = progress.GetValueOrDefault(i.Id);
            var allSent = counts is { Total: > 0 } && counts.Sent == counts.Total;
            t.Append("<tr class=\"incident\" data-id=\"").Append(E(i.Id)).Append("\"><td><a href=\"/console/incidents/").Append(E(Uri.EscapeDataString(i.Id))).Append("\">")
                .Append(E(i.Id)).Append("</a><br><span class=\"note\">").Append(E(i.Title)).Append("</span></td>")
                .Append("<td>").Append(E(Words(i.Verdict) ?? "not classified")).Append("</td>")
                .Append("<td>").Append(page.Time(i.AwareAt)).Append("</td>")
                .Append("<td>").Append(page.Time(i.EarliestDueAt)).Append("</td>")
                .Append("<td class=\"remaining\">")
                .Append(update ? (i.UpdateDueAt is null ? "update pending" : "update: " + page.Countdown(i.UpdateDueAt)) : closed ? "-" : allSent ? "all sent" : page.Countdown(i.EarliestDueAt))
                .Append("</td>")
                .Append("<td>").Append(i.Customers).Append("</td><td>").Append(i.Subprocessors).Append("</td>")
                .Append("<td class=\"notices\">").Append(counts is null ? "-" : E($"{counts.Sent} of {counts.Total} sent, {counts.Acknowledged} acknowledged")).Append("</td>")
                .Append("<td>").Append(E(Words(i.Status))).Append("</td></tr>");
        }

        return t.Append("</tbody></table></div>").ToString();
    }

    public static string Incident(ConsolePage page, IncidentView v, string? message, bool error, NoticeEditing? editing = null)
    {
        var b = new StringBuilder();
        b.Append("<p><a href=\"/console\">Queue</a></p><h1>").Append(E(v.Title)).Append("</h1>").Append(Message(message, error));
        var earliest = v.Deadlines.Count == 0 ? (DateTimeOffset?)null : v.Deadlines.Min(d => d.DueAt);
        b.Append("<dl class=\"facts\"><dt>Incident</dt><dd>").Append(E(v.Id)).Append("</dd><dt>Status</dt><dd id=\"status\">").Append(E(Words(v.Status))).Append("</dd>")
            .Append("<dt>Aware</dt><dd id=\"aware\">").Append(page.Time(v.AwareAt)).Append("</dd>")
            .Append("<dt>Earliest due</dt><dd id=\"earliest-due\">").Append(page.Time(earliest))
            .Append(CountsDown(v) ? " (" + page.Countdown(earliest) + ")" : "").Append("</dd></dl>");
        b.Append("<p class=\"exports\">Evidence: <a href=\"/console/incidents/").Append(Path(v.Id)).Append("/report\">printable report</a> · ")
            .Append("<a href=\"/console/incidents/").Append(Path(v.Id)).Append("/export.json\">JSON</a> · ")
            .Append("<a href=\"/console/incidents/").Append(Path(v.Id)).Append("/notices.csv\">notices (CSV)</a></p>");

        // Why first (what was detected, how it was classified, who is affected and by when), then the decision.
        b.Append(Detections(page, v));
        b.Append(ClassificationSection(v));
        b.Append(Affected(page, v));
        if (v.DeadLetters.Count > 0)
        {
            b.Append("<section aria-labelledby=\"letters\"><h2 id=\"letters\">Dead letters (").Append(v.DeadLetters.Count).Append(")</h2><ul>");
            foreach (var l in v.DeadLetters)
            {
                b.Append("<li>").Append(page.Time(l.DeadLetteredAt)).Append(": ").Append(E(l.Error)).Append(" (").Append(l.DequeueCount).Append(" tries)</li>");
            }

            b.Append("</ul><p><a href=\"/console/deadletters\">Re-drive on the dead letters page</a></p></section>");
        }

        // A Received incident is classified within moments; until then (or if its classification failed) a commander
        // may still reclassify it by hand, but not approve or reject what nobody has classified.
        if (v.Status is "AwaitingDecision" or "NoBreach" or "Received")
        {
            b.Append(DecisionForms(page, v, editing?.Recipients.Count));
        }

        if (v.Status == "AwaitingDecision" && editing is not null)
        {
            b.Append(EditForm(page, v, editing));
        }

        b.Append(Phases(page, v));
        if (v.Status == nameof(IncidentStatus.Approved))
        {
            b.Append(CloseForm(page, v));
        }

        if (v.Status == "Approved" || v.Notices.Count > 0)
        {
            b.Append(Progress(page, v));
        }

        b.Append(Timeline(v.Timeline, page.Time, "timeline"));
        return page.Layout(v.Title, b.ToString());
    }

    /// <summary>
    /// The incident's rounds of notices, and while an update is pending what changed since the parties were told
    /// (per field before and after, per party) with the form that approves the follow-up.
    /// </summary>
    private static string Phases(ConsolePage page, IncidentView v)
    {
        var b = new StringBuilder();
        if (v.PendingChanges is { } changes && v.Status == nameof(IncidentStatus.UpdatePending))
        {
            b.Append("<section aria-labelledby=\"update\"><h2 id=\"update\">Update pending</h2><p>Since the notices went out the incident changed; nothing is sent until a commander approves the follow-up.</p>");
            if (changes.Fields.Count > 0)
            {
                b.Append("<table id=\"changed-fields\"><thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Before</th><th scope=\"col\">After</th></tr></thead><tbody>");
                foreach (var f in changes.Fields)
                {
                    b.Append("<tr><td>").Append(E(f.Field)).Append("</td><td>").Append(E(f.Before)).Append("</td><td>").Append(E(f.After)).Append("</td></tr>");
                }

                b.Append("</tbody></table>");
            }

            if (changes.Parties.Count > 0)
            {
                b.Append("<ul id=\"changed-parties\">");
                foreach (var p in changes.Parties)
                {
                    b.Append("<li>").Append(E(Words(p.Kind.ToString()))).Append(' ').Append(E(p.PartyId)).Append(": ")
                        .Append(p.Change == PartyChangeKind.NewlyAffected ? "newly affected (first notice)" : "no longer affected (told so in its follow-up)").Append("</li>");
                }

                b.Append("</ul>");
            }

            b.Append("<form method=\"post\" action=\"/console/incidents/").Append(Path(v.Id)).Append("/decision\" class=\"decision\">").Append(page.Token())
                .Append("<input type=\"hidden\" name=\"decision\" value=\"approve-update\">")
                .Append("<p><label for=\"update-comment\">Comment (optional)</label><br><textarea id=\"update-comment\" name=\"comment\" maxlength=\"4000\" rows=\"2\"></textarea></p>")
                .Append("<p><button type=\"submit\">Approve the follow-up</button></p></form></section>");
        }

        if (v.Phases is { Count: > 0 } phases)
        {
            b.Append("<section aria-labelledby=\"phases\"><h2 id=\"phases\">Phases</h2><ol id=\"phase-list\" start=\"0\">");
            foreach (var p in phases)
            {
                b.Append("<li>").Append(E(Words(p.Kind.ToString()))).Append(", approved ").Append(page.Time(p.ApprovedAt)).Append(" by ").Append(E(p.ApprovedBy)).Append("</li>");
            }

            b.Append("</ol>");
            if (v.FinalReport is { } report)
            {
                b.Append("<dl class=\"facts\" id=\"final-report\"><dt>Root cause</dt><dd>").Append(E(report.RootCause)).Append("</dd><dt>Measures taken</dt><dd>")
                    .Append(E(report.MeasuresTaken)).Append("</dd><dt>Data recovered</dt><dd>").Append(report.DataRecovered is { } r ? (r ? "yes" : "no") : "not known").Append("</dd></dl>");
            }

            b.Append("</section>");
        }

        return b.ToString();
    }

    /// <summary>Closing an approved incident: the final report every notified party gets.</summary>
    private static string CloseForm(ConsolePage page, IncidentView v) =>
        new StringBuilder("<section aria-labelledby=\"close\"><details><summary><h2 id=\"close\">Close with a final report</h2></summary>")
            .Append("<form method=\"post\" action=\"/console/incidents/").Append(Path(v.Id)).Append("/decision\" class=\"decision\">").Append(page.Token())
            .Append("<input type=\"hidden\" name=\"decision\" value=\"close\">")
            .Append("<p><label for=\"root-cause\">Root cause (required)</label><br><textarea id=\"root-cause\" name=\"rootCause\" required maxlength=\"4000\" rows=\"3\"></textarea></p>")
            .Append("<p><label for=\"measures-taken\">Measures taken (required)</label><br><textarea id=\"measures-taken\" name=\"measuresTaken\" required maxlength=\"4000\" rows=\"3\"></textarea></p>")
            .Append("<p><label for=\"data-recovered\">Data recovered</label><br><select id=\"data-recovered\" name=\"dataRecovered\"><option value=\"\">Not known</option>")
            .Append("<option value=\"true\">Yes</option><option value=\"false\">No</option></select></p>")
            .Append("<p><button type=\"submit\" class=\"secondary\">Close the incident</button></p></form></details></section>").ToString();

    /// <summary>The decision forms; the approve button counts what the approval sends and the timeline then records: notices, one per contact.</summary>
    private static string DecisionForms(ConsolePage page, IncidentView v, int? notices)
    {
        var action = $"/console/incidents/{Path(v.Id)}/decision";
        var b = new StringBuilder("<section aria-labelledby=\"decide\"><h2 id=\"decide\">Decision</h2>");
        if (v.Status == "Received")
        {
            b.Append("<p role=\"status\" id=\"classifying\">Still being classified: approve or reject once it awaits a decision (reload in a few seconds). ")
                .Append("If its classification failed, reclassify it by hand.</p>");
        }

        if (v.Status == "AwaitingDecision")
        {
            b.Append("<form method=\"post\" action=\"").Append(action).Append("\" class=\"decision\">").Append(page.Token())
                .Append("<input type=\"hidden\" name=\"decision\" value=\"approve\">")
                .Append("<p><label for=\"approve-comment\">Comment (optional)</label><br><textarea id=\"approve-comment\" name=\"comment\" maxlength=\"4000\" rows=\"2\"></textarea></p>")
                .Append("<p><button type=\"submit\">").Append(notices is { } n ? $"Approve and send {n} {(n == 1 ? "notice" : "notices")}" : "Approve and send the notices")
                .Append("</button></p></form>");
            b.Append("<form method=\"post\" action=\"").Append(action).Append("\" class=\"decision\">").Append(page.Token())
                .Append("<input type=\"hidden\" name=\"decision\" value=\"reject\">")
                .Append("<p><label for=\"reject-comment\">Reason for not notifying</label><br><textarea id=\"reject-comment\" name=\"comment\" maxlength=\"4000\" rows=\"2\"></textarea></p>")
                .Append("<p><button type=\"submit\" class=\"secondary\">Reject: do not notify</button></p></form>");
        }

        b.Append("<form method=\"post\" action=\"").Append(action).Append("\" class=\"decision\">").Append(page.Token())
            .Append("<input type=\"hidden\" name=\"decision\" value=\"reclassify\">")
            .Append("<fieldset><legend>Reclassify</legend><p><label for=\"verdict\">Verdict</label><br><select id=\"verdict\" name=\"verdict\" required>")
            .Append("<option value=\"\">Choose</option><option value=\"personalDataBreach\">Personal data breach</option>")
            .Append("<option value=\"notPersonalDataBreach\">Not a personal data breach</option><option value=\"needsReview\">Needs review</option></select></p>")
            .Append("<p><label for=\"reason\">Reason (required)</label><br><textarea id=\"reason\" name=\"comment\" required maxlength=\"4000\" rows=\"2\"></textarea></p>")
            .Append("<p><label for=\"reclassify-customers\">Affected customers (ids, comma-separated, optional)</label><br><input id=\"reclassify-customers\" name=\"customers\" maxlength=\"2000\"></p>")
            .Append("<p><button type=\"submit\" class=\"secondary\">Reclassify</button></p></fieldset></form></section>");
        return b.ToString();
    }

    private static readonly IReadOnlyDictionary<string, string> FieldLabels = new Dictionary<string, string>
    {
        ["customer.nature"] = "Nature of the breach",
        ["customer.description"] = "What was detected",
        ["customer.consequences"] = "Likely consequences",
        ["customer.measures"] = "Measures taken or proposed",
        ["customer.message"] = "Extra message to customers",
        ["subprocessor.description"] = "What was detected",
        ["subprocessor.request"] = "What we ask of the sub-processor",
        ["subprocessor.message"] = "Extra message to sub-processors",
    };

    /// <summary>The commanders' wording of the notices (prefilled with the current edits) and a preview link per recipient.</summary>
    private static string EditForm(ConsolePage page, IncidentView v, NoticeEditing editing)
    {
        // Collapsed unless there is text in it (saved edits, or a refused form shown back).
        var open = editing.Texts.Values.Any(t => t.Length > 0) ? " open" : "";
        var b = new StringBuilder("<section aria-labelledby=\"edit-notices\"><details id=\"edit-details\"").Append(open)
            .Append("><summary><h2 id=\"edit-notices\">Edit the notices</h2></summary>")
            .Append("<p class=\"note\">Your text replaces the generated text in every notice of that audience; an empty field keeps the generated text. ")
            .Append("Approving sends the saved text.</p>")
            .Append("<form method=\"post\" action=\"/console/incidents/").Append(Path(v.Id)).Append("/edits\" class=\"notice-edits\">").Append(page.Token());
        foreach (var (audience, legend) in new[] { ("customer", "Customer notices"), ("subprocessor", "Sub-processor notices") })
        {
            b.Append("<fieldset><legend>").Append(E(legend)).Append("</legend>");
            foreach (var field in NoticeEdits.Fields[audience])
            {
                var key = $"{audience}.{field}";
                var id = $"edit-{audience}-{field}";
                b.Append("<p><label for=\"").Append(id).Append("\">").Append(E(FieldLabels[key])).Append("</label><br><textarea id=\"").Append(id).Append("\" name=\"")
                    .Append(E(key)).Append("\" maxlength=\"").Append(NoticeEdits.MaxFieldLength).Append("\" rows=\"3\">")
                    .Append(E(editing.Texts.GetValueOrDefault(key))).Append("</textarea></p>");
            }

            b.Append("</fieldset>");
        }

        b.Append("<p><button type=\"submit\" class=\"secondary\">Save the notices' text</button></p></form></details>");
        if (editing.Recipients.Count > 0)
        {
            b.Append("<h3>Preview as sent</h3><ul id=\"previews\">");
            foreach (var r in editing.Recipients.Take(100))
            {
                b.Append("<li><a href=\"/console/incidents/").Append(Path(v.Id)).Append("/preview?recipient=").Append(E(Uri.EscapeDataString(r.Key))).Append("\">")
                    .Append(E($"{r.PartyName}: {r.ContactName} <{r.Email}>")).Append("</a> <span class=\"note\">").Append(E($"{r.Kind}, {r.Locale}")).Append("</span></li>");
            }

            b.Append("</ul>");
        }

        return b.Append("</section>").ToString();
    }

    /// <summary>One recipient's notice as it would be sent: subject and text encoded in <c>pre</c>, the HTML in a sandboxed frame (no scripts, no same origin).</summary>
    public static string Preview(ConsolePage page, IncidentView v, Recipient recipient, NoticePreviewView preview)
    {
        var b = new StringBuilder("<p><a href=\"/console/incidents/").Append(Path(v.Id)).Append("\">Back to the incident</a></p>")
            .Append("<h1>Notice preview</h1><dl class=\"facts\"><dt>Incident</dt><dd>").Append(E(v.Id)).Append("</dd>")
            .Append("<dt>Recipient</dt><dd id=\"preview-recipient\">").Append(E($"{recipient.PartyName}: {recipient.ContactName} <{recipient.Email}>")).Append("</dd>")
            .Append("<dt>Locale</dt><dd>").Append(E(preview.Locale)).Append("</dd>")
            .Append("<dt>Subject</dt><dd id=\"preview-subject\">").Append(E(preview.Subject)).Append("</dd></dl>")
            .Append("<p class=\"note\">As it would be sent now; the acknowledgement link is a placeholder.</p>")
            .Append("<h2>Text</h2><pre id=\"preview-text\" class=\"notice-text\">").Append(E(preview.Text)).Append("</pre>")
            .Append("<h2>HTML</h2><iframe id=\"preview-html\" class=\"notice-html\" title=\"The notice's HTML body\" sandbox=\"\" referrerpolicy=\"no-referrer\" srcdoc=\"")
            .Append(E(preview.Html)).Append("\"></iframe>");
        return page.Layout("Notice preview", b.ToString());
    }

    private static string Progress(ConsolePage page, IncidentView v)
    {
        var c = v.NoticeCounts;
        var b = new StringBuilder("<section aria-labelledby=\"progress\"><h2 id=\"progress\">Notices</h2>");
        if (c.Total == 0)
        {
            b.Append("<p role=\"status\">Approved; the notices are being prepared.</p></section>");
            return b.ToString();
        }

        b.Append("<div class=\"bars\">")
            .Append(Bar("sent", "Sent", c.Sent, c.Total)).Append(Bar("acknowledged", "Acknowledged", c.Acknowledged, c.Total))
            .Append(Bar("failed", "Failed", c.Failed, c.Total)).Append(Bar("pending", "Pending", c.Pending, c.Total)).Append("</div>");
        b.Append(NoticeProgressChart.Svg("notice-chart", v.AwareAt, [.. v.Notices.Select(n => new NoticeTimes(n.SentAt, n.DeliveredAt, n.AcknowledgedAt, n.DueAt))], page.Zone));
        b.Append("<div class=\"scroll\"><table id=\"notices\"><thead><tr><th scope=\"col\">Recipient</th><th scope=\"col\">Contact</th><th scope=\"col\">Status</th>")
            .Append("<th scope=\"col\">Due</th><th scope=\"col\">Sent</th><th scope=\"col\">Delivered</th><th scope=\"col\">Acknowledged</th></tr></thead><tbody>");
        foreach (var n in v.Notices.OrderBy(n => n.RecipientId, StringComparer.Ordinal).ThenBy(n => n.Contact.Email, StringComparer.Ordinal))
        {
            b.Append("<tr class=\"notice\" data-status=\"").Append(E(n.Status)).Append("\"><td>").Append(E(n.RecipientId)).Append("</td><td>")
                .Append(E(n.Contact.Name)).Append("<br><span class=\"note\">").Append(E(n.Contact.Email)).Append("</span></td><td>").Append(E(n.Status))
                .Append(n.LastError is null ? "" : "<br><span class=\"note\">" + E(n.LastError) + "</span>").Append("</td><td>").Append(page.Time(n.DueAt))
                .Append("</td><td>").Append(page.Time(n.SentAt)).Append("</td><td>").Append(page.Time(n.DeliveredAt)).Append("</td><td>").Append(page.Time(n.AcknowledgedAt))
                .Append(n.AcknowledgedBy is null ? "" : "<br>by " + E(n.AcknowledgedBy)).Append("</td></tr>");
        }

        return b.Append("</tbody></table></div></section>").ToString();
    }

    private static string Bar(string id, string label, int value, int total) =>
        $"<p class=\"bar\"><label for=\"bar-{id}\">{E(label)}: <span class=\"count\" id=\"count-{id}\">{value}</span> of {total}</label>" +
        $"<progress id=\"bar-{id}\" max=\"{total}\" value=\"{value}\">{value} of {total}</progress></p>";

    private static string ClassificationSection(IncidentView v)
    {
        var b = new StringBuilder("<section aria-labelledby=\"classification\"><h2 id=\"classification\">Classification</h2>");
        if (v.Classification is not { } c)
        {
            return b.Append("<p>Not classified yet.</p></section>").ToString();
        }

        b.Append("<dl class=\"facts\"><dt>Verdict</dt><dd id=\"verdict-text\">").Append(E(Words(c.Verdict))).Append("</dd>")
            .Append("<dt>Breach types</dt><dd>").Append(E(c.BreachTypes.Count == 0 ? "none" : string.Join(", ", c.BreachTypes))).Append("</dd>")
            .Append("<dt>Confidence</dt><dd>").Append(E(c.Confidence)).Append("</dd>")
            .Append("<dt>Assets</dt><dd>").Append(E(c.Assets.Count == 0 ? "none recognised" : string.Join(", ", c.Assets))).Append("</dd>")
            .Append("<dt>Data categories</dt><dd>").Append(E(c.DataCategories.Count == 0 ? "-" : string.Join(", ", c.DataCategories))).Append("</dd>")
            .Append("<dt>Approximate records</dt><dd>").Append(c.ApproxRecords is { } r ? r.ToString("N0", CultureInfo.InvariantCulture) : "-").Append("</dd></dl>")
            .Append("<h3>Rationale</h3><ol class=\"rationale\">");
        foreach (var line in c.Rationale)
        {
            b.Append("<li>").Append(E(line)).Append("</li>");
        }

        return b.Append("</ol></section>").ToString();
    }

    private static string Affected(ConsolePage page, IncidentView v)
    {
        var b = new StringBuilder("<section aria-labelledby=\"affected\"><h2 id=\"affected\">Affected parties and clocks</h2>");
        b.Append("<h3>Customers (").Append(v.Affected.Customers.Count).Append(")</h3>").Append(Parties(page, v, v.Affected.Customers, "customers"));
        b.Append("<h3>Sub-processors (").Append(v.Affected.Subprocessors.Count).Append(")</h3>").Append(Parties(page, v, v.Affected.Subprocessors, "subprocessors"));
        if (v.StatutoryClocks.Count > 0)
        {
            b.Append("<h3>Statutory clocks (context for each customer)</h3><div class=\"scroll\"><table id=\"statutory\"><thead><tr><th scope=\"col\">Customer</th><th scope=\"col\">Regime</th>")
                .Append("<th scope=\"col\">Who tells whom</th><th scope=\"col\">Limit</th><th scope=\"col\">Due</th><th scope=\"col\">Clock starts</th><th scope=\"col\">Confirmation</th></tr></thead><tbody>");
            foreach (var s in v.StatutoryClocks)
            {
                b.Append("<tr><td>").Append(E(s.CustomerId)).Append("</td><td>").Append(E(s.Regime)).Append("</td><td>").Append(E(s.WhoTellsWhom))
                    .Append("</td><td>").Append(E(s.Limit)).Append("</td><td>").Append(page.Time(s.DueAt)).Append("</td><td>").Append(E(s.ClockStarts))
                    .Append("</td><td>").Append(E(s.Level == BreachNotify.Clocks.ConfirmationLevel.Confirmed ? "confirmed (statute read)" : "secondary (commentary only)"))
                    .Append("</td></tr>");
            }

            b.Append("</tbody></table></div>");
        }

        return b.Append("</section>").ToString();
    }

    private static string Parties(ConsolePage page, IncidentView v, IReadOnlyList<string> ids, string tableId)
    {
        if (ids.Count == 0)
        {
            return "<p>None.</p>";
        }

        var b = new StringBuilder($"<div class=\"scroll\"><table id=\"{tableId}\"><thead><tr><th scope=\"col\">Id</th><th scope=\"col\">Due</th><th scope=\"col\">Remaining</th><th scope=\"col\">Basis</th></tr></thead><tbody>");
        foreach (var id in ids)
        {
            var due = v.Deadlines.FirstOrDefault(d => d.RecipientId == id);
            b.Append("<tr><td>").Append(tableId == "customers" ? Ledger.LedgerPages.Link(id) : E(id)).Append("</td><td>").Append(page.Time(due?.DueAt)).Append("</td><td>")
                .Append(CountsDown(v) ? page.Countdown(due?.DueAt) : "-").Append("</td><td>").Append(E(due?.Basis ?? "-")).Append("</td></tr>");
        }

        return b.Append("</tbody></table></div>").ToString();
    }

    private static string Detections(ConsolePage page, IncidentView v)
    {
        var b = new StringBuilder("<section aria-labelledby=\"detections\"><h2 id=\"detections\">Detections (").Append(v.Detections.Count).Append(")</h2>");
        foreach (var d in v.Detections)
        {
            b.Append("<article class=\"detection\"><h3>").Append(E(d.Title)).Append("</h3><dl class=\"facts\">")
                .Append("<dt>Source</dt><dd>").Append(E($"{d.Source} ({d.Format}), id {d.SourceId}")).Append("</dd>")
                .Append("<dt>Detected</dt><dd>").Append(page.Time(d.DetectedAt)).Append("</dd>")
                .Append("<dt>Severity</dt><dd>").Append(E(d.Severity.ToString())).Append("</dd>")
                .Append("<dt>Source status</dt><dd>").Append(E(d.SourceStatus ?? "-")).Append("</dd>")
                .Append("<dt>Assets</dt><dd>").Append(E(d.AssetRefs.Count == 0 ? "-" : string.Join(", ", d.AssetRefs))).Append("</dd>")
                .Append("<dt>Categories</dt><dd>").Append(E(d.Categories.Count == 0 ? "-" : string.Join(", ", d.Categories))).Append("</dd>");
            if (d.ReportedBySubprocessor is { } sp)
            {
                b.Append("<dt>Reported by sub-processor</dt><dd>").Append(E(sp)).Append("</dd>");
            }

            b.Append("</dl>");
            if (!string.IsNullOrWhiteSpace(d.Description))
            {
                b.Append("<p>").Append(E(d.Description)).Append("</p>");
            }

            b.Append("</article>");
        }

        return b.Append("</section>").ToString();
    }

    public static string Timeline(IReadOnlyList<TimelineEntry> timeline, Func<DateTimeOffset?, string> time, string id)
    {
        var b = new StringBuilder($"<section aria-labelledby=\"{id}-h\"><h2 id=\"{id}-h\">Timeline</h2><div class=\"scroll\"><table id=\"{id}\"><thead><tr>")
            .Append("<th scope=\"col\">Time</th><th scope=\"col\">Event</th><th scope=\"col\">Actor</th><th scope=\"col\">Detail</th></tr></thead><tbody>");
        foreach (var t in timeline)
        {
            b.Append("<tr class=\"timeline-entry\"><td>").Append(time(t.At)).Append("</td><td class=\"kind\">").Append(E(t.Kind)).Append("</td><td class=\"actor\">")
                .Append(E(t.Actor)).Append("</td><td class=\"detail\">").Append(E(t.Detail)).Append("</td></tr>");
        }

        return b.Append("</tbody></table></div></section>").ToString();
    }

    public static string Register(ConsolePage page, IReadOnlyList<IncidentSummary> incidents, string? from, string? to, string? status, string? error, string csvHref)
    {
        var b = new StringBuilder("<h1>Breach register</h1><p>Every incident, notified or not, with its classification and outcome.</p>").Append(Message(error, error is not null));
        b.Append("<form method=\"get\" action=\"/console/register\" class=\"filters\"><p><label for=\"from\">From (aware on or after, ").Append(E(page.Zone.Id)).Append(")</label><br>")
            .Append("<input id=\"from\" name=\"from\" type=\"date\" value=\"").Append(E(from)).Append("\"></p>")
            .Append("<p><label for=\"to\">To (aware on or before)</label><br><input id=\"to\" name=\"to\" type=\"date\" value=\"").Append(E(to)).Append("\"></p>")
            .Append("<p><label for=\"status-filter\">Status</label><br><select id=\"status-filter\" name=\"status\"><option value=\"\">Any</option>");
        foreach (var s in Enum.GetNames<IncidentStatus>())
        {
            b.Append("<option value=\"").Append(E(s)).Append('"').Append(string.Equals(s, status, StringComparison.OrdinalIgnoreCase) ? " selected" : "").Append('>')
                .Append(E(Words(s))).Append("</option>");
        }

        b.Append("</select></p><p><button type=\"submit\">Filter</button></p></form>")
            .Append("<p><a href=\"").Append(E(csvHref)).Append("\">Download as CSV</a> (").Append(incidents.Count).Append(" incidents)</p>");
        b.Append("<div class=\"scroll\"><table id=\"register\"><thead><tr><th scope=\"col\">Aware</th><th scope=\"col\">Incident</th><th scope=\"col\">Classification</th>")
            .Append("<th scope=\"col\">Outcome</th><th scope=\"col\">Customers</th><th scope=\"col\">Sub-processors</th><th scope=\"col\">Recipients</th><th scope=\"col\">Phases</th></tr></thead><tbody>");
        foreach (var i in incidents.OrderBy(i => i.AwareAt))
        {
            b.Append("<tr class=\"incident\" data-id=\"").Append(E(i.Id)).Append("\"><td>").Append(page.Time(i.AwareAt)).Append("</td><td><a href=\"/console/incidents/")
                .Append(Path(i.Id)).Append("\">").Append(E(i.Id)).Append("</a><br><span class=\"note\">").Append(E(i.Title)).Append("</span></td><td>")
                .Append(E(Words(i.Verdict) ?? "not classified")).Append("</td><td>").Append(E(Words(i.Status))).Append("</td><td>").Append(i.Customers)
                .Append("</td><td>").Append(i.Subprocessors).Append("</td><td>").Append(i.Recipients).Append("</td><td class=\"phases\">").Append(E(PhaseList(i.Phases))).Append("</td></tr>");
        }

        return page.Layout("Breach register", b.Append("</tbody></table></div>").ToString(), "/console/register");
    }

    public static string DeadLetters(ConsolePage page, IReadOnlyList<DeadLetter> letters, string? message, bool error)
    {
        var b = new StringBuilder("<h1>Dead letters</h1><p>Workflow messages that kept failing. Re-drive sends the stored message back to the workflow queue and removes the letter.</p>")
            .Append(Message(message, error));
        if (letters.Count == 0)
        {
            return page.Layout("Dead letters", b.Append("<p>No dead letters.</p>").ToString(), "/console/deadletters");
        }

        b.Append("<div class=\"scroll\"><table id=\"deadletters\"><thead><tr><th scope=\"col\">Message</th><th scope=\"col\">Incident</th><th scope=\"col\">Error</th>")
            .Append("<th scope=\"col\">Tries</th><th scope=\"col\">Dead-lettered</th><th scope=\"col\">Action</th></tr></thead><tbody>");
        foreach (var l in letters.OrderByDescending(l => l.DeadLetteredAt))
        {
            b.Append("<tr class=\"letter\" data-id=\"").Append(E(l.MessageId)).Append("\"><td>").Append(E(l.MessageId)).Append("</td><td>")
                .Append(l.IncidentId is { } id ? $"<a href=\"/console/incidents/{Path(id)}\">{E(id)}</a>" : "-").Append("</td><td>").Append(E(l.Error))
                .Append("</td><td>").Append(l.DequeueCount).Append("</td><td>").Append(page.Time(l.DeadLetteredAt)).Append("</td><td>")
                .Append("<form method=\"post\" action=\"/console/deadletters/").Append(Path(l.MessageId)).Append("/redrive\">").Append(page.Token())
                .Append("<button type=\"submit\" aria-label=\"Re-drive message ").Append(E(l.MessageId)).Append("\">Re-drive</button></form></td></tr>");
        }

        return page.Layout("Dead letters", b.Append("</tbody></table></div>").ToString(), "/console/deadletters");
    }

    /// <summary>The evidence report: everything in UTC, for print; built from the same view as the JSON export.</summary>
    public static string Report(IncidentView v, DateTimeOffset generatedAt)
    {
        static string Utc(DateTimeOffset? at) => at is { } t
            ? $"<time datetime=\"{E(Iso(t))}\">{E(t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))}</time>"
            : "-";

        var b = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Incident report ").Append(E(v.Id)).Append("</title><link rel=\"stylesheet\" href=\"/assets/site.css\"><link rel=\"stylesheet\" href=\"/assets/console.css\"></head>")
            .Append("<body class=\"console report\"><main><h1>Incident report: ").Append(E(v.Title)).Append("</h1>")
            .Append("<dl class=\"facts\"><dt>Incident</dt><dd>").Append(E(v.Id)).Append("</dd><dt>Status</dt><dd>").Append(E(Words(v.Status))).Append("</dd>")
            .Append("<dt>Aware</dt><dd>").Append(Utc(v.AwareAt)).Append("</dd><dt>Report generated</dt><dd>").Append(Utc(generatedAt)).Append("</dd>")
            .Append("<dt>Notices</dt><dd>").Append(E($"{v.NoticeCounts.Total} total, {v.NoticeCounts.Sent} sent, {v.NoticeCounts.Acknowledged} acknowledged, {v.NoticeCounts.Failed} failed, {v.NoticeCounts.Pending} pending"))
            .Append("</dd></dl>");
        b.Append(ClassificationSection(v));
        b.Append("<section aria-labelledby=\"decisions\"><h2 id=\"decisions\">Decisions</h2>");
        var decisions = v.Timeline.Where(t => t.Kind is "approved" or "rejected" or "reclassified").ToList();
        if (decisions.Count == 0)
        {
            b.Append("<p>No decision recorded.</p>");
        }
        else
        {
            b.Append("<ul id=\"decision-list\">");
            foreach (var d in decisions)
            {
                b.Append("<li>").Append(Utc(d.At)).Append(": ").Append(E(d.Kind)).Append(" by ").Append(E(d.Actor)).Append(" (").Append(E(d.Detail)).Append(")</li>");
            }

            b.Append("</ul>");
        }

        b.Append("</section><section aria-labelledby=\"deadlines\"><h2 id=\"deadlines\">Recipients' due times</h2><ul>");
        foreach (var d in v.Deadlines)
        {
            b.Append("<li>").Append(E(d.RecipientId)).Append(": ").Append(Utc(d.DueAt)).Append(" (").Append(E(d.Basis)).Append(")</li>");
        }

        b.Append("</ul></section><section aria-labelledby=\"report-notices\"><h2 id=\"report-notices\">Notices</h2><div class=\"scroll\"><table id=\"report-notices-table\"><thead><tr>")
            .Append("<th scope=\"col\">Notice</th><th scope=\"col\">Recipient</th><th scope=\"col\">Contact</th><th scope=\"col\">Status</th><th scope=\"col\">Sent</th>")
            .Append("<th scope=\"col\">Delivered</th><th scope=\"col\">Acknowledged</th></tr></thead><tbody>");
        foreach (var n in v.Notices)
        {
            b.Append("<tr class=\"notice\"><td>").Append(E(n.NoticeId)).Append("</td><td>").Append(E(n.RecipientId)).Append("</td><td>").Append(E(n.Contact.Email))
                .Append("</td><td>").Append(E(n.Status)).Append("</td><td>").Append(Utc(n.SentAt)).Append("</td><td>").Append(Utc(n.DeliveredAt)).Append("</td><td>")
                .Append(Utc(n.AcknowledgedAt)).Append(n.AcknowledgedBy is null ? "" : " by " + E(n.AcknowledgedBy)).Append("</td></tr>");
        }

        b.Append("</tbody></table></div></section>");
        b.Append(Timeline(v.Timeline, Utc, "timeline"));
        return b.Append("</main></body></html>").ToString();
    }

    /// <summary>Whether the due times still count down: while it waits, and once approved until every notice is sent.</summary>
    private static bool CountsDown(IncidentView v) =>
        v.Status == "AwaitingDecision" || (v.Status == "Approved" && !(v.NoticeCounts.Total > 0 && v.NoticeCounts.Sent == v.NoticeCounts.Total));

    public static string Path(string id) => E(Uri.EscapeDataString(id));

    /// <summary>The phases of notices approved so far, "initial, follow up 1, closing 2"; empty before approval.</summary>
    public static string PhaseList(IReadOnlyList<IncidentPhase>? phases) =>
        string.Join(", ", (phases ?? []).Select(p => p.Sequence == 0 ? "initial" : $"{Words(p.Kind.ToString())!.ToLowerInvariant()} {p.Sequence}"));

    /// <summary>"AwaitingDecision" to "Awaiting decision".</summary>
    public static string? Words(string? pascal)
    {
        if (pascal is null)
        {
            return null;
        }

        var b = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && b.Length > 0)
            {
                b.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                b.Append(b.Length == 0 ? char.ToUpperInvariant(c) : c);
            }
        }

        return b.ToString();
    }
}

/// <summary>The incident page's notice editing: the text of each field (<c>audience.field</c>) and the recipients to preview.</summary>
internal sealed record NoticeEditing(IReadOnlyDictionary<string, string> Texts, IReadOnlyList<Recipient> Recipients);
