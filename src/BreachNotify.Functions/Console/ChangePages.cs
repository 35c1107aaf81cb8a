using System.Text;
using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.SubprocessorChanges;
using static BreachNotify.Functions.CommanderConsole.ConsolePage;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// The console's pages for sub-processor changes: the register of changes and a page per change (its customers' notices
/// and answers, objections with their cure deadlines and the outcome form, the timeline). Forms post to
/// <see cref="ChangeConsoleEndpoints"/>, which take them through the same commands as the API.
/// </summary>
internal static class ChangePages
{
    public const string Here = "/console/changes";

    public static string Register(ConsolePage page, IReadOnlyList<ChangeSummary> changes)
    {
        var b = new StringBuilder("<h1>Sub-processor changes</h1><p>Every change announced in the last ")
            .Append(SubprocessorChangeStore.ListMonths).Append(" months, newest first, with its outcome. ")
            .Append("Announce one through the API (<code>POST /api/subprocessor-changes</code>) or the CLI (<code>breachnotify change announce</code>).</p>")
            .Append("<p><a href=\"/console/changes.csv\">Download as CSV</a> (").Append(changes.Count).Append(" changes)</p>");
        if (changes.Count == 0)
        {
            return page.Layout("Sub-processor changes", b.Append("<p>No changes announced.</p>").ToString(), Here);
        }

        b.Append("<div class=\"scroll\"><table id=\"changes\"><thead><tr><th scope=\"col\">Announced</th><th scope=\"col\">Change</th><th scope=\"col\">Kind</th>")
            .Append("<th scope=\"col\">Sub-processor</th><th scope=\"col\">Effective</th><th scope=\"col\">Customers</th><th scope=\"col\">Status</th></tr></thead><tbody>");
        foreach (var c in changes)
        {
            b.Append("<tr class=\"change\" data-id=\"").Append(E(c.Id)).Append("\"><td>").Append(page.Time(c.AnnouncedAt)).Append("</td><td><a href=\"").Append(E(Link(c.Id))).Append("\">")
                .Append(E(c.Id)).Append("</a></td><td>").Append(E(c.Kind)).Append("</td><td>").Append(E(c.Subprocessor.Name))
                .Append(c.Replaces is { } r ? $"<br><span class=\"note\">replaces {E(r)}</span>" : "").Append("</td><td>").Append(page.Time(c.EffectiveAt))
                .Append("</td><td>").Append(c.Customers).Append("</td><td class=\"status\">").Append(E(c.Status)).Append("</td></tr>");
        }

        return page.Layout("Sub-processor changes", b.Append("</tbody></table></div>").ToString(), Here);
    }

    public static string Change(ConsolePage page, ChangeView v, string? message, bool error)
    {
        var b = new StringBuilder("<h1>Sub-processor change ").Append(E(v.Id)).Append("</h1>").Append(Message(message, error));
        var s = v.Subprocessor;
        b.Append("<dl class=\"facts\">")
            .Append(Fact("Status", E(v.Status) + (v.TookEffectAt is { } took ? " (in effect since " + page.Time(took) + ")" : "")))
            .Append(Fact("Kind", E(v.Kind)))
            .Append(Fact("Sub-processor", $"{E(s.Name)} ({E(s.Id)})"))
            .Append(Fact("Legal entity", E(s.Entity ?? "-")))
            .Append(Fact("Purpose", E(s.Purpose ?? "-")))
            .Append(Fact("Location", E(s.Location ?? "-")))
            .Append(v.Replaces is { } replaced ? Fact("Replaces", E(replaced)) : "")
            .Append(Fact("Services", E(string.Join(", ", v.Services))))
            .Append(Fact("Regions", E(v.Regions.Count == 0 ? "all" : string.Join(", ", v.Regions))))
            .Append(Fact("Effective", page.Time(v.EffectiveAt)))
            .Append(Fact("Announced", $"{page.Time(v.AnnouncedAt)} by {E(v.AnnouncedBy ?? "-")}"))
            .Append(v.DecidedAt is { } decided ? Fact("Decided", $"{page.Time(decided)} by {E(v.DecidedBy ?? "-")}") : "")
            .Append(v.Comment is { } comment ? Fact("Comment", E(comment)) : "")
            .Append("</dl>");
        b.Append(DecisionForm(page, v));
        b.Append(Customers(page, v));
        b.Append(Objections(page, v));
        b.Append(Notices(page, v));
        b.Append("<section aria-labelledby=\"timeline\"><h2 id=\"timeline\">Timeline</h2><ol class=\"timeline\">");
        foreach (var t in v.Timeline)
        {
            b.Append("<li data-kind=\"").Append(E(t.Kind)).Append("\">").Append(page.Time(t.At)).Append(" <strong>").Append(E(t.Kind)).Append("</strong> ")
                .Append(E(t.Actor)).Append(": ").Append(E(t.Detail)).Append("</li>");
        }

        b.Append("</ol></section>");
        return page.Layout($"Change {v.Id}", b.ToString(), Here);
    }

