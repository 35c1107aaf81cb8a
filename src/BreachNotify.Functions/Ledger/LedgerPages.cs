using System.Text;
using BreachNotify.Functions.CommanderConsole;
using static BreachNotify.Functions.CommanderConsole.ConsolePage;

namespace BreachNotify.Functions.Ledger;

/// <summary>The console's ledger of one customer: each matter it was told of, when, and each notice's progress and acknowledgement.</summary>
internal static class LedgerPages
{
    /// <summary>A link to a customer's ledger, for the pages that list customers.</summary>
    public static string Link(string customerId, string? text = null) =>
        $"<a class=\"customer-ledger\" href=\"{E(Path(customerId))}\">{E(text ?? customerId)}</a>";

    public static string Path(string customerId) => "/console/customers/" + Uri.EscapeDataString(customerId);

    public static string Ledger(ConsolePage page, CustomerLedger ledger, LedgerFilter filter)
    {
        var api = $"/api/customers/{Uri.EscapeDataString(ledger.CustomerId)}";
        var b = new StringBuilder("<h1>Ledger of ").Append(E(ledger.CustomerName)).Append(" (").Append(E(ledger.CustomerId)).Append(")</h1>")
            .Append("<p>Everything the processor told this customer, when, and who acknowledged it: breach incidents (each phase), sub-processor changes and the other notices.</p>")
            .Append("<form method=\"get\" action=\"").Append(E(Path(ledger.CustomerId))).Append("\" class=\"filters\">")
            .Append("<label for=\"kind\">Kind</label> <select id=\"kind\" name=\"kind\"><option value=\"\">any</option>");
        foreach (var kind in CustomerLedgerStore.Kinds)
        {
            b.Append("<option").Append(kind == filter.Kind ? " selected" : "").Append('>').Append(E(kind)).Append("</option>");
        }

        b.Append("</select> <label for=\"from\">From</label> <input id=\"from\" name=\"from\" maxlength=\"40\" placeholder=\"2026-01-01T00:00:00Z\" value=\"")
            .Append(filter.From is { } f ? E(Iso(f)) : "").Append("\"> <label for=\"to\">To</label> <input id=\"to\" name=\"to\" maxlength=\"40\" value=\"")
            .Append(filter.To is { } t ? E(Iso(t)) : "").Append("\"> <button type=\"submit\">Filter</button></form>")
            .Append("<p>Export the register: <a href=\"").Append(E(api)).Append("/register?format=csv\">CSV</a> · <a href=\"").Append(E(api))
            .Append("/register\">JSON</a> · the ledger: <a href=\"").Append(E(api)).Append("/ledger?format=csv\">CSV</a> · <a href=\"").Append(E(api)).Append("/ledger\">JSON</a></p>");
        if (ledger.Items.Count == 0)
        {
            return page.Layout($"Ledger of {ledger.CustomerName}", b.Append("<p id=\"empty\">Nothing told yet.</p>").ToString());
        }

        b.Append("<div class=\"scroll\"><table id=\"ledger\"><thead><tr><th scope=\"col\">Told</th><th scope=\"col\">Kind</th><th scope=\"col\">Matter</th>")
            .Append("<th scope=\"col\">Phase</th><th scope=\"col\">Due</th><th scope=\"col\">Contact</th><th scope=\"col\">Status</th><th scope=\"col\">Sent</th>")
            .Append("<th scope=\"col\">Delivered</th><th scope=\"col\">Bounced</th><th scope=\"col\">Acknowledged</th><th scope=\"col\">By</th></tr></thead><tbody>");
        foreach (var item in ledger.Items)
        {
            var notices = item.Notices.Count == 0 ? [null] : item.Notices.Select(n => (LedgerNotice?)n).ToList();
            foreach (var n in notices)
            {
                b.Append("<tr class=\"entry\" data-kind=\"").Append(E(item.Kind)).Append("\" data-matter=\"").Append(E(item.MatterId)).Append("\"><td>").Append(page.Time(item.ToldAt))
                    .Append("</td><td class=\"kind\">").Append(E(item.Kind)).Append("</td><td><a href=\"").Append(E(item.ConsolePath)).Append("\">").Append(E(item.MatterId))
                    .Append("</a></td><td>").Append(item.Phase).Append("</td><td>").Append(page.Time(item.DueAt)).Append("</td>");
                if (n is null)
                {
                    b.Append("<td colspan=\"7\">notices not yet created</td></tr>");
                    continue;
                }

                b.Append("<td>").Append(E(n.ContactName)).Append(" &lt;").Append(E(n.Email)).Append("&gt;</td><td class=\"status\">").Append(E(n.Status)).Append("</td><td>")
                    .Append(page.Time(n.SentAt)).Append("</td><td>").Append(page.Time(n.DeliveredAt)).Append("</td><td>").Append(page.Time(n.BouncedAt)).Append("</td><td class=\"acknowledged\">")
                    .Append(page.Time(n.AcknowledgedAt)).Append("</td><td class=\"by\">").Append(E(n.AcknowledgedBy)).Append("</td></tr>");
            }
        }

        return page.Layout($"Ledger of {ledger.CustomerName}", b.Append("</tbody></table></div>").ToString());
    }
}
