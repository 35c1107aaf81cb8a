using System.Globalization;
using System.Net;
using System.Text;
using BreachNotify.ControllerPacks;

namespace BreachNotify.Functions.Acknowledgements;

/// <summary>A controller pack as a printable page: plain HTML, no script, every value encoded.</summary>
internal static class ControllerPackPage
{
    public static string Render(ControllerPack pack, string linkPath)
    {
        var body = new StringBuilder();
        body.Append("<h1>Controller pack</h1>")
            .Append("<p>What ").Append(E(pack.ProcessorName)).Append(" knows that you need for your own notification (GDPR Art. 33(3)), as of ")
            .Append("this page's printing. Schema version ").Append(pack.Version.ToString(CultureInfo.InvariantCulture)).Append(".</p>")
            .Append("<p class=\"no-print\"><a id=\"pack-json\" href=\"").Append(E(linkPath)).Append("/controller-pack?format=json\">Download as JSON</a> · ")
            .Append("<a href=\"").Append(E(linkPath)).Append("\">Back to the notice</a></p>");
        body.Append("<h2>Controller</h2><dl id=\"pack-controller\">")
            .Append(Row("Name", pack.Controller.Name)).Append(Row("Id", pack.Controller.Id))
            .Append(Row("Jurisdictions", string.Join(", ", pack.Controller.Jurisdictions)))
            .Append(Row("Supervisory authority", pack.Controller.SupervisoryAuthority ?? "not named in our directory"))
            .Append(Row("Language", pack.Controller.Language ?? "not named in our directory")).Append("</dl>");
        body.Append("<h2>Nature of the breach</h2><dl id=\"pack-nature\">")
            .Append(Row("Incident", pack.IncidentId))
            .Append(Row("Breach types", string.Join(", ", pack.Nature.BreachTypes.Select(t => t.ToString().ToLowerInvariant()))))
            .Append(Row("Description", pack.Nature.Description))
            .Append(Row("Categories of personal data", string.Join(", ", pack.Nature.DataCategories)))
            .Append(Row("Approximate number of records", pack.Nature.ApproxRecords?.ToString("N0", CultureInfo.InvariantCulture) ?? "not known"))
            .Append(Row("Basis of that number", pack.Nature.ApproxRecordsBasis))
            .Append(Row("Affected assets", string.Join(", ", pack.Nature.Assets)))
            .Append(Row("Likely consequences", pack.LikelyConsequences))
            .Append(Row("Measures taken or proposed", pack.Measures))
            .Append(Row("Contact point", pack.ContactPoint)).Append("</dl>");
        var a = pack.Awareness;
        body.Append("<h2>Awareness</h2><dl id=\"pack-awareness\">");
        if (a.ReportingSubprocessor is not null)
        {
            body.Append(Row("Reported by sub-processor", a.ReportingSubprocessor)).Append(Row("Sub-processor aware", Time(a.SubprocessorAwareAt)));
        }

        body.Append(Row("Processor aware", Time(a.ProcessorAwareAt)))
            .Append(Row("Processor's notice due", Time(a.ProcessorDue?.DueAt)))
            .Append(Row("Notice sent to you", Time(a.NoticeSentAt)));
        foreach (var clock in a.StatutoryClocks)
        {
            body.Append(Row($"Statutory clock ({clock.Regime})", $"{clock.WhoTellsWhom}: {clock.Limit}, {(clock.DueAt is null ? "no fixed time" : Time(clock.DueAt))}; {clock.ClockStarts}"));
        }

        body.Append("</dl>");
        var s = pack.Severity;
        body.Append("<h2>Severity estimate (ENISA 2013), guidance only</h2><dl id=\"pack-severity\">")
            .Append(Row("Score", $"{s.Score.ToString("0.##", CultureInfo.InvariantCulture)} ({s.Band})"))
            .Append("</dl><p id=\"pack-guidance\">").Append(E(pack.SeverityGuidance)).Append("</p>");
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>Controller pack {E(pack.IncidentId)}</title><link rel=\"stylesheet\" href=\"/assets/site.css\">" +
            "</head><body><main>" + body + "</main></body></html>";
    }

    private static string Row(string term, string value) => $"<dt>{E(term)}</dt><dd>{E(value)}</dd>";

    private static string Time(DateTimeOffset? at) =>
        at is { } t ? t.ToUniversalTime().ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) : "-";

    private static string E(string value) => WebUtility.HtmlEncode(ReadableText.Clean(value, keepLines: true));
}
