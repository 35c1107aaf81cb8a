using System.Text;
using BreachNotify.Functions.CommanderConsole;
using static BreachNotify.Functions.CommanderConsole.ConsolePage;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>The console's pages of the other notices: the list (filterable by customer and kind) and one page per matter.</summary>
internal static class MatterPages
{
    public static string List(
        ConsolePage page, IReadOnlyList<MatterListEntry> matters, string? customer, string? kind, string formKey, string? message = null, bool error = false)
    {
        var b = new StringBuilder("<h1>Other notices</h1>").Append(Message(message, error))
            .Append("<p><a href=\"").Append(DrillSchedulePages.Path).Append("\" id=\"drill-schedules\">Drill schedules</a></p>").Append(RecordForm(page, formKey))
            .Append("<form method=\"get\" action=\"/console/matters\" class=\"filters\">")
            .Append("<label for=\"customer\">Customer</label> <input id=\"customer\" name=\"customer\" maxlength=\"200\" value=\"").Append(E(customer)).Append("\"> ")
            .Append("<label for=\"kind\">Kind</label> <input id=\"kind\" name=\"kind\" maxlength=\"60\" value=\"").Append(E(kind)).Append("\"> ")
            .Append("<button type=\"submit\">Filter</button></form>");
        var shown = matters.Where(m => (string.IsNullOrWhiteSpace(customer) || m.Customers.Contains(customer.Trim(), StringComparer.Ordinal))
                                       && (string.IsNullOrWhiteSpace(kind) || m.Kind == kind.Trim())).ToList();
        if (shown.Count == 0)
        {
            return page.Layout("Other notices", b.Append("<p>No matters.</p>").ToString(), "/console/matters");
        }

        b.Append("<div class=\"scroll\"><table id=\"matters\"><thead><tr><th scope=\"col\">Matter</th><th scope=\"col\">Kind</th><th scope=\"col\">Status</th>")
            .Append("<th scope=\"col\">Customers</th><th scope=\"col\">Received</th><th scope=\"col\">Due</th><th scope=\"col\">Prohibition</th></tr></thead><tbody>");
        foreach (var m in shown)
        {
            b.Append("<tr class=\"matter\"><td><a href=\"/console/matters/").Append(E(Uri.EscapeDataString(m.Id))).Append("\">").Append(E(m.Id)).Append("</a></td>")
                .Append("<td class=\"kind\">").Append(E(m.Kind)).Append("</td><td class=\"status\">").Append(E(m.Status)).Append("</td>")
                .Append("<td>").Append(E(string.Join(", ", m.Customers))).Append("</td><td>").Append(page.Time(m.ReceivedAt)).Append("</td>")
                .Append("<td>").Append(page.Time(m.DueAt)).Append("</td><td>").Append(m.Prohibited ? "holds" : "").Append("</td></tr>");
        }

        return page.Layout("Other notices", b.Append("</tbody></table></div>").ToString(), "/console/matters");
    }

