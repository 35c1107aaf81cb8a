using System.Globalization;
using BreachNotify.Detections;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Incidents;
using BreachNotify.Parties;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BreachNotify.Functions.Ledger;

/// <summary>
/// <c>GET /api/customers/{id}/register</c> (every matter of every kind the customer was told of) and
/// <c>GET /api/customers/{id}/ledger</c> (the same with each notice's progress), filterable by <c>kind</c>, <c>from</c>, <c>to</c>,
/// as JSON or (<c>format=csv</c>) CSV.
/// </summary>
public static class LedgerEndpoints
{
    public const string Path = "/api/customers";
    private static readonly string[] RegisterHeader = ["customerId", "kind", "matterId", "phase", "toldAt", "dueAt", "contacts"];
    private static readonly string[] LedgerHeader =
        ["customerId", "kind", "matterId", "phase", "toldAt", "dueAt", "noticeId", "contactName", "email", "status", "sentAt", "deliveredAt", "bouncedAt", "acknowledgedAt", "acknowledgedBy"];

    public static IEndpointRouteBuilder MapCustomerLedger(this IEndpointRouteBuilder routes)
    {
        routes.MapGet($"{Path}/{{id}}/register", RegisterAsync).WithName("CustomerRegister")
            .Produces<CustomerRegister>().Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        routes.MapGet($"{Path}/{{id}}/ledger", LedgerAsync).WithName("CustomerLedger")
            .Produces<CustomerLedger>().Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return routes;
    }

    /// <summary>The ledger's console page, mapped on the console group (its sign-in).</summary>
    public static IEndpointRouteBuilder MapCustomerLedgerConsole(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/console/customers/{id}", ConsoleAsync).ExcludeFromDescription().WithName("ConsoleCustomerLedger");
        return routes;
    }

    internal static async Task<IResult> RegisterAsync(
        string id, string? kind, string? from, string? to, string? format, CustomerLedgerStore ledger,
        ProcessorDirectory directory, CancellationToken cancellationToken)
    {
        var (filter, problem) = Read(kind, from, to, format);
        if (problem is not null)
        {
            return problem;
        }

        var entries = await ledger.EntriesAsync(id, filter!, cancellationToken);
        if (await NameOfAsync(id, directory, ledger, entries, cancellationToken) is not { } name)
        {
            return NoSuchCustomer(id);
        }

        return format == "csv"
            ? Results.Text(Csv.Write(RegisterHeader, entries.Select(e => (IReadOnlyList<string?>)
                [e.CustomerId, e.Kind, e.MatterId, e.Phase.ToString(CultureInfo.InvariantCulture), Csv.Time(e.ToldAt), Csv.Time(e.DueAt), e.Contacts.ToString(CultureInfo.InvariantCulture)])),
                "text/csv; charset=utf-8")
            : TypedResults.Ok(new CustomerRegister(id, name, entries));
    }

    internal static async Task<IResult> LedgerAsync(
        string id, string? kind, string? from, string? to, string? format, CustomerLedgerStore ledger,
        ProcessorDirectory directory, CancellationToken cancellationToken)
    {
        var (filter, problem) = Read(kind, from, to, format);
        if (problem is not null)
        {
            return problem;
        }

        if (await LoadAsync(id, filter!, directory, ledger, cancellationToken) is not { } found)
        {
            return NoSuchCustomer(id);
        }

        return format == "csv" ? Results.Text(CsvOf(found), "text/csv; charset=utf-8") : TypedResults.Ok(found);
    }

    internal static async Task<IResult> ConsoleAsync(
        HttpContext http, string id, string? kind, string? from, string? to, CustomerLedgerStore ledger, ProcessorDirectory directory, CancellationToken cancellationToken)
    {
        var page = ConsoleEndpoints.Page(http);
        var (filter, problem) = Read(string.IsNullOrWhiteSpace(kind) ? null : kind.Trim(), Blank(from), Blank(to), null);
        if (problem is not null)
        {
            return ConsoleEndpoints.Html(400, ConsolePages.ProblemPage(page, "Bad filter", $"kind is one of {string.Join(", ", CustomerLedgerStore.Kinds)}; from and to are ISO 8601 times."));
        }

        return await LoadAsync(id, filter!, directory, ledger, cancellationToken) is { } found
            ? ConsoleEndpoints.Html(200, LedgerPages.Ledger(page, found, filter!))
            : ConsoleEndpoints.Html(404, ConsolePages.ProblemPage(page, "No such customer", "There is no customer with that id."));
    }

    private static async Task<CustomerLedger?> LoadAsync(string id, LedgerFilter filter, ProcessorDirectory directory, CustomerLedgerStore ledger, CancellationToken cancellationToken)
    {
        var items = await ledger.LedgerAsync(id, filter, cancellationToken);
        var name = directory.Customer(id)?.Name ?? await NameOfAsync(id, directory, ledger, null, cancellationToken);
        return name is null ? null : new CustomerLedger(id, name, items);
    }

    /// <summary>The customer's name from the directory, else (a customer since removed) as its register recorded it; null: unknown.</summary>
    private static async Task<string?> NameOfAsync(
        string id, ProcessorDirectory directory, CustomerLedgerStore ledger, IReadOnlyList<CustomerLedgerEntry>? entries, CancellationToken cancellationToken)
    {
        if (directory.Customer(id) is { } customer)
        {
            return customer.Name;
        }

        entries ??= await ledger.EntriesAsync(id, LedgerFilter.All, cancellationToken);
        return entries.Count > 0 ? entries[0].CustomerName : null;
    }

    private static (LedgerFilter? Filter, IResult? Problem) Read(string? kind, string? from, string? to, string? format)
    {
        var errors = new List<FieldError>();
        if (format is not (null or "json" or "csv"))
        {
            errors.Add(new FieldError("format", "json or csv"));
        }

        if (kind is not null && !CustomerLedgerStore.Kinds.Contains(kind))
        {
            errors.Add(new FieldError("kind", $"one of {string.Join(", ", CustomerLedgerStore.Kinds)}"));
        }

        var fromAt = Time(from, "from", errors);
        var toAt = Time(to, "to", errors);
        return errors.Count > 0 ? (null, Problems.InvalidFields(errors)) : (new LedgerFilter(kind, fromAt, toAt), null);
    }

    private static DateTimeOffset? Time(string? value, string field, List<FieldError> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        errors.Add(new FieldError(field, "an ISO 8601 time, e.g. 2026-12-01T00:00:00Z"));
        return null;
    }

    private static string CsvOf(CustomerLedger ledger) =>
        Csv.Write(LedgerHeader, ledger.Items.SelectMany(i => (i.Notices.Count == 0 ? [null] : i.Notices.Select(n => (LedgerNotice?)n)).Select(n => (IReadOnlyList<string?>)
        [
            ledger.CustomerId, i.Kind, i.MatterId, i.Phase.ToString(CultureInfo.InvariantCulture), Csv.Time(i.ToldAt), Csv.Time(i.DueAt),
            n?.NoticeId, n?.ContactName, n?.Email, n?.Status, Csv.Time(n?.SentAt), Csv.Time(n?.DeliveredAt), Csv.Time(n?.BouncedAt), Csv.Time(n?.AcknowledgedAt), n?.AcknowledgedBy,
        ])));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NoSuchCustomer(string id) => Problems.Status(404, "No such customer", $"no customer {id} in the directory or its register");
}
