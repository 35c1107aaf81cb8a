using System.Text;
using BreachNotify.Functions.CommanderConsole;
using static BreachNotify.Functions.CommanderConsole.ConsolePage;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>The console's pages of the other notices: the list (filterable by customer and kind) and one page per matter.</summary>
internal static class MatterPages
{
    public static string List(ConsolePage page, IReadOnlyList<MatterListEntry> matters, string? customer, string? kind)
    {
        var b = new StringBuilder("<h1>Other notices</h1>")
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

    public static string Matter(ConsolePage page, MatterView v)
    {
        var b = new StringBuilder("<h1>").Append(E(v.Kind)).Append(' ').Append(E(v.Id)).Append("</h1>")
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
            .Append(ConsolePages.Timeline(v.Timeline, page.Time, "timeline"))
            .Append("<p><a href=\"/api/matters/").Append(E(Uri.EscapeDataString(v.Id))).Append("\">JSON</a> · <a href=\"/console/matters\">All matters</a></p>");
        return page.Layout($"{v.Kind} {v.Id}", b.ToString(), "/console/matters");
    }
}