    public static string Link(string id) => $"/console/changes/{Uri.EscapeDataString(id)}";

    private static string DecisionForm(ConsolePage page, ChangeView v)
    {
        var choices = v.Status switch
        {
            nameof(ChangeStatus.AwaitingDecision) => new[] { ("approve", "Approve: send the notices"), ("reject", "Reject"), ("withdraw", "Withdraw") },
            nameof(ChangeStatus.Approved) when v.TookEffectAt is null => [("withdraw", "Withdraw: tell every customer notified")],
            _ => [],
        };
        if (choices.Length == 0)
        {
            return "";
        }

        var b = new StringBuilder("<section aria-labelledby=\"decide\"><h2 id=\"decide\">Decision</h2><form method=\"post\" id=\"change-decision\" action=\"")
            .Append(E(Link(v.Id))).Append("/decision\">").Append(page.Token()).Append("<fieldset><legend>Decision</legend>");
        foreach (var (value, label) in choices)
        {
            b.Append("<p><label><input type=\"radio\" name=\"decision\" value=\"").Append(value).Append("\" required> ").Append(E(label)).Append("</label></p>");
        }

        return b.Append("</fieldset><p><label for=\"decision-comment\">Comment</label><br><textarea id=\"decision-comment\" name=\"comment\" maxlength=\"")
            .Append(SubprocessorChangeDecider.MaxTextLength).Append("\" rows=\"3\"></textarea></p><p><button type=\"submit\">Record the decision</button></p></form></section>").ToString();
    }

    private static string Customers(ConsolePage page, ChangeView v)
    {
        var b = new StringBuilder("<section aria-labelledby=\"customers\"><h2 id=\"customers\">Customers (").Append(v.Customers.Count).Append(")</h2>")
            .Append("<div class=\"scroll\"><table id=\"change-customers\"><thead><tr><th scope=\"col\">Customer</th><th scope=\"col\">Notice due by</th>")
            .Append("<th scope=\"col\">Notices sent</th><th scope=\"col\">Acknowledged</th><th scope=\"col\">Objection window closes</th><th scope=\"col\">Answer</th></tr></thead><tbody>");
        foreach (var c in v.Customers)
        {
            var notices = v.Notices.Where(n => n.CustomerId == c.CustomerId).ToList();
            var consent = v.Consents.FirstOrDefault(x => x.CustomerId == c.CustomerId);
            var objection = v.Objections.FirstOrDefault(o => o.CustomerId == c.CustomerId);
            var answer = objection is not null ? "objected " + page.Time(objection.At)
                : consent is not null ? $"consent ({E(consent.Basis)}) {page.Time(consent.At)}"
                : v.Status == nameof(ChangeStatus.Approved) ? "no answer yet" : "-";
            b.Append("<tr class=\"customer\" data-id=\"").Append(E(c.CustomerId)).Append("\"><td>").Append(Ledger.LedgerPages.Link(c.CustomerId)).Append("</td><td>").Append(page.Time(c.NoticeSentBy))
                .Append("</td><td class=\"sent\">").Append(notices.Count(n => n.SentAt is not null)).Append(" of ").Append(notices.Count)
                .Append("</td><td class=\"acknowledged\">").Append(notices.Count(n => n.AcknowledgedAt is not null))
                .Append("</td><td>").Append(page.Time(c.ObjectByAt)).Append("</td><td class=\"answer\">").Append(answer).Append("</td></tr>");
        }

        return b.Append("</tbody></table></div></section>").ToString();
    }