    public static string Matter(ConsolePage page, MatterView v, string? message = null, bool error = false, DrillReport? drill = null)
    {
        var b = new StringBuilder("<h1>").Append(E(v.Kind)).Append(' ').Append(E(v.Id)).Append("</h1>").Append(Message(message, error))
            .Append("<dl id=\"matter\">")
            .Append("<dt>Status</dt><dd id=\"status\">").Append(E(v.Status)).Append(v.Sending ? " (notices due)" : "").Append("</dd>")
            .Append("<dt>Summary</dt><dd>").Append(E(v.Summary)).Append("</dd>")
            .Append("<dt>Received</dt><dd>").Append(page.Time(v.ReceivedAt)).Append("</dd>")
            .Append("<dt>Due</dt><dd>").Append(page.Time(v.DueAt)).Append("</dd>");
        if (v.Authority is { } authority)
        {
            b.Append("<dt>Authority</dt><dd>").Append(E(authority)).Append("</dd>");
        }

        if (v.SubjectIdentifier is { } subject)
        {
            b.Append("<dt>Subject</dt><dd>").Append(E(subject)).Append("</dd><dt>Customer's Art. 12(3) deadline</dt><dd>").Append(page.Time(v.SubjectAnswerDue))
                .Append(" (extendable to ").Append(page.Time(v.SubjectAnswerDueExtended)).Append(")</dd>");
        }

        b.Append("</dl>");
        if (v.Prohibition is { } p)
        {
            b.Append("<section aria-labelledby=\"prohibition-h\"><h2 id=\"prohibition-h\">Legal prohibition</h2><p id=\"prohibition\">")
                .Append(p.InForce ? "Holds: nothing is sent while it does. " : $"Ended or lifted {page.Time(p.LiftedAt)}. ")
                .Append("Basis: ").Append(E(p.Basis)).Append(". Until: ").Append(p.Until is null ? "not known" : page.Time(p.Until))
                .Append(". Review: ").Append(p.ReviewAt is null ? "none" : page.Time(p.ReviewAt)).Append(".</p></section>");
        }

        b.Append("<section aria-labelledby=\"customers-h\"><h2 id=\"customers-h\">Customers</h2><div class=\"scroll\"><table id=\"customers\"><thead><tr>")
            .Append("<th scope=\"col\">Customer</th><th scope=\"col\">Due</th><th scope=\"col\">Answer</th></tr></thead><tbody>");
        foreach (var c in v.Customers)
        {
            b.Append("<tr><td>").Append(Ledger.LedgerPages.Link(c.CustomerId)).Append("</td><td>").Append(page.Time(c.DueAt)).Append("</td><td>")
                .Append(c.Answer is null ? "" : $"{E(c.Answer)} {page.Time(c.AnsweredAt)}").Append("</td></tr>");
        }

        b.Append("</tbody></table></div></section>")
            .Append("<section aria-labelledby=\"notices-h\"><h2 id=\"notices-h\">Notices</h2><div class=\"scroll\"><table id=\"notices\"><thead><tr>")
            .Append("<th scope=\"col\">Customer</th><th scope=\"col\">Contact</th><th scope=\"col\">Status</th><th scope=\"col\">Sent</th><th scope=\"col\">Acknowledged</th></tr></thead><tbody>");
        foreach (var n in v.Notices)
        {
            b.Append("<tr class=\"notice\"><td>").Append(E(n.CustomerId)).Append("</td><td>").Append(E(n.Email)).Append("</td><td class=\"status\">").Append(E(n.Status))
                .Append("</td><td>").Append(page.Time(n.SentAt)).Append("</td><td>").Append(page.Time(n.AcknowledgedAt)).Append("</td></tr>");
        }

        b.Append("</tbody></table></div></section>")
            .Append(drill is null ? "" : Drill(page, drill))
            .Append(DecisionForms(page, v))
            .Append(ConsolePages.Timeline(v.Timeline, page.Time, "timeline"))
            .Append("<p><a href=\"/api/matters/").Append(E(Uri.EscapeDataString(v.Id))).Append("\">JSON</a> · <a href=\"/console/matters\">All matters</a></p>");
        return page.Layout($"{v.Kind} {v.Id}", b.ToString(), "/console/matters");
    }

    /// <summary>Records a matter: the API's fields, read by the API's reader (<see cref="MatterForm"/>); the key makes a resubmission find the same matter.</summary>
    private static string RecordForm(ConsolePage page, string formKey)
    {
        var b = new StringBuilder("<details id=\"record\"><summary>Record a matter</summary><form method=\"post\" action=\"/console/matters\" id=\"record-form\">")
            .Append(page.Token()).Append("<input type=\"hidden\" name=\"key\" value=\"").Append(E(formKey)).Append("\">")
            .Append("<p><label for=\"r-kind\">Kind</label> <select id=\"r-kind\" name=\"kind\" required>");
        foreach (var kind in Enum.GetValues<BreachNotify.OtherNotices.OtherNoticeKind>())
        {
            var name = SubprocessorChanges.Kebab.Of(kind);
            b.Append("<option value=\"").Append(E(name)).Append("\">").Append(E(name)).Append("</option>");
        }

        b.Append("</select></p>")
            .Append(Field("r-customers", "customers", "Customers (ids, comma-separated; a drill: empty for every customer)", 2000))
            .Append(Field("r-subject", "subjectIdentifier", "Subject identifier (a data-subject request)", 320))
            .Append(Field("r-received", "receivedAt", "Received at (ISO 8601 with offset, e.g. 2026-12-01T09:30:00Z)", 40))
            .Append("<p><label for=\"r-summary\">Summary</label><br><textarea id=\"r-summary\" name=\"summary\" rows=\"3\" cols=\"60\" maxlength=\"4000\"></textarea></p>")
            .Append(Field("r-authority", "authority", "Authority", 400))
            .Append(Field("r-disclosure", "disclosure", "Disclosure made", 2000))
            .Append(Field("r-clause", "clause", "Clause", 400))
            .Append(Field("r-respond", "respondBy", "Respond by / processing starts (ISO 8601)", 40))
            .Append(Field("r-subject-at", "subjectRequestedAt", "Subject's own request time (ISO 8601)", 40))
            .Append("<fieldset><legend>Legal prohibition on telling the customer (optional)</legend>")
            .Append(Field("r-basis", "prohibitionBasis", "Basis", 2000))
            .Append(Field("r-until", "prohibitionUntil", "Until (ISO 8601; empty: not known)", 40))
            .Append(Field("r-review", "prohibitionReviewAt", "Review at (ISO 8601)", 40))
            .Append("</fieldset><p><button type=\"submit\">Record</button></p></form></details>");
        return b.ToString();
    }

