using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BreachNotify.Detections;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Incidents;
using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.OtherNotices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>
/// <c>POST /api/drill-schedules</c> <c>{ everyMonths, startAt, customers?, summary, autoApprove? }</c> schedules a contact drill
/// (recorded by the outbox sweep at each occurrence, <see cref="DrillScheduler"/>); <c>GET /api/drill-schedules</c> lists them.
/// The drill a schedule records is checked now as the sweep will record it (the decider's own validation), so a bad schedule is a
/// 400 and stores nothing.
/// </summary>
public static class DrillScheduleEndpoints
{
    public const string Path = "/api/drill-schedules";
    public const int MaxEveryMonths = 24;

    public static IEndpointRouteBuilder MapDrillSchedules(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, CreateAsync).WithName("DrillScheduleCreate")
            .Accepts<object>(Ingest.IngestEndpoints.JsonMediaType, "*/*")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        routes.MapGet(Path, ListAsync).WithName("DrillScheduleList")
            .Produces<DrillScheduleList>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return routes;
    }

    internal static async Task<IResult> CreateAsync(
        HttpRequest request, MatterDecider decider, DrillScheduler scheduler, TimeProvider time, CancellationToken cancellationToken)
    {
        var commanderId = request.HttpContext.User.CommanderId();

        var (body, problem) = await ChangeBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!body.TryGetProperty("everyMonths", out var every) || every.ValueKind != JsonValueKind.Number || !every.TryGetInt32(out var months) || months is < 1 or > MaxEveryMonths)
        {
            return Problems.InvalidFields([new FieldError("everyMonths", $"required: a whole number of months, 1 to {MaxEveryMonths} (3: quarterly)")]);
        }

        if (!MatterRequestReader.TryTime(body, "startAt", out var startAt) || startAt is null)
        {
            return Problems.InvalidFields([new FieldError("startAt", "required: an ISO 8601 date and time with its offset, e.g. 2027-01-04T09:00:00Z")]);
        }

        if (!JsonFields.TryStrings(body, "customers", MatterRequestReader.MaxListItems, out var customers))
        {
            return Problems.InvalidFields([new FieldError("customers", $"a list of customer ids is expected (at most {MatterRequestReader.MaxListItems})")]);
        }

        if (!JsonFields.TryString(body, "summary", out var summary))
        {
            return Problems.InvalidFields([new FieldError("summary", "a string is expected")]);
        }

        var autoApprove = false;
        if (body.TryGetProperty("autoApprove", out var auto) && auto.ValueKind != JsonValueKind.Null)
        {
            if (auto.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Problems.InvalidFields([new FieldError("autoApprove", "true or false")]);
            }

            autoApprove = auto.GetBoolean();
        }

        var text = summary is null ? "" : ReadableText.Clean(summary, keepLines: true).Trim();
        // As the sweep records it at an occurrence, which is never in the future (the decider refuses a receipt time to come).
        var now = time.GetUtcNow();
        var drill = new OtherMatter { Kind = OtherNoticeKind.ContactDrill, Customers = customers, ReceivedAt = startAt.Value < now ? startAt.Value : now, Summary = text };
        if (decider.Decide(null, new ReceiveMatter(drill, commanderId), now).Refusal is { } refused)
        {
            return Problems.InvalidFields([new FieldError(refused.Field ?? "body", refused.Reason)]);
        }

        var key = request.Headers[SubprocessorChangeEndpoints.IdempotencyKeyHeader].ToString();
        if (key.Length > 200 || key.Any(c => c is < '!' or > '~'))
        {
            return Problems.InvalidFields([new FieldError(SubprocessorChangeEndpoints.IdempotencyKeyHeader, "at most 200 printable ASCII characters, no spaces")]);
        }

        var id = "dsc-" + (key.Length == 0
            ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10))
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"drill-schedule\n{commanderId}\n{key}")))[..20]);
        var schedule = new DrillSchedule(id, months, startAt.Value, customers, text, autoApprove, commanderId, time.GetUtcNow());
        await scheduler.AddAsync(schedule, cancellationToken);
        // A retry with the same key answers with the schedule it made.
        var stored = await scheduler.FindAsync(id, cancellationToken);
        return TypedResults.Created($"{Path}/{id}", stored);
    }

    internal static async Task<IResult> ListAsync(DrillScheduler scheduler, CancellationToken cancellationToken) =>
        TypedResults.Ok(new DrillScheduleList(await scheduler.ListAsync(cancellationToken)));

}
