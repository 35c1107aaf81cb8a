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
/// (recorded by the outbox sweep at each occurrence, <see cref="DrillScheduler"/>); <c>GET /api/drill-schedules</c> lists them;
/// <c>GET</c>, <c>PUT</c> (the create's body) and <c>DELETE /api/drill-schedules/{id}</c> read, edit and delete one. The drill a
/// schedule records is checked now as the sweep will record it (<see cref="DrillScheduleRequestReader"/>), so a bad schedule is a
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
        routes.MapGet($"{Path}/{{id}}", ReadAsync).WithName("DrillScheduleRead")
            .Produces<DrillScheduleView>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        routes.MapPut($"{Path}/{{id}}", UpdateAsync).WithName("DrillScheduleUpdate")
            .Accepts<object>(Ingest.IngestEndpoints.JsonMediaType, "*/*")
            .Produces<DrillScheduleView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status429TooManyRequests);
        routes.MapDelete($"{Path}/{{id}}", DeleteAsync).WithName("DrillScheduleDelete")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return routes;
    }

    internal static async Task<IResult> CreateAsync(
        HttpRequest request, MatterDecider decider, DrillScheduler scheduler, TimeProvider time, CancellationToken cancellationToken)
    {
        var commanderId = request.HttpContext.User.CommanderId();

        var (asked, problem) = await ReadScheduleAsync(request, decider, commanderId, time, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var key = request.Headers[SubprocessorChangeEndpoints.IdempotencyKeyHeader].ToString();
        if (key.Length > 200 || key.Any(c => c is < '!' or > '~'))
        {
            return Problems.InvalidFields([new FieldError(SubprocessorChangeEndpoints.IdempotencyKeyHeader, "at most 200 printable ASCII characters, no spaces")]);
        }

        var id = NewId(commanderId, key);
        var schedule = new DrillSchedule(id, asked!.EveryMonths, asked.StartAt, asked.Customers, asked.Summary, asked.AutoApprove, commanderId, time.GetUtcNow());
        await scheduler.AddAsync(schedule, cancellationToken);
        // A retry with the same key answers with the schedule it made.
        var stored = await scheduler.FindAsync(id, cancellationToken);
        return TypedResults.Created($"{Path}/{id}", stored);
    }

    /// <summary>A create's or an edit's body, read and checked: the schedule asked for, or the problem that answers it.</summary>
    private static async Task<(DrillScheduleRequest? Asked, IResult? Problem)> ReadScheduleAsync(
        HttpRequest request, MatterDecider decider, string commanderId, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await ChangeBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        var (asked, error) = DrillScheduleRequestReader.Read(body, decider, commanderId, time.GetUtcNow());
        return error is not null ? (null, Problems.InvalidFields([error])) : (asked, null);
    }

    internal static async Task<IResult> ListAsync(DrillScheduler scheduler, CancellationToken cancellationToken) =>
        TypedResults.Ok(new DrillScheduleList(await scheduler.ListAsync(cancellationToken)));

    internal static async Task<IResult> ReadAsync(string id, DrillScheduler scheduler, CancellationToken cancellationToken) =>
        IsWellFormed(id) && await scheduler.FindAsync(id, cancellationToken) is { } found ? TypedResults.Ok(found) : NoSuchSchedule();

    /// <summary>Replaces the schedule's fields with the body's (the create's fields and checks); 404 for no such schedule.</summary>
    internal static async Task<IResult> UpdateAsync(
        HttpRequest request, string id, MatterDecider decider, DrillScheduler scheduler, TimeProvider time, CancellationToken cancellationToken)
    {
        var commanderId = request.HttpContext.User.CommanderId();
        if (!IsWellFormed(id))
        {
            return NoSuchSchedule();
        }

        var (asked, problem) = await ReadScheduleAsync(request, decider, commanderId, time, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await scheduler.UpdateAsync(id, asked!, commanderId, cancellationToken) is { } updated ? TypedResults.Ok(updated) : NoSuchSchedule();
    }

    /// <summary>Deletes the schedule: no drill is recorded by it any more; those it recorded stay. 204, or 404.</summary>
    internal static async Task<IResult> DeleteAsync(string id, DrillScheduler scheduler, CancellationToken cancellationToken) =>
        IsWellFormed(id) && await scheduler.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : NoSuchSchedule();

    /// <summary>A schedule id as this API makes them (<c>dsc-</c> and 20 hex digits): anything else is no schedule, unread.</summary>
    public static bool IsWellFormed(string id) => id is { Length: 24 } && id.StartsWith("dsc-", StringComparison.Ordinal) && id[4..].All(char.IsAsciiHexDigitLower);

    /// <summary>A new schedule's id: random, or derived from the commander and the request's key (a retry finds its schedule).</summary>
    internal static string NewId(string commanderId, string key) => "dsc-" + (key.Length == 0
        ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10))
        : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"drill-schedule\n{commanderId}\n{key}")))[..20]);

    private static IResult NoSuchSchedule() => Problems.Status(404, "No such drill schedule");

}