    private static string Objections(ConsolePage page, ChangeView v)
    {
        var b = new StringBuilder("<section aria-labelledby=\"objections\"><h2 id=\"objections\">Objections (").Append(v.Objections.Count).Append(")</h2>");
        if (v.Objections.Count == 0)
        {
            return b.Append("<p>No objection.</p></section>").ToString();
        }

        b.Append("<div class=\"scroll\"><table id=\"change-objections\"><thead><tr><th scope=\"col\">Customer</th><th scope=\"col\">Objected</th><th scope=\"col\">Reason</th>")
            .Append("<th scope=\"col\">Cure period ends</th><th scope=\"col\">Reminders</th><th scope=\"col\">Outcome</th></tr></thead><tbody>");
        foreach (var o in v.Objections)
        {
            var settled = o.Outcome is { } x && x != "corrective-steps";
            b.Append("<tr class=\"objection\" data-id=\"").Append(E(o.CustomerId)).Append("\"><td>").Append(E(o.CustomerId)).Append("</td><td>").Append(page.Time(o.At))
                .Append("<br><span class=\"note\">").Append(E(o.By)).Append("</span></td><td>").Append(E(o.Reason)).Append("</td><td>").Append(page.Time(o.CureDeadline))
                .Append(settled ? "" : o.CureEndedAt is not null ? "<br><strong>ended without an outcome: either side may terminate</strong>" : "<br>" + page.Countdown(o.CureDeadline))
                .Append("</td><td>").Append(o.CureReminders).Append("</td><td class=\"outcome\">")
                .Append(o.Outcome is { } outcome ? $"{E(outcome)} {page.Time(o.OutcomeAt)}" : "none yet");
            if (!settled)
            {
                b.Append(OutcomeForm(page, v.Id, o.CustomerId));
            }

            b.Append("</td></tr>");
        }

        return b.Append("</tbody></table></div></section>").ToString();
    }

    private static string OutcomeForm(ConsolePage page, string changeId, string customerId)
    {
        var b = new StringBuilder("<form method=\"post\" class=\"outcome-form\" action=\"").Append(E(Link(changeId))).Append("/objections/")
            .Append(E(Uri.EscapeDataString(customerId))).Append("/outcome\">").Append(page.Token())
            .Append("<p><label for=\"outcome-").Append(E(customerId)).Append("\">Outcome</label><br><select id=\"outcome-").Append(E(customerId)).Append("\" name=\"outcome\" required>")
            .Append("<option value=\"\">Choose</option>");
        foreach (var outcome in Enum.GetValues<ObjectionOutcome>())
        {
            b.Append("<option value=\"").Append(E(Kebab.Of(outcome))).Append("\">").Append(E(Kebab.Of(outcome).Replace('-', ' '))).Append("</option>");
        }

        return b.Append("</select></p><p><label for=\"outcome-comment-").Append(E(customerId)).Append("\">Comment</label><br><textarea id=\"outcome-comment-").Append(E(customerId))
            .Append("\" name=\"comment\" rows=\"2\" maxlength=\"").Append(SubprocessorChangeDecider.MaxTextLength)
            .Append("\"></textarea></p><p><button type=\"submit\">Record the outcome</button></p></form>").ToString();
    }

    private static string Notices(ConsolePage page, ChangeView v)
    {
        var b = new StringBuilder("<section aria-labelledby=\"notices\"><h2 id=\"notices\">Notices (").Append(v.Notices.Count).Append(")</h2>");
        if (v.Notices.Count == 0)
        {
            return b.Append("<p>None yet: approval freezes the recipients and sends them.</p></section>").ToString();
        }

        b.Append(NoticeProgressChart.Svg("notice-chart", v.AnnouncedAt, [.. v.Notices.Select(n => new NoticeTimes(n.SentAt, n.DeliveredAt, n.AcknowledgedAt, n.DueAt))], page.Zone));
        b.Append("<div class=\"scroll\"><table id=\"change-notices\"><thead><tr><th scope=\"col\">Notice</th><th scope=\"col\">Customer</th><th scope=\"col\">Contact</th>")
            .Append("<th scope=\"col\">Status</th><th scope=\"col\">Sent</th><th scope=\"col\">Acknowledged</th><th scope=\"col\">Objected</th></tr></thead><tbody>");
        foreach (var n in v.Notices)
        {
            b.Append("<tr class=\"notice\" data-id=\"").Append(E(n.NoticeId)).Append("\"><td>").Append(E(n.NoticeId)).Append("</td><td>").Append(E(n.CustomerId))
                .Append("</td><td>").Append(E(n.Contact)).Append("<br><span class=\"note\">").Append(E(n.Email)).Append("</span></td><td class=\"status\">").Append(E(n.Status))
                .Append("</td><td>").Append(page.Time(n.SentAt)).Append("</td><td>").Append(page.Time(n.AcknowledgedAt))
                .Append(n.AcknowledgedBy is { } by ? $"<br><span class=\"note\">{E(by)}</span>" : "").Append("</td><td>").Append(page.Time(n.ObjectedAt)).Append("</td></tr>");
        }

        return b.Append("</tbody></table></div></section>").ToString();
    }

    private static string Fact(string term, string html) => $"<dt>{E(term)}</dt><dd>{html}</dd>";
}
