using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace BreachNotify.Cli;

/// <summary>
/// <c>incident export</c> and <c>register export</c>: the commanders' API read with a commander key, written as JSON or
/// CSV (the console's CSV dialect: RFC 4180, UTC times, formula-like cells neutralised).
/// </summary>
internal static class ExportCommands
{
    private static readonly string[] NoticeColumns =
        ["noticeId", "recipientId", "email", "status", "sentAt", "deliveredAt", "acknowledgedAt", "acknowledgedBy"];

    private static readonly string[] RegisterColumns =
        ["id", "status", "verdict", "awareAt", "title", "earliestDueAt", "customers", "subprocessors", "recipients"];

    /// <summary>Register lists at least this long show progress while written.</summary>
    private const int ProgressFrom = 200;

    public static Command CreateIncident(CliContext context)
    {
        var (url, key, output) = CommonOptions();
        var format = new Option<string>("--format") { Description = "json (the API's answer as is) or csv (one row per notice)", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var id = new Argument<string>("incidentId") { Description = "The incident's id" };
        var export = new Command("export", "Export one incident (GET /api/incidents/{id})") { url, key, format, output, id };
        export.SetAction((parse, ct) => Cli.Guard(context, () => ExportIncidentAsync(
            context, parse.GetRequiredValue(url), parse.GetValue(key), parse.GetRequiredValue(id), parse.GetRequiredValue(format), parse.GetValue(output), ct)));
        return new Command("incident", "One incident") { export };
    }

    public static Command CreateRegister(CliContext context)
    {
        var (url, key, output) = CommonOptions();
        var from = new Option<string?>("--from") { Description = "Aware at or after: a date (UTC midnight, e.g. 2026-01-01) or an ISO 8601 time" };
        var to = new Option<string?>("--to") { Description = "Aware before: a date counts in full (2026-03-31 = through that day, UTC), or an ISO 8601 time (exclusive)" };
        var status = new Option<string?>("--status") { Description = "Only incidents in this status (e.g. AwaitingDecision, Notifying)" };
        var export = new Command("export", "Export the breach register as CSV (GET /api/incidents?from=&to=)") { url, key, from, to, status, output };
        export.SetAction((parse, ct) => Cli.Guard(context, () => ExportRegisterAsync(
            context, parse.GetRequiredValue(url), parse.GetValue(key), parse.GetValue(from), parse.GetValue(to), parse.GetValue(status), parse.GetValue(output), ct)));
        return new Command("register", "The breach register") { export };
    }

    private static (Option<string> Url, Option<string?> Key, Option<FileInfo?> Output) CommonOptions() =>
        (new Option<string>("--url") { Description = "Base URL of the app", DefaultValueFactory = _ => "http://127.0.0.1:7071" },
         new Option<string?>("--key") { Description = $"A commander key; better from ${Cli.CommanderKeyVariable}, which a process list does not show" },
         new Option<FileInfo?>("--out", "-o") { Description = "Write to this file instead of stdout" });

    private static async Task<int> ExportIncidentAsync(
        CliContext context, string url, string? keyOption, string id, string format, FileInfo? output, CancellationToken cancellationToken)
    {
        var baseUrl = Http.BaseUrl(url);
        var key = Cli.Required(context, keyOption, "--key", Cli.CommanderKeyVariable);
        var body = await Http.GetWithAllNoticesAsCommanderAsync(context, baseUrl, $"api/incidents/{Uri.EscapeDataString(id)}", key, $"incident '{id}'", cancellationToken);
        if (format == "json")
        {
            await Cli.WriteAsync(context, output, body.EndsWith('\n') ? body : body + "\n", "incident", cancellationToken);
            return 0;
        }

        var incident = JsonSerializer.Deserialize<IncidentNotices>(body, DomainJson.Options)
                       ?? throw new CliException("the app answered an empty incident");
        var notices = incident.Notices ?? [];
        var csv = Csv.Write(NoticeColumns, notices.Select(n => (IReadOnlyList<string?>)[
            n.NoticeId, n.RecipientId, n.Contact?.Email, n.Status, Csv.Time(n.SentAt), Csv.Time(n.DeliveredAt), Csv.Time(n.AcknowledgedAt), n.AcknowledgedBy]));
        await Cli.WriteAsync(context, output, csv, $"{notices.Count} notices", cancellationToken);
        return 0;
    }

    private static async Task<int> ExportRegisterAsync(
        CliContext context, string url, string? keyOption, string? from, string? to, string? status, FileInfo? output, CancellationToken cancellationToken)
    {
        var baseUrl = Http.BaseUrl(url);
        var key = Cli.Required(context, keyOption, "--key", Cli.CommanderKeyVariable);
        var query = new List<string>();
        if (Bound(from, "--from", endOfDay: false) is { } f)
        {
            query.Add("from=" + Uri.EscapeDataString(f));
        }

        if (Bound(to, "--to", endOfDay: true) is { } t)
        {
            query.Add("to=" + Uri.EscapeDataString(t));
        }

        if (!string.IsNullOrWhiteSpace(status))
        {
            query.Add("status=" + Uri.EscapeDataString(status));
        }

        var path = "api/incidents" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        if (context.ErrorIsTerminal)
        {
            context.Error.Write("fetching the register...\r");
        }

        var body = await Http.GetAsCommanderAsync(context, new Uri(baseUrl, path), key, "the incident list", cancellationToken);
        var incidents = JsonSerializer.Deserialize<List<IncidentSummary>>(body, DomainJson.Options) ?? [];

        var progress = incidents.Count >= ProgressFrom ? new ProgressLine(context, "exported", incidents.Count) : null;
        var rows = new List<IReadOnlyList<string?>>(incidents.Count);
        foreach (var i in incidents.OrderBy(i => i.AwareAt))
        {
            rows.Add([
                i.Id, i.Status, i.Verdict, Csv.Time(i.AwareAt), i.Title, Csv.Time(i.EarliestDueAt),
                i.Customers.ToString(CultureInfo.InvariantCulture), i.Subprocessors.ToString(CultureInfo.InvariantCulture),
                i.Recipients.ToString(CultureInfo.InvariantCulture)]);
            progress?.Report(rows.Count);
        }

        await Cli.WriteAsync(context, output, Csv.Write(RegisterColumns, rows), $"{rows.Count} incidents", cancellationToken);
        return 0;
    }

    /// <summary>A date means UTC midnight (for --to: the next one, so the day counts in full); a time is sent as given.</summary>
    private static string? Bound(string? value, string option, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return (endOfDay ? midnight.AddDays(1) : midnight).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        }

        throw new CliException($"{option}: '{value}' is neither a date (2026-01-31) nor an ISO 8601 time");
    }

    private sealed record IncidentNotices(IReadOnlyList<NoticeView>? Notices);
}
