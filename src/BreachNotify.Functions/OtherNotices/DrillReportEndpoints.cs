using BreachNotify.Detections;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Incidents;
using BreachNotify.OtherNotices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BreachNotify.Functions.OtherNotices;

/// <summary><c>GET /api/matters/{id}/drill-report</c>: a contact drill's outcome per customer and contact, as JSON or (<c>format=csv</c>) CSV.</summary>
public static class DrillReportEndpoints
{
    public const string Route = $"{MatterEndpoints.Path}/{{id}}/drill-report";
    private static readonly string[] CsvHeader =
        ["customerId", "customerName", "contactName", "email", "outcome", "sentAt", "acknowledgedAt", "acknowledgedBy", "bouncedAt", "bounceReason"];

    public static IEndpointRouteBuilder MapDrillReport(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Route, ReadAsync).WithName("MatterDrillReport")
            .Produces<DrillReport>().Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return routes;
    }

    internal static async Task<IResult> ReadAsync(
        HttpRequest request, string id, string? format, MatterStore store, NoticeStore notices, CancellationToken cancellationToken)
    {
        if (format is not (null or "json" or "csv"))
        {
            return Problems.InvalidFields([new FieldError("format", "json or csv")]);
        }

        if (!MatterId.IsWellFormed(id) || await store.LoadAsync(id, cancellationToken) is not { State.Matter: not null } stored)
        {
            return Problems.Status(404, "No such matter");
        }

        if (stored.State.Matter.Kind != OtherNoticeKind.ContactDrill)
        {
            return Problems.Status(404, "No such drill", $"matter {id} is not a contact drill");
        }

        // One partition: the drill's own notices.
        var report = DrillReport.Of(stored.State, await notices.AllAsync(id, cancellationToken));
        return format == "csv" ? Results.Text(CsvOf(report), "text/csv; charset=utf-8") : TypedResults.Ok(report);
    }

    private static string CsvOf(DrillReport report) =>
        Csv.Write(CsvHeader, report.Customers.SelectMany(c => c.Contacts.Select(k => (IReadOnlyList<string?>)
        [
            c.CustomerId, c.CustomerName, k.ContactName, k.Email, k.Outcome, Csv.Time(k.SentAt), Csv.Time(k.AcknowledgedAt), k.AcknowledgedBy,
            Csv.Time(k.BouncedAt), k.BounceReason,
        ])));
}
