using System.Text;
using BreachNotify.Functions.CommanderConsole;
using static BreachNotify.Functions.CommanderConsole.ConsolePage;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>The console's drill schedules: the list, a form to add one, and per schedule its edit and delete forms.</summary>
internal static class DrillSchedulePages
{
    public const string Path = "/console/drill-schedules";

    public static string List(ConsolePage page, IReadOnlyList<DrillScheduleView> schedules, string formKey, string? message = null, bool error = false)
    {
        var b = new StringBuilder("<h1>Drill schedules</h1>").Append(Message(message, error))
            .Append("<p>Each occurrence records one contact drill (see <a href=\"/console/matters\">Other notices</a>), waiting for a decision unless it approves itself.</p>")
            .Append("<details id=\"add\"><summary>Schedule a drill</summary><form method=\"post\" action=\"").Append(Path).Append("\" id=\"add-form\">").Append(page.Token())
            .Append("<input type=\"hidden\" name=\"key\" value=\"").Append(E(formKey)).Append("\">")
            .Append(Fields("add", null)).Append("<p><button type=\"submit\">Schedule</button></p></form></details>");
        if (schedules.Count == 0)
        {
            return page.Layout("Drill schedules", b.Append("<p>No drill schedules.</p>").ToString(), "/console/matters");
        }

        b.Append("<div class=\"scroll\"><table id=\"schedules\"><thead><tr><th scope=\"col\">Schedule</th><th scope=\"col\">Every</th><th scope=\"col\">Start</th>")
            .Append("<th scope=\"col\">Customers</th><th scope=\"col\">Summary</th><th scope=\"col\">Approves itself</th><th scope=\"col\">Next</th></tr></thead><tbody>");
        foreach (var s in schedules)
        {
            b.Append("<tr class=\"schedule\" id=\"").Append(E(s.Id)).Append("\"><td class=\"id\">").Append(E(s.Id)).Append("</td><td class=\"every\">").Append(s.EveryMonths)
                .Append(" month(s)</td><td>").Append(page.Time(s.StartAt)).Append("</td><td class=\"customers\">")
                .Append(s.Customers.Count == 0 ? "every customer" : E(string.Join(", ", s.Customers))).Append("</td><td class=\"summary\">").Append(E(s.Summary))
                .Append("</td><td>").Append(s.AutoApprove ? "yes" : "no").Append("</td><td class=\"next\">").Append(page.Time(s.NextAt)).Append("</td></tr>");
        }

        b.Append("</tbody></table></div>");
        foreach (var s in schedules)
        {
            var action = Path + "/" + E(Uri.EscapeDataString(s.Id));
            b.Append("<details class=\"edit\"><summary>Edit or delete ").Append(E(s.Id)).Append("</summary>")
                .Append("<form method=\"post\" action=\"").Append(action).Append("\" class=\"edit-form\">").Append(page.Token())
                .Append(Fields("e-" + E(s.Id), s)).Append("<p><button type=\"submit\">Save</button></p></form>")
                .Append("<form method=\"post\" action=\"").Append(action).Append("/delete\" class=\"delete-form\">").Append(page.Token())
                .Append("<p><button type=\"submit\">Delete this schedule</button> (the drills it recorded stay)</p></form></details>");
        }

        return page.Layout("Drill schedules", b.ToString(), "/console/matters");
    }

    private static string Fields(string prefix, DrillScheduleView? s) =>
        $"<p><label for=\"{prefix}-every\">Every (months, 1 to {DrillScheduleEndpoints.MaxEveryMonths})</label><br><input id=\"{prefix}-every\" name=\"everyMonths\" type=\"number\" min=\"1\" max=\"{DrillScheduleEndpoints.MaxEveryMonths}\" required value=\"{s?.EveryMonths ?? 3}\"></p>"
        + $"<p><label for=\"{prefix}-start\">Start at (ISO 8601 with offset, e.g. 2027-01-04T09:00:00Z)</label><br><input id=\"{prefix}-start\" name=\"startAt\" maxlength=\"40\" size=\"40\" required value=\"{(s is null ? "" : Iso(s.StartAt))}\"></p>"
        + $"<p><label for=\"{prefix}-customers\">Customers (ids, comma-separated; empty: every customer)</label><br><input id=\"{prefix}-customers\" name=\"customers\" maxlength=\"2000\" size=\"60\" value=\"{E(s is null ? "" : string.Join(", ", s.Customers))}\"></p>"
        + $"<p><label for=\"{prefix}-summary\">Summary</label><br><textarea id=\"{prefix}-summary\" name=\"summary\" rows=\"2\" cols=\"60\" maxlength=\"4000\" required>{E(s?.Summary)}</textarea></p>"
        + $"<p><input id=\"{prefix}-auto\" name=\"autoApprove\" type=\"checkbox\" value=\"true\"{(s is { AutoApprove: true } ? " checked" : "")}> <label for=\"{prefix}-auto\">Approves itself (sent without a commander's decision)</label></p>";
}
