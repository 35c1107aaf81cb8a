using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace BreachNotify.Cli;

/// <summary>
/// <c>change announce</c> (a sub-processor change from a JSON file, the API's body) and <c>change export</c> (the
/// register of changes, or one change, as JSON or CSV), through the commanders' API with a commander key.
/// </summary>
internal static class ChangeCommands
{
    /// <summary>The API contract's header that makes an announcement safe to repeat.</summary>
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly string[] RegisterColumns =
        ["id", "announcedAt", "kind", "subprocessorId", "subprocessorName", "entity", "purpose", "location", "replaces", "effectiveAt", "status", "customers"];

    public static Command Create(CliContext context)
    {
        var url = new Option<string>("--url") { Description = "Base URL of the app", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
        var key = new Option<string?>("--key") { Description = $"A commander key; better from ${Cli.CommanderKeyVariable}, which a process list does not show" };
        var idempotency = new Option<string?>("--idempotency-key")
        {
            Description = "Sent as Idempotency-Key; by default derived from the file's content, so running the same file again finds the change it made",
        };
        var file = new Argument<FileInfo>("file") { Description = "The change as the API takes it: { kind, subprocessor { id, name, entity, purpose, location }, replaces, services, regions, effectiveAt, comment }" };
        var announce = new Command("announce", "POST a sub-processor change to /api/subprocessor-changes; exit 0 on 201") { url, key, idempotency, file };
        announce.SetAction((parse, ct) => Cli.Guard(context, () => AnnounceAsync(
            context, parse.GetRequiredValue(url), parse.GetValue(key), parse.GetValue(idempotency), parse.GetRequiredValue(file), ct)));

        var exportUrl = new Option<string>("--url") { Description = "Base URL of the app", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
        var exportKey = new Option<string?>("--key") { Description = $"A commander key; better from ${Cli.CommanderKeyVariable}" };
        var format = new Option<string>("--format") { Description = "csv (one row per change, or per notice of one change) or json (the API's answer as is)", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("json", "csv");
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write to this file instead of stdout" };
        var id = new Argument<string?>("changeId") { Description = "One change (its notices); without it, the register of changes", Arity = ArgumentArity.ZeroOrOne };
        var export = new Command("export", "Export the register of sub-processor changes, or one change") { exportUrl, exportKey, format, output, id };
        export.SetAction((parse, ct) => Cli.Guard(context, () => ExportAsync(
            context, parse.GetRequiredValue(exportUrl), parse.GetValue(exportKey), parse.GetValue(id), parse.GetRequiredValue(format), parse.GetValue(output), ct)));
        return new Command("change", "Sub-processor changes") { announce, export };
    }

    private static async Task<int> AnnounceAsync(
        CliContext context, string url, string? keyOption, string? idempotencyKey, FileInfo file, CancellationToken cancellationToken)
    {
        var baseUrl = Http.BaseUrl(url);
        var key = Cli.Required(context, keyOption, "--key", Cli.CommanderKeyVariable);
        if (!file.Exists)
        {
            throw new CliException($"file not found: {file.FullName}");
        }

        var body = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        try
        {
            using var parsed = JsonDocument.Parse(body);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliException($"{file.Name}: a JSON object is expected (the change)");
            }
        }
        catch (JsonException e)
        {
            throw new CliException($"{file.Name}: not JSON: {Cli.OneLine(e.Message)}");
        }

        using var client = Http.Client(context);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "api/subprocessor-changes")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey ?? "file-" + Convert.ToHexStringLower(SHA256.HashData(body))[..32]);
        using var response = await Http.SendAsync(client, request, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new CliException("401: the commander key was refused (--key or BREACHNOTIFY_COMMANDER_KEY)");
        }

        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new CliException($"{(int)response.StatusCode}: {Problem(answer)}");
        }

        var created = JsonSerializer.Deserialize<ChangeCreatedAnswer>(answer, DomainJson.Options) ?? throw new CliException("the app answered an empty change");
        context.Output.WriteLine($"{created.Id} {created.Status}: {created.Recipients} notices to {created.Customers.Count} customers once approved");
        foreach (var d in created.ObjectionDeadlines)
        {
            context.Output.WriteLine($"  {d.CustomerId}: notice by {Csv.Time(d.NoticeSentBy)}, objections until {Csv.Time(d.ObjectByAt)}");
        }

        return 0;
    }

    private static async Task<int> ExportAsync(
        CliContext context, string url, string? keyOption, string? id, string format, FileInfo? output, CancellationToken cancellationToken)
    {
        var baseUrl = Http.BaseUrl(url);
        var key = Cli.Required(context, keyOption, "--key", Cli.CommanderKeyVariable);
        var body = id is null
            ? await Http.GetAsCommanderAsync(context, new Uri(baseUrl, "api/subprocessor-changes"), key, "the change list", cancellationToken)
            : await Http.GetWithAllNoticesAsCommanderAsync(context, baseUrl, $"api/subprocessor-changes/{Uri.EscapeDataString(id)}", key, $"change '{id}'", cancellationToken);
        if (format == "json")
        {
            await Cli.WriteAsync(context, output, body.EndsWith('\n') ? body : body + "\n", id is null ? "the register of changes" : "change", cancellationToken);
            return 0;
        }

        if (id is not null)
        {
            var notices = (JsonSerializer.Deserialize<ChangeNotices>(body, DomainJson.Options) ?? throw new CliException("the app answered an empty change")).Notices ?? [];
            await Cli.WriteAsync(context, output, ChangeNoticeCsv.Write(notices), $"{notices.Count} notices", cancellationToken);
            return 0;
        }

        var changes = JsonSerializer.Deserialize<ChangeList>(body, DomainJson.Options)?.Items ?? [];
        await Cli.WriteAsync(context, output, Csv.Write(RegisterColumns, changes.Select(c => (IReadOnlyList<string?>)[
            c.Id, Csv.Time(c.AnnouncedAt), c.Kind, c.Subprocessor.Id, c.Subprocessor.Name, c.Subprocessor.Entity, c.Subprocessor.Purpose, c.Subprocessor.Location,
            c.Replaces, Csv.Time(c.EffectiveAt), c.Status, c.Customers.ToString(CultureInfo.InvariantCulture)])), $"{changes.Count} changes", cancellationToken);
        return 0;
    }

    /// <summary>A problem+json answer in one line: its detail (naming the field), and the earliest allowed time when the gate refused.</summary>
    private static string Problem(string answer)
    {
        try
        {
            using var problem = JsonDocument.Parse(answer);
            var root = problem.RootElement;
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : root.TryGetProperty("title", out var t) ? t.GetString() : null;
            var earliest = root.TryGetProperty("earliestEffectiveAt", out var e) ? $" (earliest allowed effectiveAt: {e.GetString()})" : "";
            return Cli.OneLine((detail ?? answer) + earliest);
        }
        catch (JsonException)
        {
            return Cli.OneLine(answer);
        }
    }

    private sealed record ChangeNotices(IReadOnlyList<ChangeNoticeView>? Notices);
}
