using System.Text;
using BreachNotify.Functions.Incidents;
using BreachNotify.Functions.Pages;
using BreachNotify.Incidents;
using BreachNotify.Notices;
using static BreachNotify.Functions.CommanderConsole.ConsolePage;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>The console's pages: Razor components (static server rendering, encoded by default), readable without script and on a phone.</summary>
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

    public static HtmlPage ProblemPage(ConsolePage page, string title, string message) =>
        HtmlPage.Of<ConsoleProblemPage>(200, new()
        {
            [nameof(ConsoleProblemPage.Page)] = page,
            [nameof(ConsoleProblemPage.Title)] = title,
            [nameof(ConsoleProblemPage.Message)] = message,
        });

    public static HtmlPage Queue(ConsolePage page, IReadOnlyList<IncidentSummary> incidents, IReadOnlyDictionary<string, NoticeCounts> progress) =>
        HtmlPage.Of<QueuePage>(200, new()
        {
            [nameof(QueuePage.Page)] = page,
            [nameof(QueuePage.Rows)] = (IReadOnlyList<QueueRow>)[.. incidents.Select(i => QueueRow.Of(i, progress))],
        });

    public static HtmlPage Incident(ConsolePage page, IncidentView v, string? message, bool error, NoticeEditing? editing = null) =>
        HtmlPage.Of<IncidentPage>(200, new()
        {
            [nameof(IncidentPage.Page)] = page,
            [nameof(IncidentPage.Model)] = IncidentPageModel.Of(v, message, error, editing),
        });

    public static HtmlPage Register(ConsolePage page, IReadOnlyList<IncidentSummary> incidents, string? from, string? to, string? status, string? error, string csvHref) =>
        HtmlPage.Of<RegisterPage>(200, new()
        {
            [nameof(RegisterPage.Page)] = page,
            [nameof(RegisterPage.Incidents)] = incidents,
            [nameof(RegisterPage.From)] = from,
            [nameof(RegisterPage.To)] = to,
            [nameof(RegisterPage.Status)] = Enum.TryParse<IncidentStatus>(status, true, out var s) && !int.TryParse(status, out _) ? s : (IncidentStatus?)null,
            [nameof(RegisterPage.Error)] = error,
            [nameof(RegisterPage.CsvHref)] = csvHref,
        });

    public static HtmlPage DeadLetters(ConsolePage page, IReadOnlyList<DeadLetter> letters, string? message, bool error) =>
        HtmlPage.Of<DeadLettersPage>(200, new()
        {
            [nameof(DeadLettersPage.Page)] = page,
            [nameof(DeadLettersPage.Letters)] = letters,
            [nameof(DeadLettersPage.Text)] = message,
            [nameof(DeadLettersPage.Error)] = error,
        });

    public static HtmlPage Preview(ConsolePage page, IncidentView v, Recipient recipient, NoticePreviewView preview) =>
        HtmlPage.Of<PreviewPage>(200, new()
        {
            [nameof(PreviewPage.Page)] = page,
            [nameof(PreviewPage.IncidentId)] = v.Id,
            [nameof(PreviewPage.Recipient)] = recipient,
            [nameof(PreviewPage.Preview)] = preview,
        });

    /// <summary>The evidence report: everything in UTC, for print; built from the same view as the JSON export.</summary>
    public static HtmlPage Report(IncidentView v, DateTimeOffset generatedAt) =>
        HtmlPage.Of<ReportPage>(200, new()
        {
            [nameof(ReportPage.View)] = v,
            [nameof(ReportPage.GeneratedAt)] = generatedAt,
        });

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
