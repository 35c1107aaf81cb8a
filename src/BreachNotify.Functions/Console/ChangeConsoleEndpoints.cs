using System.Globalization;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.Parties;
using BreachNotify.SubprocessorChanges;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static BreachNotify.Functions.CommanderConsole.ConsoleEndpoints;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// The console's sub-processor change routes: the register (page and CSV), a page per change, and its decision and
/// objection-outcome forms. Sessions, antiforgery and the pages' CSP are the console group's (<see cref="Hosting.EdgeAuthentication.RequireConsoleSession"/>);
/// every form is posted as the API's body to the API's reader (<see cref="ChangeCommandReader"/>: the same command, the same field
/// messages) and the command taken through <see cref="SubprocessorChangeWorkflow"/>.
/// </summary>
public static class ChangeConsoleEndpoints
{
    public static IEndpointRouteBuilder MapChangeConsole(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/console/changes", RegisterAsync).ExcludeFromDescription().WithName("ConsoleChanges");
        routes.MapGet("/console/changes.csv", RegisterCsvAsync).ExcludeFromDescription().WithName("ConsoleChangesCsv");
        routes.MapGet("/console/changes/new", NewAsync).ExcludeFromDescription().WithName("ConsoleChangeNew");
        routes.MapPost("/console/changes", AnnounceAsync).ExcludeFromDescription().WithName("ConsoleChangeAnnounce");
        routes.MapGet("/console/changes/{id}/export.json", ExportJsonAsync).ExcludeFromDescription().WithName("ConsoleChangeExportJson");
        routes.MapGet("/console/changes/{id}/notices.csv", NoticesCsvAsync).ExcludeFromDescription().WithName("ConsoleChangeNoticesCsv");
        routes.MapGet("/console/changes/{id}", ChangeAsync).ExcludeFromDescription().WithName("ConsoleChange");
        routes.MapPost("/console/changes/{id}/decision", DecideAsync).ExcludeFromDescription().WithName("ConsoleChangeDecision");
        routes.MapPost("/console/changes/{id}/objections/{customerId}/outcome", OutcomeAsync).ExcludeFromDescription().WithName("ConsoleChangeOutcome");
        return routes;
    }

    internal static async Task<IResult> RegisterAsync(HttpContext http, SubprocessorChangeStore store, CancellationToken cancellationToken) =>
        Html(200, ChangePages.Register(Page(http), [.. (await store.ListAsync(SubprocessorChangeEndpoints.MaxListed, cancellationToken)).Select(ChangeSummary.Of)]));

    internal static async Task<IResult> RegisterCsvAsync(HttpContext http, SubprocessorChangeStore store, CancellationToken cancellationToken)
    {
        var entries = await store.ListAsync(SubprocessorChangeEndpoints.MaxListed, cancellationToken);
        var csv = Csv.Write(
            ["id", "announcedAt", "kind", "subprocessorId", "subprocessorName", "entity", "purpose", "location", "replaces", "effectiveAt", "status", "tookEffectAt", "customers"],
            entries.Select(e => (IReadOnlyList<string?>)[
                e.Id, Csv.Time(e.AnnouncedAt), Kebab.Of(e.Kind), e.Subprocessor.Id, e.Subprocessor.Name, e.Subprocessor.Entity, e.Subprocessor.Purpose,
                e.Subprocessor.Location, e.Replaces, Csv.Time(e.EffectiveAt), e.Status.ToString(), Csv.Time(e.TookEffectAt), e.CustomerCount.ToString(CultureInfo.InvariantCulture)]));
        Attachment(http, "subprocessor-changes.csv");
        return Results.Text(csv, "text/csv; charset=utf-8");
    }

    internal static IResult NewAsync(HttpContext http, ProcessorDirectory directory) =>
        Html(200, ChangePages.Announce(Page(http), AnnounceChangeForm.Empty(directory.Services)));

    /// <summary>
    /// The announcement form, read by the API's reader and taken through the same command as <c>POST /api/subprocessor-changes</c>
    /// with the form's key as its Idempotency-Key: bad input or a refusal (too little notice) shows the form again, as typed,
    /// with the reason, and stores nothing; an announcement goes to the change's page.
    /// </summary>
    internal static async Task<IResult> AnnounceAsync(
        HttpContext http, SubprocessorChangeWorkflow workflow, ProcessorDirectory directory, CancellationToken cancellationToken)
    {
        var page = Page(http);
        var form = AnnounceChangeForm.Posted(await http.Request.ReadFormAsync(cancellationToken), directory.Services);
        var (change, error) = ChangeRequestReader.Read(form.Body(page.Zone));
        if (error is not null)
        {
            return Html(400, ChangePages.Announce(page, form with { Message = CommandForm.Message("Not announced", [error]) }));
        }

        var commanderId = http.User.CommanderId();
        var id = ChangeId.FromKey(commanderId, form.Key);
        var (step, state) = await workflow.HandleAsync(id, new AnnounceChange(change!, commanderId), cancellationToken);
        if (step.Refusal is { } refused)
        {
            var reason = refused.Field is { } field ? $"{field}: {refused.Reason}" : refused.Reason;
            return Html(refused.Kind == RefusalKind.Conflict ? 409 : 400, ChangePages.Announce(page, form with { Message = "Not announced: " + reason }));
        }

        if (step.IsNothing && !SubprocessorChangeEndpoints.SameChange(state!.Change, change!))
        {
            return Html(409, ChangePages.Announce(page, form with { Message = $"Not announced: this form was sent already, as change {id}; open a new form for another change." }));
        }

        return SeeOther($"{ChangePages.Link(id)}?done=announced");
    }