    /// <summary>Approve, reject, lift a prohibition or set its next review (one form, the API's decision) and record a waiver effort while a prohibition holds.</summary>
    private static string DecisionForms(ConsolePage page, MatterView v)
    {
        var path = "/console/matters/" + E(Uri.EscapeDataString(v.Id));
        var b = new StringBuilder("<section aria-labelledby=\"decide-h\"><h2 id=\"decide-h\">Decide</h2>");
        if (v.Status == nameof(BreachNotify.OtherNotices.MatterStatus.AwaitingDecision) || v.Prohibition is { InForce: true })
        {
            b.Append("<form method=\"post\" action=\"").Append(path).Append("/decision\" id=\"decision-form\">").Append(page.Token())
                .Append("<p><label for=\"decision\">Decision</label> <select id=\"decision\" name=\"decision\">");
            if (v.Status == nameof(BreachNotify.OtherNotices.MatterStatus.AwaitingDecision))
            {
                b.Append("<option value=\"approve\">approve</option><option value=\"reject\">reject</option>");
            }

            if (v.Prohibition is { InForce: true })
            {
                b.Append("<option value=\"lift-prohibition\">lift-prohibition</option><option value=\"set-review\">set-review</option>");
            }

            b.Append("</select></p>")
                .Append(v.Prohibition is { InForce: true } ? Field("review-at", "reviewAt", "Next review at (set-review; ISO 8601 with offset)", 40) : "")
                .Append("<p><label for=\"comment\">Comment</label><br><textarea id=\"comment\" name=\"comment\" rows=\"2\" cols=\"60\" maxlength=\"4000\"></textarea></p>")
                .Append("<p><button type=\"submit\">Record the decision</button></p></form>");
        }
        else
        {
            b.Append("<p>Nothing left to decide.</p>");
        }

        if (v.Prohibition is { InForce: true })
        {
            b.Append("<form method=\"post\" action=\"").Append(path).Append("/waiver-efforts\" id=\"waiver-form\">").Append(page.Token())
                .Append("<p><label for=\"waiver\">Waiver effort (what was asked of whom)</label><br><textarea id=\"waiver\" name=\"text\" rows=\"2\" cols=\"60\" maxlength=\"4000\" required></textarea></p>")
                .Append("<p><button type=\"submit\">Record the effort</button></p></form>");
        }

        return b.Append("</section>").ToString();
    }

    private static string Field(string id, string name, string label, int max) =>
        $"<p><label for=\"{id}\">{E(label)}</label><br><input id=\"{id}\" name=\"{name}\" maxlength=\"{max}\" size=\"60\"></p>";

    /// <summary>A contact drill's report: per customer and contact its outcome, the counts, the CSV export.</summary>
    private static string Drill(ConsolePage page, DrillReport report)
    {
        var c = report.Counts;
        var b = new StringBuilder("<section aria-labelledby=\"drill-h\"><h2 id=\"drill-h\">Drill report</h2><p id=\"drill-counts\">")
            .Append(c.Recipients).Append(" contact(s): ").Append(c.Acknowledged).Append(" acknowledged, ").Append(c.Bounced).Append(" bounced, ")
            .Append(c.Silent).Append(" silent, ").Append(c.NotSent).Append(" not sent. <a href=\"/api/matters/").Append(E(Uri.EscapeDataString(report.MatterId)))
            .Append("/drill-report?format=csv\">CSV</a></p><div class=\"scroll\"><table id=\"drill\"><thead><tr><th scope=\"col\">Customer</th><th scope=\"col\">Contact</th>")
            .Append("<th scope=\"col\">Outcome</th><th scope=\"col\">Sent</th><th scope=\"col\">Acknowledged</th><th scope=\"col\">By</th><th scope=\"col\">Bounced</th></tr></thead><tbody>");
        foreach (var customer in report.Customers)
        {
            foreach (var k in customer.Contacts)
            {
                b.Append("<tr class=\"drill-contact\"><td>").Append(Ledger.LedgerPages.Link(customer.CustomerId, customer.CustomerName)).Append("</td><td>").Append(E(k.Email))
                    .Append("</td><td class=\"outcome\">").Append(E(k.Outcome)).Append("</td><td>").Append(page.Time(k.SentAt)).Append("</td><td>").Append(page.Time(k.AcknowledgedAt))
                    .Append("</td><td>").Append(E(k.AcknowledgedBy)).Append("</td><td>").Append(page.Time(k.BouncedAt)).Append(k.BounceReason is null ? "" : " " + E(k.BounceReason)).Append("</td></tr>");
            }
        }

        return b.Append("</tbody></table></div></section>").ToString();
    }
}
