using System.Security.Claims;
using System.Security.Cryptography;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.OtherNotices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>
/// The console's drill schedules, on the console group (its sign-in and antiforgery): list, add, edit and delete, each form read
/// by the API's reader (<see cref="DrillScheduleRequestReader"/>) and written through <see cref="DrillScheduler"/> as the API does.
/// </summary>
public static class DrillScheduleConsoleEndpoints
{
    public static IEndpointRouteBuilder MapDrillScheduleConsole(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(DrillSchedulePages.Path, ListAsync).ExcludeFromDescription().WithName("ConsoleDrillScheduleList");
        routes.MapPost(DrillSchedulePages.Path, CreateAsync).ExcludeFromDescription().WithName("ConsoleDrillScheduleCreate");
        routes.MapPost(DrillSchedulePages.Path + "/{id}", UpdateAsync).ExcludeFromDescription().WithName("ConsoleDrillScheduleUpdate");
        routes.MapPost(DrillSchedulePages.Path + "/{id}/delete", DeleteAsync).ExcludeFromDescription().WithName("ConsoleDrillScheduleDelete");
        return routes;
    }

    internal static async Task<IResult> ListAsync(HttpContext http, string? done, DrillScheduler scheduler, CancellationToken cancellationToken)
    {
        var message = done switch
        {
            "added" => "Scheduled.",
            "saved" => "Saved.",
            "deleted" => "Deleted. The drills it recorded stay.",
            _ => null,
        };
        return Html(200, DrillSchedulePages.List(ConsoleEndpoints.Page(http), await scheduler.ListAsync(cancellationToken), NewFormKey(), message));
    }

    internal static async Task<IResult> CreateAsync(HttpContext http, MatterDecider decider, DrillScheduler scheduler, TimeProvider time, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var commander = Commander(http);
        var (asked, error) = DrillScheduleRequestReader.Read(DrillScheduleForm.Body(form), decider, commander, time.GetUtcNow());
        if (error is not null)
        {
            return await AgainAsync(http, scheduler, 400, $"Not scheduled: {error.Field}: {error.Message}", cancellationToken);
        }

        // The form's key (fresh per page) makes a resubmitted form find the schedule it made, as the API's Idempotency-Key does.
        var key = form["key"].ToString();
        var id = DrillScheduleEndpoints.NewId(commander, key.Length is > 0 and <= 64 ? "console\n" + key : "");
        await scheduler.AddAsync(new DrillSchedule(id, asked!.EveryMonths, asked.StartAt, asked.Customers, asked.Summary, asked.AutoApprove, commander, time.GetUtcNow()), cancellationToken);
        return ConsoleEndpoints.SeeOther($"{DrillSchedulePages.Path}?done=added#{id}");
    }

    internal static async Task<IResult> UpdateAsync(
        HttpContext http, string id, MatterDecider decider, DrillScheduler scheduler, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!DrillScheduleEndpoints.IsWellFormed(id))
        {
            return NotFound(http);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var commander = Commander(http);
        var (asked, error) = DrillScheduleRequestReader.Read(DrillScheduleForm.Body(form), decider, commander, time.GetUtcNow());
        if (error is not null)
        {
            return await AgainAsync(http, scheduler, 400, $"Not saved: {error.Field}: {error.Message}", cancellationToken);
        }

        return await scheduler.UpdateAsync(id, asked!, commander, cancellationToken) is null
            ? NotFound(http)
            : ConsoleEndpoints.SeeOther($"{DrillSchedulePages.Path}?done=saved#{id}");
    }

    internal static async Task<IResult> DeleteAsync(HttpContext http, string id, DrillScheduler scheduler, CancellationToken cancellationToken) =>
        DrillScheduleEndpoints.IsWellFormed(id) && await scheduler.DeleteAsync(id, cancellationToken)
            ? ConsoleEndpoints.SeeOther($"{DrillSchedulePages.Path}?done=deleted")
            : NotFound(http);

    private static async Task<IResult> AgainAsync(HttpContext http, DrillScheduler scheduler, int status, string message, CancellationToken cancellationToken) =>
        Html(status, DrillSchedulePages.List(ConsoleEndpoints.Page(http), await scheduler.ListAsync(cancellationToken), NewFormKey(), message, error: true));

    private static string Commander(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static string NewFormKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static IResult NotFound(HttpContext http) =>
        Html(404, ConsolePages.ProblemPage(ConsoleEndpoints.Page(http), "No such drill schedule", "There is no drill schedule with that id."));

    private static IResult Html(int status, Pages.HtmlPage page) => page.WithStatus(status);
}
