using System.Security.Claims;
using System.Security.Cryptography;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.OtherNotices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>
/// The console's pages of the other notices, mapped on the console group (its sign-in and antiforgery), and their forms: record a matter, decide it (approve,
/// reject, lift a prohibition) and record a waiver effort. Each form is posted as the API's body to the API's reader
/// (<see cref="MatterRequestReader"/>, <see cref="MatterCommandReader"/>: the same command, the same field messages) and the command
/// taken through <see cref="MatterWorkflow"/>.
/// </summary>
public static class MatterConsoleEndpoints
{
    public static IEndpointRouteBuilder MapMatterConsole(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/console/matters", ListAsync).ExcludeFromDescription().WithName("ConsoleMatterList");
        routes.MapGet("/console/matters/{id}", MatterAsync).ExcludeFromDescription().WithName("ConsoleMatter");
        routes.MapPost("/console/matters", RecordAsync).ExcludeFromDescription().WithName("ConsoleMatterRecord");
        routes.MapPost("/console/matters/{id}/decision", DecideAsync).ExcludeFromDescription().WithName("ConsoleMatterDecision");
        routes.MapPost("/console/matters/{id}/waiver-efforts", WaiverEffortAsync).ExcludeFromDescription().WithName("ConsoleMatterWaiverEffort");
        return routes;
    }

    internal static async Task<IResult> ListAsync(HttpContext http, string? customer, string? kind, MatterStore store, CancellationToken cancellationToken) =>
        Html(200, MatterPages.List(ConsoleEndpoints.Page(http), await store.ListAsync(MatterEndpoints.MaxListed, cancellationToken), customer, kind, NewFormKey()));

    internal static async Task<IResult> MatterAsync(HttpContext http, string id, string? done, MatterStore store, NoticeStore notices, FrozenRecipientStore frozen, CancellationToken cancellationToken)
    {
        if (!MatterId.IsWellFormed(id) || await store.LoadAsync(id, cancellationToken) is not { State.Matter: not null } stored)
        {
            return NotFound(http);
        }

        var rows = await notices.AllAsync(id, cancellationToken);
        var view = MatterView.Of(
            stored.State, await store.HistoryAsync(id, cancellationToken), rows,
            await MatterNoticeSource.RecipientsOfAsync(frozen, stored.State, 0, stored.State.RecipientCount, cancellationToken));
        var drill = stored.State.Matter.Kind == OtherNoticeKind.ContactDrill ? DrillReport.Of(stored.State, rows) : null;
        var message = done switch
        {
            "recorded" => "Recorded. It waits for a decision.",
            "approve" => view.Sending ? "Approved. The notices are going out." : "Approved. The notices are held while the legal prohibition holds.",
            "reject" => "Rejected. Nothing will be sent.",
            "lift-prohibition" => "The prohibition is lifted.",
            "set-review" => "The next review date is set; the commanders are reminded then.",
            "waiver" => "The waiver effort is on the timeline.",
            "unchanged" => "That was recorded already; nothing changed.",
            _ => null,
        };
        return Html(200, MatterPages.Matter(ConsoleEndpoints.Page(http), view, message, drill: drill));
    }

    internal static async Task<IResult> RecordAsync(
        HttpContext http, MatterWorkflow workflow, MatterStore store, SubjectLookup lookup, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var commander = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var (matter, error) = MatterRequestReader.Read(MatterForm.Body(form));
        if (error is not null)
        {
            return await ListAgainAsync(http, store, 400, $"Not recorded: {error.Field}: {error.Message}", cancellationToken);
        }

        // The form's key (fresh per page) makes a resubmitted form find the matter it made, as the API's Idempotency-Key does.
        var key = form["key"].ToString();
        var id = key.Length is > 0 and <= 64 ? MatterId.FromKey(commander, "console\n" + key) : MatterId.New();
        var subject = await lookup.CustomersOfAsync(matter!, cancellationToken);
        if (subject.FailureStatus is { } failed)
        {
            return await ListAgainAsync(http, store, failed, $"Not recorded: {subject.Failure}. Try again.", cancellationToken);
        }

        var (step, _) = await workflow.HandleAsync(id, new ReceiveMatter(matter!, commander, subject.Customers), cancellationToken);
        if (step.Refusal is { } refused)
        {
            return await ListAgainAsync(http, store, refused.Kind == MatterRefusalKind.Conflict ? 409 : 400, "Not recorded: " + Reason(refused), cancellationToken);
        }

        return ConsoleEndpoints.SeeOther($"/console/matters/{Uri.EscapeDataString(id)}?done={(step.IsNothing ? "unchanged" : "recorded")}");
    }