    internal static async Task<IResult> ChangeAsync(
        HttpContext http, string id, string? done, SubprocessorChangeStore store, NoticeStore notices, FrozenRecipientStore frozen, CancellationToken cancellationToken)
    {
        if (await ReadAsync(store, notices, frozen, id, cancellationToken) is not { } view)
        {
            return NotFound(http);
        }

        var message = done switch
        {
            "announced" => "Announced. It waits for a decision below; nothing is sent before it is approved.",
            "approve" => "Approved. The notices are going out.",
            "reject" => "Rejected. Nothing will be sent.",
            "withdraw" => "Withdrawn. Every customer notified gets the withdrawal notice.",
            "outcome" => "The objection's outcome is recorded.",
            "unchanged" => "That was recorded already; nothing changed.",
            _ => null,
        };
        return Html(200, ChangePages.Change(Page(http), view, message, error: false));
    }

    /// <summary>The evidence of one change as a file: the API's view with every notice, objection, consent and the timeline.</summary>
    internal static async Task<IResult> ExportJsonAsync(
        HttpContext http, string id, SubprocessorChangeStore store, NoticeStore notices, FrozenRecipientStore frozen, CancellationToken cancellationToken)
    {
        if (await ReadAsync(store, notices, frozen, id, cancellationToken) is not { } view)
        {
            return NotFound(http);
        }

        Attachment(http, $"change-{id}.json");
        return TypedResults.Ok(view);
    }

    /// <summary>Its notices as CSV, as the CLI's <c>change export ID</c> writes them.</summary>
    internal static async Task<IResult> NoticesCsvAsync(
        HttpContext http, string id, SubprocessorChangeStore store, NoticeStore notices, FrozenRecipientStore frozen, CancellationToken cancellationToken)
    {
        if (await ReadAsync(store, notices, frozen, id, cancellationToken) is not { } view)
        {
            return NotFound(http);
        }

        Attachment(http, $"change-{id}-notices.csv");
        return Results.Text(ChangeNoticeCsv.Write(view.Notices), "text/csv; charset=utf-8");
    }

    internal static async Task<IResult> DecideAsync(
        HttpContext http, string id, SubprocessorChangeWorkflow workflow, SubprocessorChangeStore store, NoticeStore notices, FrozenRecipientStore frozen,
        CancellationToken cancellationToken)
    {
        if (await ReadAsync(store, notices, frozen, id, cancellationToken) is not { } before)
        {
            return NotFound(http);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var (decision, errors) = ChangeCommandReader.ReadDecision(CommandForm.Body(form, "decision", "comment"), http.User.CommanderId());
        if (errors.Count > 0)
        {
            return Html(400, ChangePages.Change(Page(http), before, CommandForm.Message("Not recorded", errors), error: true));
        }

        var (step, _) = await workflow.HandleAsync(id, decision!, cancellationToken);
        return await AnsweredAsync(http, id, step, Kebab.Of(decision!.Decision), store, notices, frozen, before, cancellationToken);
    }

    internal static async Task<IResult> OutcomeAsync(
        HttpContext http, string id, string customerId, SubprocessorChangeWorkflow workflow, SubprocessorChangeStore store,
        NoticeStore notices, FrozenRecipientStore frozen, CancellationToken cancellationToken)
    {
        if (await ReadAsync(store, notices, frozen, id, cancellationToken) is not { } before)
        {
            return NotFound(http);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var (outcome, errors) = ChangeCommandReader.ReadOutcome(CommandForm.Body(form, "outcome", "comment"), customerId, http.User.CommanderId());
        if (errors.Count > 0)
        {
            return Html(400, ChangePages.Change(Page(http), before, CommandForm.Message("Not recorded. Choose the objection's outcome", errors), error: true));
        }

        var (step, _) = await workflow.HandleAsync(id, outcome!, cancellationToken);
        return await AnsweredAsync(http, id, step, "outcome", store, notices, frozen, before, cancellationToken);
    }

    /// <summary>A refusal shows the page again with its reason (400 for bad input, 404 for an unknown customer, else 409); a step goes back to the page.</summary>
    private static async Task<IResult> AnsweredAsync(
        HttpContext http, string id, SubprocessorChangeStep step, string done, SubprocessorChangeStore store, NoticeStore notices, FrozenRecipientStore frozen, ChangeView before,
        CancellationToken cancellationToken)
    {
        if (step.Refusal is { } refused)
        {
            var status = refused.Kind switch
            {
                RefusalKind.Invalid => 400,
                RefusalKind.NotFound => 404,
                _ => 409,
            };
            var now = await ReadAsync(store, notices, frozen, id, cancellationToken) ?? before;
            var reason = refused.Field is { } field ? $"{field}: {refused.Reason}" : refused.Reason;
            return Html(status, ChangePages.Change(Page(http), now, "Not recorded: " + reason, error: true));
        }

        return SeeOther($"{ChangePages.Link(id)}?done={(step.IsNothing ? "unchanged" : done)}");
    }

    /// <summary>The change with every frozen recipient and notice: the console's page shows them all.</summary>
    private static async Task<ChangeView?> ReadAsync(SubprocessorChangeStore store, NoticeStore notices, FrozenRecipientStore frozen, string id, CancellationToken cancellationToken) =>
        ChangeId.IsWellFormed(id) && await store.LoadAsync(id, cancellationToken) is { State.Change: not null } stored
            ? ChangeView.Of(
                stored.State, await store.HistoryAsync(id, cancellationToken), await notices.AllAsync(id, cancellationToken),
                await ChangeNoticeSource.RecipientsOfAsync(frozen, stored.State, 0, stored.State.RecipientCount, cancellationToken))
            : null;

    private static IResult NotFound(HttpContext http) =>
        Html(404, ConsolePages.ProblemPage(Page(http), "No such sub-processor change", "There is no sub-processor change with that id."));
}