    internal static async Task<IResult> DecideAsync(
        HttpContext http, string id, MatterWorkflow workflow, MatterStore store, NoticeStore notices, FrozenRecipientStore frozen, CancellationToken cancellationToken)
    {
        if (await ReadAsync(store, notices, frozen, id, cancellationToken) is not { } before)
        {
            return NotFound(http);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var (decision, errors) = MatterCommandReader.ReadDecision(
            CommandForm.Body(form, "decision", "comment", "reviewAt"), http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (errors.Count > 0)
        {
            return Html(400, MatterPages.Matter(ConsoleEndpoints.Page(http), before, CommandForm.Message("Not recorded", errors), error: true));
        }

        var (step, _) = await workflow.HandleAsync(id, decision!, cancellationToken);
        return await AnsweredAsync(http, id, step, Kebab.Of(decision!.Decision), store, notices, frozen, before, cancellationToken);
    }

    internal static async Task<IResult> WaiverEffortAsync(
        HttpContext http, string id, MatterWorkflow workflow, MatterStore store, NoticeStore notices, FrozenRecipientStore frozen, CancellationToken cancellationToken)
    {
        if (await ReadAsync(store, notices, frozen, id, cancellationToken) is not { } before)
        {
            return NotFound(http);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var (effort, errors) = MatterCommandReader.ReadWaiverEffort(CommandForm.Body(form, "text"), http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (errors.Count > 0)
        {
            return Html(400, MatterPages.Matter(ConsoleEndpoints.Page(http), before, CommandForm.Message("Not recorded", errors), error: true));
        }

        var (step, _) = await workflow.HandleAsync(id, effort!, cancellationToken);
        return await AnsweredAsync(http, id, step, "waiver", store, notices, frozen, before, cancellationToken);
    }

    /// <summary>A refusal shows the page again with its reason (the API's status: 400, 404, 409); a step goes back to the page.</summary>
    private static async Task<IResult> AnsweredAsync(
        HttpContext http, string id, MatterStep step, string done, MatterStore store, NoticeStore notices, FrozenRecipientStore frozen, MatterView before, CancellationToken cancellationToken)
    {
        if (step.Refusal is { } refused)
        {
            var status = refused.Kind switch
            {
                MatterRefusalKind.NotFound => 404,
                MatterRefusalKind.Conflict => 409,
                _ => 400,
            };
            var now = await ReadAsync(store, notices, frozen, id, cancellationToken) ?? before;
            return Html(status, MatterPages.Matter(ConsoleEndpoints.Page(http), now, "Not recorded: " + Reason(refused), error: true));
        }

        return ConsoleEndpoints.SeeOther($"/console/matters/{Uri.EscapeDataString(id)}?done={(step.IsNothing ? "unchanged" : done)}");
    }

    private static async Task<IResult> ListAgainAsync(HttpContext http, MatterStore store, int status, string message, CancellationToken cancellationToken) =>
        Html(status, MatterPages.List(ConsoleEndpoints.Page(http), await store.ListAsync(MatterEndpoints.MaxListed, cancellationToken), null, null, NewFormKey(), message, error: true));

    private static string Reason(MatterRefusal refused) => refused.Field is { } field ? $"{field}: {refused.Reason}" : refused.Reason;

    /// <summary>The matter with every frozen recipient and notice: the console's page shows them all.</summary>
    private static async Task<MatterView?> ReadAsync(MatterStore store, NoticeStore notices, FrozenRecipientStore frozen, string id, CancellationToken cancellationToken) =>
        MatterId.IsWellFormed(id) && await store.LoadAsync(id, cancellationToken) is { State.Matter: not null } stored
            ? MatterView.Of(
                stored.State, await store.HistoryAsync(id, cancellationToken), await notices.AllAsync(id, cancellationToken),
                await MatterNoticeSource.RecipientsOfAsync(frozen, stored.State, 0, stored.State.RecipientCount, cancellationToken))
            : null;

    private static string NewFormKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static IResult NotFound(HttpContext http) =>
        Html(404, ConsolePages.ProblemPage(ConsoleEndpoints.Page(http), "No such matter", "There is no matter with that id."));

    private static IResult Html(int status, Pages.HtmlPage page) => page.WithStatus(status);
}
